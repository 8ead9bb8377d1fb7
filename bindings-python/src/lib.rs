//! The pip module "drivekit": the core's calls driven over a Rust HTTP client, for threads and for asyncio.
//!
//! Every decision (validation, retries, pagination, auth) is the core's; this crate only performs what a
//! [`drivekit_core::call::Call`] asks for and shapes it as Python.

use pyo3::prelude::*;

mod arguments;
mod clients;
mod decode;
mod driver;
mod errors;
mod koodrive;
mod pagination;
mod pds;
mod transport;

/// Pages are decoded on the runtime's threads and dropped on Python's: glibc's allocator spends more time on
/// that hand-over than the decoding takes, mimalloc a fraction of it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The native part of `drivekit`; import `drivekit` instead.
#[pymodule]
#[pyo3(name = "_native")]
fn drivekit_native(module: &Bound<'_, PyModule>) -> PyResult<()> {
    use drivekit_core::{Timestamp, koodrive as kd, pds as p};

    module.add_class::<pds::PdsClient>()?;
    module.add_class::<pds::AsyncPdsClient>()?;
    module.add_class::<koodrive::KooDriveClient>()?;
    module.add_class::<koodrive::AsyncKooDriveClient>()?;
    module.add_class::<pagination::Pages>()?;
    module.add_class::<pagination::Items>()?;
    module.add_class::<pagination::AsyncPages>()?;
    module.add_class::<pagination::AsyncItems>()?;
    module.add_function(wrap_pyfunction!(decode::decode_response, module)?)?;
    module.add_function(wrap_pyfunction!(decode::pagination_after, module)?)?;

    module.add_class::<Timestamp>()?;
    module.add_class::<p::File>()?;
    module.add_class::<p::InvestigationInfo>()?;
    module.add_class::<p::DirSizeInfo>()?;
    module.add_class::<p::StreamInfo>()?;
    module.add_class::<p::ImageMediaMetadata>()?;
    module.add_class::<p::ImageTag>()?;
    module.add_class::<p::FaceThumbnail>()?;
    module.add_class::<p::ImageQuality>()?;
    module.add_class::<p::VideoMediaMetadata>()?;
    module.add_class::<p::VideoStream>()?;
    module.add_class::<p::AudioStream>()?;
    module.add_class::<p::SemanticResult>()?;
    module.add_class::<p::DocumentContent>()?;
    module.add_class::<p::ElementContent>()?;
    module.add_class::<p::SceneContent>()?;
    module.add_class::<p::KeyFrame>()?;
    module.add_class::<p::DeltaPage>()?;
    module.add_class::<p::DeltaItem>()?;
    module.add_class::<p::RecyclebinPage>()?;
    module.add_class::<p::LastCursor>()?;
    module.add_class::<kd::AlbumFilesPage>()?;
    module.add_class::<kd::AlbumContent>()?;
    Ok(())
}
