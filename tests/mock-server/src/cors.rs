//! CORS for browser tests: any origin, and preflights that allow whatever headers a client asks for
//! (`Authorization` is never covered by a `*`, so the request's own list is mirrored back).

use std::time::Duration;

use axum::http::HeaderName;
use tower_http::cors::{AllowHeaders, AllowMethods, AllowOrigin, CorsLayer};

/// Headers a page may read from an answer: what retries and error reports need.
const EXPOSED: [&str; 7] = [
    "retry-after",
    "content-length",
    "x-acs-request-id",
    "x-request-id",
    "x-ca-request-id",
    "x-ca-error-code",
    "x-ca-error-message",
];

pub(crate) fn layer() -> CorsLayer {
    CorsLayer::new()
        .allow_origin(AllowOrigin::mirror_request())
        .allow_methods(AllowMethods::mirror_request())
        .allow_headers(AllowHeaders::mirror_request())
        .expose_headers(EXPOSED.map(HeaderName::from_static))
        .max_age(Duration::from_secs(600))
}
