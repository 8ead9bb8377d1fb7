//! The PDS `File`: a file or folder's metadata, with every field the reference pages show.

use std::collections::BTreeMap;

use crate::model::{SignedUrl, Timestamp, wire_model};

wire_model! {
    /// A file or folder, as ListDelta, ListRecyclebin, GetFile and UpdateFile return it.
    pub struct File {
        /// The domain the drive belongs to.
        domain_id: String,
        /// The drive holding the file.
        drive_id: String,
        /// The file's id.
        file_id: String,
        /// The file's name.
        name: String,
        /// `file` or `folder`.
        file_type as "type": String,
        /// The content type of the file's data.
        content_type: String,
        /// When the file was created.
        created_at: Timestamp,
        /// When the file was last changed.
        updated_at: Timestamp,
        /// The description.
        description: String,
        /// When the file was moved to the recycle bin.
        trashed_at: Timestamp,
        /// The extension of the name.
        file_extension: String,
        /// The MIME type.
        mime_type: String,
        /// The extension the MIME type implies.
        mime_extension: String,
        /// Whether the file is hidden.
        hidden: bool,
        /// The size in bytes.
        size: u64,
        /// Whether the file is starred.
        starred: bool,
        /// The status, e.g. `available`.
        status: String,
        /// The user's own metadata.
        user_meta: String,
        /// The labels (sent as an array or as a JSON-encoded string; read as a list either way).
        labels: Vec<String>,
        /// The upload that created the content.
        upload_id: String,
        /// The parent folder's id.
        parent_file_id: String,
        /// The CRC-64 of the content, as decimal text (an unsigned 64-bit number).
        crc64_hash: String,
        /// The content hash.
        content_hash: String,
        /// The hash algorithm, e.g. `sha1`.
        content_hash_name: String,
        /// A signed download URL.
        download_url: SignedUrl,
        /// A signed thumbnail URL.
        thumbnail: SignedUrl,
        /// The category, e.g. `image`.
        category: String,
        /// When the file was created on the user's device.
        local_created_at: Timestamp,
        /// When the file was last changed on the user's device.
        local_modified_at: Timestamp,
        /// The current revision.
        revision_id: String,
        /// The content review's result.
        investigation_info: InvestigationInfo,
        /// Thumbnail URLs by the keys asked for.
        thumbnail_urls: BTreeMap<String, SignedUrl>,
        /// Image metadata.
        image_media_metadata: ImageMediaMetadata,
        /// Extended fields.
        ex_fields_info: BTreeMap<String, String>,
        /// The content's URI, which may be signed.
        content_uri: SignedUrl,
        /// The file's streams, by stream name.
        streams_info: BTreeMap<String, StreamInfo>,
        /// The user's tags.
        user_tags: BTreeMap<String, String>,
        /// The revision's version number.
        revision_version: i64,
        /// Video metadata.
        video_media_metadata: VideoMediaMetadata,
        /// The penalty flag set by content review.
        punish_flag: i64,
        /// The ids of the folders from the root to the file.
        id_path: String,
        /// The names of the folders from the root to the file.
        name_path: String,
        /// The creator's type.
        creator_type: String,
        /// The creator's id.
        creator_id: String,
        /// The creator's name.
        creator_name: String,
        /// The last modifier's type.
        last_modifier_type: String,
        /// The last modifier's id.
        last_modifier_id: String,
        /// The last modifier's name.
        last_modifier_name: String,
        /// How many folders and files a folder holds.
        dir_size_info: DirSizeInfo,
        /// Whether the file is in the recycle bin.
        trashed: bool,
        /// What the caller may do with the file.
        action_list: Vec<String>,
        /// Where the file is stored.
        location: String,
        /// Semantic search results.
        semantic_result: SemanticResult,
        /// Whether the file is synced.
        sync_flag: bool,
        /// Whether the file is synced from a device.
        sync_device_flag: bool,
        /// The parent before the file was moved to the recycle bin.
        origin_parent_file_id: String,
        /// A signed URL of the content.
        url: SignedUrl,
        /// A custom field.
        custom_field_1: String,
        /// A custom field.
        custom_field_2: String,
        /// Seconds until the file is deleted automatically.
        auto_delete_left_sec: i64,
    }
}

impl File {
    /// The CRC-64 as a number, when it is one.
    pub fn crc64(&self) -> Option<u64> {
        self.crc64_hash.as_deref()?.trim().parse().ok()
    }

    /// Whether this is a folder.
    pub fn is_folder(&self) -> bool {
        self.file_type.as_deref() == Some("folder")
    }
}

wire_model! {
    /// The result of a content review.
    pub struct InvestigationInfo {
        /// The review status.
        status: i64,
        /// The suggestion, e.g. `pass`.
        suggestion: String,
    }
}

wire_model! {
    /// How many folders and files a folder holds.
    pub struct DirSizeInfo {
        /// The number of folders.
        dir_count: u64,
        /// The number of files.
        file_count: u64,
    }
}

