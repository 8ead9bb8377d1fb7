//! What the mock holds when it starts and after a reset: the reference pages' samples (the default), a drive
//! of generated photos for benchmarks and large drives, or a JSON file. Everything here is deterministic, so
//! that tests in every language can rely on the same ids, names and times.

use std::fmt::Write;

use drivekit_core::koodrive::AlbumContent;
use drivekit_core::pds::{File, ImageMediaMetadata};
use drivekit_core::{SignedUrl, Timestamp};
use serde::{Deserialize, Serialize};

use crate::clock::iso_millis;

/// The domain of the default seed (the reference pages' `domain_id`).
pub const DOMAIN_ID: &str = "bj1";
/// The drive of the default seed (the reference pages' `drive_id`).
pub const DRIVE_ID: &str = "1";
/// The share (GetFile's example `share_id`) that exposes drive `1` to the share token.
pub const SHARE_ID: &str = "7JQX1FswpQ8";
/// The KooDrive album of the default seed (the page's example `albumId`).
pub const ALBUM_ID: &str = "1795607640592646273";
/// The id PDS gives the top of every drive.
pub const ROOT_ID: &str = "root";
/// The folder ListDelta's page uses as `sync_root_id`.
pub const SYNC_ROOT_ID: &str = "622fb09598ae66777c7040109a16f49381f6abe1";
/// How many generated files the default recycle bin holds (besides the reference page's `1.mov`).
pub const GENERATED_TRASH: usize = 125;
/// How many generated files the default album holds (besides the page's two samples).
pub const GENERATED_ALBUM_ITEMS: usize = 250;

/// The reference pages' sample file (GetFile, ListRecyclebin): `1.mov`, in the recycle bin.
const PAGE_SAMPLE_FILE: &str = include_str!("../../fixtures/pds/get_file/sample.json");
/// KooDrive's sample page, made well-formed.
const PAGE_SAMPLE_ALBUM: &str = include_str!("../../fixtures/koodrive/list_album_files/sample.json");

/// The content of a mock: drives with their files, shares, and KooDrive albums; also the format of `--data`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Seed {
    /// The domain every drive belongs to.
    #[serde(default = "default_domain")]
    pub domain_id: String,
    /// The drives.
    #[serde(default)]
    pub drives: Vec<DriveSeed>,
    /// Share links: a share id and the drive it exposes.
    #[serde(default)]
    pub shares: Vec<ShareSeed>,
    /// KooDrive albums.
    #[serde(default)]
    pub albums: Vec<AlbumSeed>,
}

/// A drive and its files, parents before children; a file with `"trashed": true` starts in the recycle bin.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct DriveSeed {
    /// The drive id.
    pub drive_id: String,
    /// How many generated photos (`IMG_00000.jpg`, `IMG_00001.jpg`, …) the drive holds under its root, created
    /// before `files`. Each is built from its number when it is read, so they cost next to no memory.
    #[serde(default)]
    pub generated_photos: usize,
    /// The files, in the order they were created.
    #[serde(default)]
    pub files: Vec<File>,
}

/// A share link into a drive.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ShareSeed {
    /// The share id requests name.
    pub share_id: String,
    /// The drive it exposes.
    pub drive_id: String,
}

/// A KooDrive album and its files.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct AlbumSeed {
    /// The album id.
    pub album_id: String,
    /// The files in it.
    #[serde(default)]
    pub items: Vec<AlbumContent>,
}

fn default_domain() -> String {
    DOMAIN_ID.to_owned()
}

impl Seed {
    /// The reference pages' samples in drive `1` of domain `bj1`, a folder tree, a recycle bin of more than 120
    /// files, and album `1795607640592646273` of more than 250 photos.
    pub fn reference() -> Self {
        Seed {
            domain_id: DOMAIN_ID.to_owned(),
            drives: vec![DriveSeed { drive_id: DRIVE_ID.to_owned(), generated_photos: 0, files: reference_files() }],
            shares: vec![ShareSeed { share_id: SHARE_ID.to_owned(), drive_id: DRIVE_ID.to_owned() }],
            albums: vec![AlbumSeed { album_id: ALBUM_ID.to_owned(), items: reference_album() }],
        }
    }

