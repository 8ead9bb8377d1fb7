//! One drive in memory: its files, its recycle bin (the files marked trashed) and its change feed, to which
//! every change appends.
//!
//! A file's metadata is held once, whichever of the drive, its feed and the copy a reset goes back to refers to
//! it; a seed's generated photos are not held at all, only their numbers (see [`Version`]).

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

use drivekit_core::Timestamp;
use drivekit_core::pds::{DeltaItem, DeltaOp, File};

use crate::clock::{iso_millis, now_unix_ms};
use crate::seed::{DriveSeed, ROOT_ID, generated_photo, generated_photo_id, photo_name};

/// Why a change to a drive cannot be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum DriveError {
    /// No such file (or it was deleted).
    FileNotFound(String),
    /// The file exists already.
    FileExists(String),
    /// The parent is not a folder of this drive.
    ParentNotFolder(String),
    /// A folder cannot be moved into itself or below itself.
    MoveIntoItself(String),
}

/// A file as the drive holds it: its current version, or the one a change in the feed left.
#[derive(Debug, Clone)]
enum Version {
    /// The seed's generated photo with this number, as it was made: a file under the root, never trashed, built
    /// again each time it is read. Holding only the number is what lets a drive hold a million of them.
    Generated(usize),
    /// Any other file (a generated photo too, once changed), shared by whatever refers to this version.
    Kept(Arc<File>),
}

impl Version {
    /// The file this version stands for, in the drive `drive_id` of `domain_id`.
    fn file(&self, domain_id: &str, drive_id: &str) -> Cow<'_, File> {
        match self {
            Version::Generated(index) => Cow::Owned(generated_photo(domain_id, drive_id, *index)),
            Version::Kept(file) => Cow::Borrowed(file),
        }
    }

    fn parent(&self) -> Option<&str> {
        match self {
            Version::Generated(_) => Some(ROOT_ID),
            Version::Kept(file) => file.parent_file_id.as_deref(),
        }
    }

    fn name(&self) -> Cow<'_, str> {
        match self {
            Version::Generated(index) => Cow::Owned(photo_name(*index)),
            Version::Kept(file) => Cow::Borrowed(file.name.as_deref().unwrap_or_default()),
        }
    }

    fn is_folder(&self) -> bool {
        matches!(self, Version::Kept(file) if file.is_folder())
    }

    fn is_trashed(&self) -> bool {
        matches!(self, Version::Kept(file) if file.trashed == Some(true))
    }
}

/// One entry of the change feed.
#[derive(Debug, Clone)]
struct Change {
    op: DeltaOp,
    /// The file as it was right after the change.
    version: Version,
    /// The folders the file was under, before and after the change, for `sync_root_id` scoping.
    scope: Vec<String>,
}

/// A page of the change feed. Its files are built by [`ChangesPage::items`], once the drive's lock is released:
/// other requests need not wait while a page of generated photos is made.
pub(crate) struct ChangesPage {
    /// What changed, and the version it left.
    changes: Vec<(DeltaOp, Version)>,
    /// The drive's ids, which generated photos are built with.
    domain_id: String,
    drive_id: String,
    /// The feed position after the last change read.
    pub position: usize,
    pub has_more: bool,
}

impl ChangesPage {
    /// The page's items, oldest first, each with the file as it was right after the change.
    pub fn items(&self) -> Vec<DeltaItem> {
        let items = self.changes.iter().map(|(op, version)| {
            let file = version.file(&self.domain_id, &self.drive_id).into_owned();
            DeltaItem { file_id: file.file_id.clone(), op: Some(op.clone()), file: Some(file), ..DeltaItem::default() }
        });
        items.collect()
    }
}

/// A drive's files and change feed.
#[derive(Debug, Clone)]
pub(crate) struct Drive {
    domain_id: String,
    drive_id: String,
    /// Every file, trashed or not, by id.
    files: HashMap<String, Version>,
    changes: Vec<Change>,
}

