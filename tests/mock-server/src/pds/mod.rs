//! The PDS operations the mock serves, with the reference pages' request and response shapes.

mod delta_cursor;
pub(crate) mod error;
mod get_file;
mod get_last_cursor;
mod list_delta;
mod list_recyclebin;
mod request;
mod update_file;

use std::sync::Arc;

use axum::Router;
use axum::routing::post;

use crate::app::App;

/// `POST /v2/...` for every operation.
pub(crate) fn routes() -> Router<Arc<App>> {
    Router::new()
        .route("/v2/file/list_delta", post(list_delta::handle))
        .route("/v2/file/get_last_cursor", post(get_last_cursor::handle))
        .route("/v2/recyclebin/list", post(list_recyclebin::handle))
        .route("/v2/file/get", post(get_file::handle))
        .route("/v2/file/update", post(update_file::handle))
}