    /// Drive `1` holding `count` generated photos directly under the root (so its delta feed has exactly
    /// `count` changes), with the default album beside it.
    pub fn synthetic(count: usize) -> Self {
        let drive = DriveSeed { drive_id: DRIVE_ID.to_owned(), generated_photos: count, files: Vec::new() };
        Seed { drives: vec![drive], ..Seed::reference() }
    }
}

/// Folders and files in creation order; ids that the reference pages or the fixtures use are kept as they are.
fn reference_files() -> Vec<File> {
    let videos = "3d5b846942cf94fa72324c8a4bda34e81da635a";
    let photos = hex_id("folder", 1);
    let documents = hex_id("folder", 2);
    let archive = hex_id("folder", 3);
    let mut files = vec![
        folder(ROOT_ID, videos, "Videos", 0),
        folder(ROOT_ID, SYNC_ROOT_ID, "Sync", 1),
        document(SYNC_ROOT_ID, "122fb09598ae66777c7040109a16f49381f6abe2", "notes.txt", 2),
        folder(SYNC_ROOT_ID, &photos, "Photos", 3),
        folder(ROOT_ID, &documents, "Documents", 4),
        folder(&documents, &archive, "Archive", 5),
        document(&documents, &hex_id("document", 1), "report.pdf", 6),
        document(&documents, &hex_id("document", 2), "预算 2024.xlsx", 7),
        document(&documents, &hex_id("document", 3), "Ünïcödé — naïve café.md", 8),
        photo(&photos, "9520943DC264", 9),
    ];
    files.extend((10..16).map(|minute| photo(&photos, &hex_id("photo", minute as u64), minute)));
    // The fixtures' existing `1.mov` (what UpdateFile with `refuse` reports) lives beside the page's sample.
    let mut live_mov = video(videos, "3a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d", "1.mov", 16);
    live_mov.description = Some("the live 1.mov".to_owned());
    files.push(live_mov);
    files.push(page_sample_file());
    files.extend((0..GENERATED_TRASH).map(|index| trashed_document(&archive, index)));
    files
}

/// GetFile's sample as the page shows it, less the signed URLs the mock makes per request.
fn page_sample_file() -> File {
    let mut file: File = serde_json::from_str(PAGE_SAMPLE_FILE).expect("the GetFile sample is a File");
    file.download_url = None;
    file.thumbnail = None;
    file.url = None;
    file
}

const WORDS: [&str; 12] =
    ["alpha", "Bravo", "charlie", "delta", "echo", "Foxtrot", "golf", "hotel", "india", "juliet", "kilo", "lima"];

/// Names are spread so that name order differs from creation order; two share a name on purpose (the
/// recycle bin must list both).
fn trashed_document(archive: &str, index: usize) -> File {
    let name = match index {
        0 | 1 => "duplicate.txt".to_owned(),
        2 => "ümlaut.txt".to_owned(),
        3 => "日本語.txt".to_owned(),
        _ => format!("{}-{:03}.txt", WORDS[(index * 7) % WORDS.len()], index),
    };
    let mut file = document(archive, &hex_id("trashed", index as u64), &name, 20 + index);
    file.trashed = Some(true);
    file.trashed_at = Some(Timestamp::new(seed_time(20 + index, 30)));
    file
}

/// The default seed's times: minutes after 2024-01-01T00:00:00Z.
fn seed_time(minute: usize, second: u64) -> String {
    const JAN_1_2024_MS: u64 = 1_704_067_200_000;
    iso_millis(JAN_1_2024_MS + minute as u64 * 60_000 + second * 1000)
}