impl Drive {
    /// The drive a seed describes; its feed holds the seed's own creation (and the trashing of trashed files).
    pub fn from_seed(domain_id: &str, seed: &DriveSeed) -> Result<Self, DriveError> {
        let count = seed.generated_photos + seed.files.len();
        let mut drive = Drive {
            domain_id: domain_id.to_owned(),
            drive_id: seed.drive_id.clone(),
            files: HashMap::with_capacity(count),
            changes: Vec::with_capacity(count + 128),
        };
        for index in 0..seed.generated_photos {
            drive.files.insert(generated_photo_id(index), Version::Generated(index));
            // Under the root, so below no folder that a `sync_root_id` could name.
            drive.changes.push(Change { op: DeltaOp::Create, version: Version::Generated(index), scope: Vec::new() });
        }
        for file in &seed.files {
            let trashed_at = file.trashed_at.clone();
            let created = drive.create(File { trashed: Some(false), trashed_at: None, ..file.clone() })?;
            if file.trashed == Some(true) {
                let id = created.file_id.unwrap_or_default();
                drive.change(&id, DeltaOp::Trash, |file| {
                    file.trashed = Some(true);
                    file.trashed_at = trashed_at;
                })?;
            }
        }
        Ok(drive)
    }

    /// The file a version of one of this drive's files stands for.
    fn build<'a>(&self, version: &'a Version) -> Cow<'a, File> {
        version.file(&self.domain_id, &self.drive_id)
    }

    /// A file, trashed or not.
    pub fn file(&self, file_id: &str) -> Option<Cow<'_, File>> {
        self.files.get(file_id).map(|version| self.build(version))
    }

    /// Whether `file_id` is a folder of this drive (or its root).
    fn is_folder(&self, file_id: &str) -> bool {
        file_id == ROOT_ID || self.files.get(file_id).is_some_and(Version::is_folder)
    }

    /// A file in the same folder, other than `except`, not in the recycle bin, with this name.
    pub fn sibling_named(&self, parent: &str, name: &str, except: &str) -> Option<Cow<'_, File>> {
        let (_, version) = self.files.iter().find(|(file_id, version)| {
            version.parent() == Some(parent) && version.name() == name && *file_id != except && !version.is_trashed()
        })?;
        Some(self.build(version))
    }

    /// The folders above a file, nearest first, up to (not including) the root.
    fn ancestors(&self, file_id: &str) -> Vec<String> {
        let parent_of = |file_id: &str| self.files.get(file_id).and_then(Version::parent).map(str::to_owned);
        let mut ancestors = Vec::new();
        let mut current = parent_of(file_id);
        while let Some(parent) = current.filter(|parent| parent != ROOT_ID && !ancestors.contains(parent)) {
            current = parent_of(&parent);
            ancestors.push(parent);
        }
        ancestors
    }

    /// Makes `file` the current version of `file_id` and records `op` with it, seen from the folders in `scope`
    /// and those the file is under now.
    fn record(&mut self, op: DeltaOp, file_id: &str, file: File, mut scope: Vec<String>) -> File {
        let file = Arc::new(file);
        self.files.insert(file_id.to_owned(), Version::Kept(Arc::clone(&file)));
        for ancestor in self.ancestors(file_id) {
            if !scope.contains(&ancestor) {
                scope.push(ancestor);
            }
        }
        self.changes.push(Change { op, version: Version::Kept(Arc::clone(&file)), scope });
        File::clone(&file)
    }

    /// Adds a file (`file_id`, `name` and `parent_file_id` set by the caller) and records `create`.
    pub fn create(&mut self, mut file: File) -> Result<File, DriveError> {
        let file_id = file.file_id.clone().unwrap_or_default();
        if self.files.contains_key(&file_id) {
            return Err(DriveError::FileExists(file_id));
        }
        let parent = file.parent_file_id.get_or_insert_with(|| ROOT_ID.to_owned()).clone();
        if !self.is_folder(&parent) {
            return Err(DriveError::ParentNotFolder(parent));
        }
        file.domain_id = Some(self.domain_id.clone());
        file.drive_id = Some(self.drive_id.clone());
        let now = Timestamp::new(iso_millis(now_unix_ms()));
        file.created_at.get_or_insert_with(|| now.clone());
        file.updated_at.get_or_insert(now);
        file.file_type.get_or_insert_with(|| "file".to_owned());
        Ok(self.record(DeltaOp::Create, &file_id, file, Vec::new()))
    }

    /// Changes a file with `edit`, stamps `updated_at` and records `op`; answers the file as it is now.
    pub fn change(&mut self, file_id: &str, op: DeltaOp, edit: impl FnOnce(&mut File)) -> Result<File, DriveError> {
        let mut file = self.file(file_id).ok_or_else(|| DriveError::FileNotFound(file_id.to_owned()))?.into_owned();
        // The folders it was under: a move is seen from both the folder it left and the one it entered.
        let scope = self.ancestors(file_id);
        edit(&mut file);
        file.updated_at = Some(Timestamp::new(iso_millis(now_unix_ms())));
        Ok(self.record(op, file_id, file, scope))
    }

    /// Moves a file to another folder.
    pub fn move_to(&mut self, file_id: &str, parent: &str) -> Result<File, DriveError> {
        if !self.is_folder(parent) {
            return Err(DriveError::ParentNotFolder(parent.to_owned()));
        }
        if parent == file_id || self.ancestors(parent).iter().any(|ancestor| ancestor == file_id) {
            return Err(DriveError::MoveIntoItself(file_id.to_owned()));
        }
        self.change(file_id, DeltaOp::Move, |file| file.parent_file_id = Some(parent.to_owned()))
    }

    /// Moves a file to the recycle bin.
    pub fn trash(&mut self, file_id: &str) -> Result<File, DriveError> {
        let now = Timestamp::new(iso_millis(now_unix_ms()));
        self.change(file_id, DeltaOp::Trash, |file| {
            file.trashed = Some(true);
            file.trashed_at = Some(now);
        })
    }

    /// Takes a file out of the recycle bin.
    pub fn restore(&mut self, file_id: &str) -> Result<File, DriveError> {
        self.change(file_id, DeltaOp::Restore, |file| {
            file.trashed = Some(false);
            file.trashed_at = None;
        })
    }

    /// Deletes a file for good (its descendants go with it, each recorded).
    pub fn delete(&mut self, file_id: &str) -> Result<File, DriveError> {
        if !self.files.contains_key(file_id) {
            return Err(DriveError::FileNotFound(file_id.to_owned()));
        }
        let children: Vec<String> = self
            .files
            .iter()
            .filter(|(_, version)| version.parent() == Some(file_id))
            .map(|(child, _)| child.clone())
            .collect();
        for child in children {
            self.delete(&child)?;
        }
        let scope = self.ancestors(file_id);
        let version = self.files.remove(file_id).ok_or_else(|| DriveError::FileNotFound(file_id.to_owned()))?;
        let file = self.build(&version).into_owned();
        self.changes.push(Change { op: DeltaOp::Delete, version, scope });
        Ok(file)
    }

    /// The feed's newest position.
    pub fn last_position(&self) -> usize {
        self.changes.len()
    }

    /// Up to `limit` changes after `position`, only those under `sync_root` when given.
    pub fn changes_after(&self, position: usize, limit: usize, sync_root: Option<&str>) -> ChangesPage {
        let in_scope = |change: &&Change| sync_root.is_none_or(|root| change.scope.iter().any(|id| id == root));
        let mut changes = Vec::with_capacity(limit.min(self.changes.len()));
        let mut end = position;
        for (index, change) in self.changes.iter().enumerate().skip(position) {
            if !in_scope(&change) {
                end = index + 1;
                continue;
            }
            if changes.len() == limit {
                break;
            }
            changes.push((change.op.clone(), change.version.clone()));
            end = index + 1;
        }
        let has_more = self.changes[end..].iter().any(|change| in_scope(&change));
        let (domain_id, drive_id) = (self.domain_id.clone(), self.drive_id.clone());
        ChangesPage { changes, domain_id, drive_id, position: end, has_more }
    }

    /// The recycle bin in name order (ties by id), from the entry after `after` (a name and, for ties, an id).
    pub fn recyclebin(&self, after: Option<(&str, Option<&str>)>, limit: usize) -> (Vec<File>, bool) {
        let mut trashed: Vec<(Cow<'_, str>, &str, &Version)> = self
            .files
            .iter()
            .filter(|(_, version)| version.is_trashed())
            .map(|(file_id, version)| (version.name(), file_id.as_str(), version))
            .collect();
        trashed.sort_unstable_by(|(name, id, _), (other_name, other_id, _)| (name, id).cmp(&(other_name, other_id)));
        let start = match after {
            None => 0,
            Some((after_name, after_id)) => trashed.partition_point(|(name, id, _)| match after_id {
                Some(after_id) => (name.as_ref(), *id) <= (after_name, after_id),
                None => name.as_ref() <= after_name,
            }),
        };
        let page: Vec<File> =
            trashed.iter().skip(start).take(limit).map(|(_, _, version)| self.build(version).into_owned()).collect();
        let has_more = start + page.len() < trashed.len();
        (page, has_more)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::seed::{DRIVE_ID, SYNC_ROOT_ID, Seed};

    fn reference() -> Drive {
        let seed = Seed::reference();
        Drive::from_seed(&seed.domain_id, &seed.drives[0]).unwrap()
    }

    #[test]
    fn the_feed_holds_each_seeded_file_once_plus_its_trashing() {
        let seed = Seed::reference();
        let drive = reference();
        let trashed = seed.drives[0].files.iter().filter(|f| f.trashed == Some(true)).count();
        assert_eq!(drive.last_position(), seed.drives[0].files.len() + trashed);
        assert_eq!(drive.file("9520943DC264").and_then(|f| f.drive_id.clone()).as_deref(), Some(DRIVE_ID));
    }

    #[test]
    fn sync_root_scoping_sees_only_changes_below_the_folder() {
        let page = reference().changes_after(0, 100, Some(SYNC_ROOT_ID));
        assert!(!page.has_more);
        let items = page.items();
        assert!(items.len() > 2);
        assert!(items.iter().all(|item| item.file_id.as_deref() != Some(SYNC_ROOT_ID)));
    }

    #[test]
    fn a_move_out_of_a_synced_folder_is_seen_from_it() {
        let mut drive = reference();
        let end = drive.last_position();
        drive.move_to("122fb09598ae66777c7040109a16f49381f6abe2", ROOT_ID).unwrap();
        let items = drive.changes_after(end, 100, Some(SYNC_ROOT_ID)).items();
        assert_eq!(items.len(), 1);
        assert_eq!(items[0].op, Some(DeltaOp::Move));
    }

    #[test]
    fn generated_photos_belong_to_their_drive_and_keep_their_history() {
        let seed = DriveSeed { drive_id: "7".to_owned(), generated_photos: 3, files: Vec::new() };
        let mut drive = Drive::from_seed("d1", &seed).unwrap();
        let id = generated_photo_id(2);
        let photo = drive.file(&id).unwrap().into_owned();
        assert_eq!((photo.domain_id.as_deref(), photo.drive_id.as_deref()), (Some("d1"), Some("7")));
        let sibling = drive.sibling_named(ROOT_ID, "IMG_00002.jpg", "another").and_then(|file| file.file_id.clone());
        assert_eq!(sibling.as_deref(), Some(id.as_str()));

        drive.change(&id, DeltaOp::Rename, |file| file.name = Some("renamed.jpg".to_owned())).unwrap();
        drive.delete(&id).unwrap();
        assert!(drive.file(&id).is_none());
        let items = drive.changes_after(0, 100, None).items();
        let history: Vec<(DeltaOp, Option<String>)> = items
            .into_iter()
            .filter(|item| item.file_id.as_deref() == Some(id.as_str()))
            .map(|item| (item.op.unwrap(), item.file.unwrap().name))
            .collect();
        let name = |name: &str| Some(name.to_owned());
        assert_eq!(
            history,
            [
                (DeltaOp::Create, name("IMG_00002.jpg")),
                (DeltaOp::Rename, name("renamed.jpg")),
                (DeltaOp::Delete, name("renamed.jpg"))
            ]
        );
    }

    #[test]
    fn folders_cannot_move_below_themselves() {
        let mut drive = reference();
        let photos = drive.file("9520943DC264").and_then(|f| f.parent_file_id.clone()).unwrap();
        assert_eq!(
            drive.move_to(SYNC_ROOT_ID, &photos).unwrap_err(),
            DriveError::MoveIntoItself(SYNC_ROOT_ID.to_owned())
        );
    }
}
