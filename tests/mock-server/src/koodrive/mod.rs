//! The KooDrive operation the mock serves: listing an album's files.

pub(crate) mod album;
pub(crate) mod error;
mod list_album_files;

use std::sync::Arc;

use axum::Router;
use axum::routing::get;

use crate::app::App;

/// `GET /koodrive/ose/v1/album/{albumId}/list`.
pub(crate) fn routes() -> Router<Arc<App>> {
    Router::new().route("/koodrive/ose/v1/album/{album_id}/list", get(list_album_files::handle))
}
