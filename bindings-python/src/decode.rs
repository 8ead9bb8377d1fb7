//! Reading responses fetched by other means: the shared fixtures and the decoding benchmark use it.

use drivekit_core::Error;
use drivekit_core::call::Exchange;
use drivekit_core::http::HttpResponse;
use drivekit_core::koodrive::{self, AlbumFilesPage, KooDriveClient, ListAlbumFilesRequest};
use drivekit_core::paginate::{Pages, Paginated};
use drivekit_core::pds::{
    self, DeltaPage, Endpoint, GetFileRequest, GetLastCursorRequest, ListDeltaRequest, ListRecyclebinRequest,
    PdsClient, PdsOperation, RecyclebinPage, UpdateFileRequest,
};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;

use crate::errors::to_py_err;

/// Where parsing needs a client, this one stands in: its address and token are never used.
const UNUSED_BASE_URL: &str = "http://127.0.0.1:9";

fn parse_pds<O: PdsOperation>(operation: O, response: &HttpResponse) -> Result<O::Output, Error> {
    let client = PdsClient::new(Endpoint::base_url(UNUSED_BASE_URL)?, pds::Credentials::access_token("unused")?);
    client.call(operation)?.exchange().parse(response)
}

/// Reads an operation's response (`ListDelta`, `ListRecyclebin`, `GetFile`, `UpdateFile`, `GetLastCursor` or
/// `ListAlbumFiles`) as the clients do: the model, or the error the answer means.
#[pyfunction]
#[pyo3(signature = (operation, *, status, body, headers=Vec::new()))]
pub(crate) fn decode_response(
    py: Python<'_>,
    operation: &str,
    status: u16,
    body: &[u8],
    headers: Vec<(String, String)>,
) -> PyResult<Py<PyAny>> {
    let response = HttpResponse { status, headers, body: body.to_vec() };
    let decoded = match operation {
        "ListDelta" => parse_pds(ListDeltaRequest::new("1"), &response).map(|page| Py::new(py, page).map(Py::into_any)),
        "ListRecyclebin" => {
            parse_pds(ListRecyclebinRequest::new("1"), &response).map(|page| Py::new(py, page).map(Py::into_any))
        }
        "GetFile" => {
            parse_pds(GetFileRequest::in_drive("1", "f"), &response).map(|file| Py::new(py, file).map(Py::into_any))
        }
        "UpdateFile" => {
            parse_pds(UpdateFileRequest::new("1", "f"), &response).map(|file| Py::new(py, file).map(Py::into_any))
        }
        "GetLastCursor" => {
            parse_pds(GetLastCursorRequest::new("1"), &response).map(|cursor| Py::new(py, cursor).map(Py::into_any))
        }
        "ListAlbumFiles" => {
            let credentials =
                koodrive::Credentials::access_token("unused", "unused").map_err(|err| to_py_err(py, err))?;
            let client = KooDriveClient::new(UNUSED_BASE_URL, credentials).map_err(|err| to_py_err(py, err))?;
            client
                .call(ListAlbumFilesRequest::new("a"))
                .and_then(|call| call.exchange().parse(&response))
                .map(|page| Py::new(py, page).map(Py::into_any))
        }
        other => return Err(PyValueError::new_err(format!("no operation named {other:?}"))),
    };
    decoded.map_err(|err| to_py_err(py, err))?
}

/// What the core's paginator concludes after a first page: whether the listing is over, and the position to
/// continue from (or, for a finished delta feed, to save).
#[pyfunction]
pub(crate) fn pagination_after(py: Python<'_>, page: &Bound<'_, PyAny>) -> PyResult<(bool, Option<String>)> {
    fn after<R: Paginated>(request: R, page: &R::Page) -> Result<(bool, Option<String>), Error> {
        let mut pages = Pages::new(request);
        pages.advance(page)?;
        Ok((pages.is_done(), pages.position().map(str::to_owned)))
    }
    let verdict = if let Ok(page) = page.cast::<DeltaPage>() {
        after(ListDeltaRequest::new("1"), page.get())
    } else if let Ok(page) = page.cast::<RecyclebinPage>() {
        after(ListRecyclebinRequest::new("1"), page.get())
    } else if let Ok(page) = page.cast::<AlbumFilesPage>() {
        after(ListAlbumFilesRequest::new("a"), page.get())
    } else {
        return Err(PyTypeError::new_err("expected a DeltaPage, RecyclebinPage or AlbumFilesPage"));
    };
    verdict.map_err(|err| to_py_err(py, err))
}