fn base(parent: &str, file_id: &str, name: &str, file_type: &str, minute: usize) -> File {
    let created = Timestamp::new(seed_time(minute, 0));
    File {
        domain_id: Some(DOMAIN_ID.to_owned()),
        drive_id: Some(DRIVE_ID.to_owned()),
        file_id: Some(file_id.to_owned()),
        name: Some(name.to_owned()),
        file_type: Some(file_type.to_owned()),
        parent_file_id: Some(parent.to_owned()),
        created_at: Some(created.clone()),
        updated_at: Some(created.clone()),
        local_created_at: Some(created.clone()),
        local_modified_at: Some(created),
        hidden: Some(false),
        starred: Some(false),
        status: Some("available".to_owned()),
        trashed: Some(false),
        creator_id: Some("c9b7a5aa04d14ae3867fdc886fa01da4".to_owned()),
        creator_name: Some("mock user".to_owned()),
        creator_type: Some("User".to_owned()),
        last_modifier_id: Some("c9b7a5aa04d14ae3867fdc886fa01da4".to_owned()),
        last_modifier_name: Some("mock user".to_owned()),
        last_modifier_type: Some("User".to_owned()),
        ..File::default()
    }
}

fn folder(parent: &str, file_id: &str, name: &str, minute: usize) -> File {
    base(parent, file_id, name, "folder", minute)
}

fn content(parent: &str, file_id: &str, name: &str, minute: usize, mime: &str, category: &str) -> File {
    let number = fnv(file_id);
    let content_hash = u128::from(number) << 32 | u128::from(splitmix(number) >> 32);
    let upload_id = u128::from(splitmix(number ^ 1)) << 64 | u128::from(number);
    let extension = name.rsplit_once('.').map_or("", |(_, extension)| extension);
    File {
        size: Some(1024 + number % 8_000_000),
        content_type: Some(mime.to_owned()),
        mime_type: Some(mime.to_owned()),
        file_extension: Some(extension.to_owned()),
        mime_extension: Some(extension.to_owned()),
        category: Some(category.to_owned()),
        content_hash: Some(sized(40, format_args!("{content_hash:040X}"))),
        content_hash_name: Some("sha1".to_owned()),
        crc64_hash: Some(splitmix(number).to_string()),
        upload_id: Some(sized(32, format_args!("{upload_id:032X}"))),
        revision_id: Some(hex_id("revision", number)),
        revision_version: Some(1),
        labels: Some(Vec::new()),
        ..base(parent, file_id, name, "file", minute)
    }
}

fn document(parent: &str, file_id: &str, name: &str, minute: usize) -> File {
    let mime = match name.rsplit_once('.').map(|(_, extension)| extension) {
        Some("pdf") => "application/pdf",
        Some("xlsx") => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        Some("md") => "text/markdown",
        _ => "text/plain",
    };
    content(parent, file_id, name, minute, mime, "doc")
}

fn video(parent: &str, file_id: &str, name: &str, minute: usize) -> File {
    content(parent, file_id, name, minute, "video/quicktime", "video")
}

/// The name of photo number `index`, generated or in the default seed.
pub(crate) fn photo_name(index: usize) -> String {
    format!("IMG_{index:05}.jpg")
}

/// The id of a drive's generated photo number `index` (see [`DriveSeed::generated_photos`]).
pub(crate) fn generated_photo_id(index: usize) -> String {
    hex_id("synthetic", index as u64)
}

/// A drive's generated photo number `index`: the same file on every call.
pub(crate) fn generated_photo(domain_id: &str, drive_id: &str, index: usize) -> File {
    File {
        domain_id: Some(domain_id.to_owned()),
        drive_id: Some(drive_id.to_owned()),
        ..photo(ROOT_ID, &generated_photo_id(index), index)
    }
}

fn photo(parent: &str, file_id: &str, index: usize) -> File {
    let mut file = content(parent, file_id, &photo_name(index), index, "image/jpeg", "image");
    let landscape = index % 3 != 0;
    file.image_media_metadata = Some(ImageMediaMetadata {
        // Taken when it was created.
        time: file.created_at.clone(),
        width: Some(if landscape { 4032 } else { 3024 }),
        height: Some(if landscape { 3024 } else { 4032 }),
        location: Some("30.185453,120.218522".to_owned()),
        country: Some("China".to_owned()),
        province: Some("Zhejiang".to_owned()),
        city: Some("Hangzhou".to_owned()),
        ..ImageMediaMetadata::default()
    });
    file
}

