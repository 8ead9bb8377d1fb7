//! An album's files and the orders they can be listed in.

use std::cmp::Reverse;

use drivekit_core::Timestamp;
use drivekit_core::koodrive::{AlbumContent, SortDirection, SortType};

/// A KooDrive album.
#[derive(Debug, Clone)]
pub(crate) struct Album {
    items: Vec<AlbumContent>,
}

impl Album {
    pub fn new(items: Vec<AlbumContent>) -> Self {
        Album { items }
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// The files by the chosen time (a missing or unreadable time sorts as the earliest), ties by id, so that
    /// every page of one listing agrees on the order.
    pub fn sorted(&self, sort: SortType, direction: SortDirection) -> Vec<&AlbumContent> {
        let time = |item: &AlbumContent| {
            let stamp: Option<&Timestamp> = match sort {
                SortType::ShootingTime => item.take_time.as_ref(),
                SortType::CreationTime => item.created_time.as_ref(),
                SortType::UpdateTime => item.edited_time.as_ref(),
            };
            stamp.and_then(Timestamp::unix_millis).unwrap_or(i64::MIN)
        };
        let mut sorted: Vec<(i64, &AlbumContent)> = self.items.iter().map(|item| (time(item), item)).collect();
        let key = |(time, item): &(i64, &AlbumContent)| (*time, item.id.clone().unwrap_or_default());
        match direction {
            SortDirection::Ascending => sorted.sort_by_key(key),
            SortDirection::Descending => sorted.sort_by_key(|entry| Reverse(key(entry))),
        }
        sorted.into_iter().map(|(_, item)| item).collect()
    }
}
