//! One drive in memory: its files, its recycle bin (the files marked trashed) and its change feed, to which
//! every change appends.

use std::collections::HashMap;

use drivekit_core::Timestamp;
use drivekit_core::pds::{DeltaItem, DeltaOp, File};

use crate::clock::{iso_millis, now_unix_ms};
use crate::seed::{DriveSeed, ROOT_ID};

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

/// One entry of the change feed.
#[derive(Debug, Clone)]
struct Change {
    op: DeltaOp,
    /// The file as it was right after the change.
    file: File,
    /// The folders the file was under, before and after the change, for `sync_root_id` scoping.
    scope: Vec<String>,
}

/// A page of the change feed.
pub(crate) struct ChangesPage {
    pub items: Vec<DeltaItem>,
    /// The feed position after the last change read.
    pub position: usize,
    pub has_more: bool,
}

/// A drive's files and change feed.
#[derive(Debug, Clone)]
pub(crate) struct Drive {
    domain_id: String,
    drive_id: String,
    files: HashMap<String, File>,
    changes: Vec<Change>,
}

impl Drive {
    /// The drive a seed describes; its feed holds the seed's own creation (and the trashing of trashed files).
    pub fn from_seed(domain_id: &str, seed: &DriveSeed) -> Result<Self, DriveError> {
        let mut drive = Drive {
            domain_id: domain_id.to_owned(),
            drive_id: seed.drive_id.clone(),
            files: HashMap::with_capacity(seed.files.len()),
            changes: Vec::with_capacity(seed.files.len() + 128),
        };
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

    /// A file, trashed or not.
    pub fn file(&self, file_id: &str) -> Option<&File> {
        self.files.get(file_id)
    }

    /// Whether `file_id` is a folder of this drive (or its root).
    fn is_folder(&self, file_id: &str) -> bool {
        file_id == ROOT_ID || self.files.get(file_id).is_some_and(File::is_folder)
    }

    /// A file in the same folder, other than `except`, not in the recycle bin, with this name.
    pub fn sibling_named(&self, parent: &str, name: &str, except: &str) -> Option<&File> {
        self.files.values().find(|file| {
            file.parent_file_id.as_deref() == Some(parent)
                && file.name.as_deref() == Some(name)
                && file.file_id.as_deref() != Some(except)
                && file.trashed != Some(true)
        })
    }

    /// The folders above a file, nearest first, up to (not including) the root.
    fn ancestors(&self, file_id: &str) -> Vec<String> {
        let mut ancestors = Vec::new();
        let mut current = self.files.get(file_id).and_then(|file| file.parent_file_id.clone());
        while let Some(parent) = current.filter(|parent| parent != ROOT_ID && !ancestors.contains(parent)) {
            current = self.files.get(&parent).and_then(|file| file.parent_file_id.clone());
            ancestors.push(parent);
        }
        ancestors
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
        self.files.insert(file_id.clone(), file.clone());
        let scope = self.ancestors(&file_id);
        self.changes.push(Change { op: DeltaOp::Create, file: file.clone(), scope });
        Ok(file)
    }

    /// Changes a file with `edit`, stamps `updated_at` and records `op`; answers the file as it is now.
    pub fn change(&mut self, file_id: &str, op: DeltaOp, edit: impl FnOnce(&mut File)) -> Result<File, DriveError> {
        let mut scope = self.ancestors(file_id);
        let file = self.files.get_mut(file_id).ok_or_else(|| DriveError::FileNotFound(file_id.to_owned()))?;
        edit(file);
        file.updated_at = Some(Timestamp::new(iso_millis(now_unix_ms())));
        let file = file.clone();
        // A move is seen from both the folder it left and the one it entered.
        for ancestor in self.ancestors(file_id) {
            if !scope.contains(&ancestor) {
                scope.push(ancestor);
            }
        }
        self.changes.push(Change { op, file: file.clone(), scope });
        Ok(file)
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
        let children: Vec<String> = self
            .files
            .values()
            .filter(|file| file.parent_file_id.as_deref() == Some(file_id))
            .filter_map(|file| file.file_id.clone())
            .collect();
        for child in children {
            self.delete(&child)?;
        }
        let scope = self.ancestors(file_id);
        let file = self.files.remove(file_id).ok_or_else(|| DriveError::FileNotFound(file_id.to_owned()))?;
        self.changes.push(Change { op: DeltaOp::Delete, file: file.clone(), scope });
        Ok(file)
    }

    /// The feed's newest position.
    pub fn last_position(&self) -> usize {
        self.changes.len()
    }

    /// Up to `limit` changes after `position`, only those under `sync_root` when given.
    pub fn changes_after(&self, position: usize, limit: usize, sync_root: Option<&str>) -> ChangesPage {
        let in_scope = |change: &&Change| sync_root.is_none_or(|root| change.scope.iter().any(|id| id == root));
        let mut items = Vec::with_capacity(limit.min(self.changes.len()));
        let mut end = position;
        for (index, change) in self.changes.iter().enumerate().skip(position) {
            if !in_scope(&change) {
                end = index + 1;
                continue;
            }
            if items.len() == limit {
                break;
            }
            items.push(DeltaItem {
                file_id: change.file.file_id.clone(),
                op: Some(change.op.clone()),
                file: Some(change.file.clone()),
                ..DeltaItem::default()
            });
            end = index + 1;
        }
        let has_more = self.changes[end..].iter().any(|change| in_scope(&change));
        ChangesPage { items, position: end, has_more }
    }

    /// The recycle bin in name order (ties by id), from the entry after `after` (a name and, for ties, an id).
    pub fn recyclebin(&self, after: Option<(&str, Option<&str>)>, limit: usize) -> (Vec<File>, bool) {
        let key = |file: &File| (file.name.clone().unwrap_or_default(), file.file_id.clone().unwrap_or_default());
        let mut trashed: Vec<&File> = self.files.values().filter(|file| file.trashed == Some(true)).collect();
        trashed.sort_by_key(|file| key(file));
        let start = match after {
            None => 0,
            Some((name, id)) => trashed.partition_point(|file| {
                let (file_name, file_id) = key(file);
                match id {
                    Some(id) => (file_name.as_str(), file_id.as_str()) <= (name, id),
                    None => file_name.as_str() <= name,
                }
            }),
        };
        let page: Vec<File> = trashed.iter().skip(start).take(limit).map(|file| (*file).clone()).collect();
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
        assert_eq!(drive.file("9520943DC264").and_then(|f| f.drive_id.as_deref()), Some(DRIVE_ID));
    }

    #[test]
    fn sync_root_scoping_sees_only_changes_below_the_folder() {
        let page = reference().changes_after(0, 100, Some(SYNC_ROOT_ID));
        assert!(!page.has_more);
        assert!(page.items.len() > 2);
        assert!(page.items.iter().all(|item| item.file_id.as_deref() != Some(SYNC_ROOT_ID)));
    }

    #[test]
    fn a_move_out_of_a_synced_folder_is_seen_from_it() {
        let mut drive = reference();
        let end = drive.last_position();
        drive.move_to("122fb09598ae66777c7040109a16f49381f6abe2", ROOT_ID).unwrap();
        let page = drive.changes_after(end, 100, Some(SYNC_ROOT_ID));
        assert_eq!(page.items.len(), 1);
        assert_eq!(page.items[0].op, Some(DeltaOp::Move));
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