wire_model! {
    /// One stream of a file (e.g. a live photo's video part).
    pub struct StreamInfo {
        /// The stream's CRC-64 as decimal text.
        crc64_hash: String,
        /// The stream's size in bytes.
        size: u64,
        /// The stream's content hash.
        content_hash: String,
        /// The hash algorithm.
        content_hash_name: String,
        /// A signed download URL.
        download_url: SignedUrl,
        /// A signed URL.
        url: SignedUrl,
        /// A signed thumbnail URL.
        thumbnail: SignedUrl,
    }
}

wire_model! {
    /// An image's metadata.
    pub struct ImageMediaMetadata {
        /// When the picture was taken (as sent; may not be a real time).
        time: Timestamp,
        /// Width in pixels.
        width: u32,
        /// Height in pixels.
        height: u32,
        /// `latitude,longitude`.
        location: String,
        /// The country.
        country: String,
        /// The province.
        province: String,
        /// The city.
        city: String,
        /// The district.
        district: String,
        /// The township.
        township: String,
        /// The full address.
        address_line: String,
        /// Recognised tags.
        image_tags: Vec<ImageTag>,
        /// Detected faces, as a JSON document inside a string.
        faces: String,
        /// Thumbnails of the detected faces.
        faces_thumbnail: Vec<FaceThumbnail>,
        /// EXIF data, as a JSON document inside a string.
        exif: String,
        /// The image's quality.
        image_quality: ImageQuality,
    }
}

wire_model! {
    /// A tag recognised in an image.
    pub struct ImageTag {
        /// How sure the recognition is, 0 to 1.
        confidence: f64,
        /// The parent tag.
        parent_name: String,
        /// The tag.
        name: String,
        /// The tag's level in the hierarchy.
        tag_level: i64,
        /// Where the tag came from.
        source: String,
        /// How central the tagged object is, 0 to 1.
        centric_score: f64,
    }
}

wire_model! {
    /// A thumbnail of a detected face.
    pub struct FaceThumbnail {
        /// The face's id.
        face_id: String,
        /// The face group (person) id.
        face_group_id: String,
        /// A signed URL of the thumbnail.
        face_thumbnail: SignedUrl,
    }
}

wire_model! {
    /// An image's quality.
    pub struct ImageQuality {
        /// The overall score, 0 to 1.
        overall_score: f64,
    }
}

wire_model! {
    /// A video's metadata.
    pub struct VideoMediaMetadata {
        /// When the video was taken (as sent; may not be a real time).
        time: Timestamp,
        /// Width in pixels.
        width: u32,
        /// Height in pixels.
        height: u32,
        /// `latitude,longitude`.
        location: String,
        /// The country.
        country: String,
        /// The province.
        province: String,
        /// The city.
        city: String,
        /// The district.
        district: String,
        /// The township.
        township: String,
        /// The full address.
        address_line: String,
        /// The video streams.
        video_media_video_stream: Vec<VideoStream>,
        /// The audio streams.
        video_media_audio_stream: Vec<AudioStream>,
    }
}

wire_model! {
    /// A video stream.
    pub struct VideoStream {
        /// Duration in seconds, as decimal text.
        duration: String,
        /// Bit rate (spelled `bitrate` for video).
        bitrate: String,
        /// The codec.
        code_name: String,
        /// The number of frames.
        frame_count: String,
    }
}

wire_model! {
    /// An audio stream.
    pub struct AudioStream {
        /// Duration in seconds, as decimal text.
        duration: String,
        /// Bit rate (spelled `bit_rate` for audio).
        bit_rate: String,
        /// The codec.
        code_name: String,
    }
}

wire_model! {
    /// Semantic search results for a file.
    pub struct SemanticResult {
        /// How similar the file is to the query.
        semantic_similarity: f64,
        /// Matching parts of a document.
        document_contents: Vec<DocumentContent>,
        /// Matching scenes of a video.
        scene_contents: Vec<SceneContent>,
    }
}

wire_model! {
    /// A matching part of a document.
    pub struct DocumentContent {
        /// The matching elements.
        element_contents: Vec<ElementContent>,
    }
}

wire_model! {
    /// A matching element of a document.
    pub struct ElementContent {
        /// The element's type, e.g. `text`.
        element_type as "type": String,
        /// The element's content.
        content: String,
        /// A URL of the element, which may be signed.
        url: SignedUrl,
        /// Where the element is, in milliseconds.
        time_range: Vec<i64>,
    }
}

wire_model! {
    /// A matching scene of a video.
    pub struct SceneContent {
        /// Where the scene is, in milliseconds.
        time_range: Vec<i64>,
        /// Key frames of the scene.
        key_frames: Vec<KeyFrame>,
        /// A thumbnail URL of the scene, which may be signed.
        thumbnail_url: SignedUrl,
    }
}

wire_model! {
    /// A key frame of a scene.
    pub struct KeyFrame {
        /// The frame's time in milliseconds.
        frame_time: i64,
        /// A thumbnail URL of the frame, which may be signed.
        thumbnail_url: SignedUrl,
    }
}