/// KooDrive's two sample photos, then generated ones whose shooting, creation and update times are spread
/// independently, so that each sort order lists them differently.
fn reference_album() -> Vec<AlbumContent> {
    #[derive(Deserialize)]
    struct SamplePage {
        #[serde(rename = "contentList")]
        content_list: Vec<AlbumContent>,
    }
    let sample: SamplePage = serde_json::from_str(PAGE_SAMPLE_ALBUM).expect("the album sample is a page");
    let owner = "1765263620687613825";
    let mut items = sample.content_list;
    items.extend((0..GENERATED_ALBUM_ITEMS).map(|index| {
        const JAN_1_2025_MS: u64 = 1_735_689_600_000;
        const YEAR_MS: u64 = 365 * 24 * 3600 * 1000;
        let number = index as u64;
        let taken = JAN_1_2025_MS + splitmix(number * 3) % YEAR_MS;
        let created = JAN_1_2025_MS + splitmix(number * 3 + 1) % YEAR_MS;
        let edited = created + splitmix(number * 3 + 2) % (30 * 24 * 3600 * 1000);
        let id = format!("Fa{}", &hex_id("album", number)[..31]);
        let url = format!("https://obs.mock.invalid/{id}?X-Amz-Expires=3600&X-Amz-Signature=mock");
        AlbumContent {
            id: Some(id.clone()),
            take_time: Some(Timestamp::new(iso_millis(taken))),
            owner_id: Some(owner.to_owned()),
            file_name: Some(format!("IMG_{index:04}.jpg")),
            mime_type: Some("image/jpeg".to_owned()),
            file_type: Some("15".to_owned()),
            file_suffix: Some("jpg".to_owned()),
            parent_folder: Some(vec!["DGH956YIDkQArootIAACulBh_eemCA5EA1765263622625382272".to_owned()]),
            containers: Some(vec!["IAACulBh_eemCA5EA1765263622625382272".to_owned()]),
            created_time: Some(Timestamp::new(iso_millis(created))),
            edited_time: Some(Timestamp::new(iso_millis(edited))),
            recycled: Some(false),
            content_url: Some(SignedUrl::new(url.clone())),
            thumbnail_url: Some(SignedUrl::new(format!("{url}&x-image-process=image%2Fresize%2Cm_lfit%2Ch_128"))),
            favorite: Some(index % 17 == 0),
            add_time: Some(Timestamp::new(iso_millis(edited))),
            size: Some(20_000 + splitmix(number) % 5_000_000),
            creating_user: Some(owner.to_owned()),
            adder_user_id: Some(owner.to_owned()),
            ..AlbumContent::default()
        }
    }));
    items
}

/// A 40-character hexadecimal id, like PDS file ids, the same for the same tag and number.
fn hex_id(tag: &str, number: u64) -> String {
    let high = splitmix(fnv(tag) ^ number);
    let middle = splitmix(high ^ number);
    let low = splitmix(middle);
    sized(40, format_args!("{high:016x}{middle:016x}{:08x}", low >> 32))
}

/// `format!` into a string of the right size from the start. Generated photos are built again for every page
/// that lists them, and a string that grows as it is written is copied each time it outgrows its buffer.
fn sized(len: usize, text: std::fmt::Arguments<'_>) -> String {
    let mut written = String::with_capacity(len);
    written.write_fmt(text).expect("a String takes any text");
    written
}

/// SplitMix64: a fixed, well-spread sequence, so that "random" metadata is the same on every start.
fn splitmix(seed: u64) -> u64 {
    let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// FNV-1a of a text.
fn fnv(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reference_seed_is_deterministic_and_large_enough() {
        let (first, second) = (Seed::reference(), Seed::reference());
        let ids = |seed: &Seed| seed.drives[0].files.iter().map(|f| f.file_id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&first), ids(&second));
        let trashed = first.drives[0].files.iter().filter(|f| f.trashed == Some(true)).count();
        assert!(trashed >= 120, "{trashed}");
        assert!(first.albums[0].items.len() >= 250);
    }

    #[test]
    fn the_page_sample_keeps_its_ids() {
        let sample = page_sample_file();
        assert_eq!(sample.file_id.as_deref(), Some("5d79206586bb5dd69fb34c349282718146c55da7"));
        assert_eq!(sample.parent_file_id.as_deref(), Some("3d5b846942cf94fa72324c8a4bda34e81da635a"));
    }
}
