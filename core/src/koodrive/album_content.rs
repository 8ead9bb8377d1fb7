//! KooDrive's `AlbumContent`: one photo or video in an album.

use crate::model::{SignedUrl, Timestamp, wire_model};

wire_model! {
    /// A file in an album.
    pub struct AlbumContent {
        /// The file's id.
        id: String,
        /// When the photo was taken (returned for albums that include it).
        take_time as "takeTime": Timestamp,
        /// The file's owner.
        owner_id as "ownerId": String,
        /// The file's name.
        file_name as "fileName": String,
        /// The MIME type.
        mime_type as "mimeType": String,
        /// The file category.
        file_type as "fileType": String,
        /// The extension.
        file_suffix as "fileSuffix": String,
        /// The parent folders.
        parent_folder as "parentFolder": Vec<String>,
        /// The containers' ids.
        containers: Vec<String>,
        /// When the file was created.
        created_time as "createdTime": Timestamp,
        /// When the file was last changed.
        edited_time as "editedTime": Timestamp,
        /// Whether the file is in the recycle bin.
        recycled: bool,
        /// A signed URL of the content.
        content_url as "contentUrl": SignedUrl,
        /// A signed URL of the thumbnail.
        thumbnail_url as "thumbnailUrl": SignedUrl,
        /// Whether the file is a favourite.
        favorite: bool,
        /// When the photo was added to a manual album.
        add_time as "addTime": Timestamp,
        /// The size in bytes.
        size: u64,
        /// Who created the file (may differ from the family album's creator).
        creating_user as "creatingUser": String,
        /// Who added the file to a manual album.
        adder_user_id as "adderUserId": String,
    }
}
