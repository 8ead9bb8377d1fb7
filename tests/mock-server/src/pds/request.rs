//! Reading a PDS request: who sent it (refused in the service's terms) and its JSON body.

use std::sync::Arc;

use axum::extract::{FromRequest, Request};
use serde::de::DeserializeOwned;

use super::error::PdsError;
use crate::app::App;
use crate::auth::PdsCaller;

/// The largest body the mock reads; the operations' bodies are a few hundred bytes.
const MAX_BODY_BYTES: usize = 1 << 20;

/// An authenticated PDS request and its body.
pub(crate) struct PdsCall<T> {
    pub caller: PdsCaller,
    pub body: T,
}

impl<T> PdsCall<T> {
    /// The body, when the caller may use a whole drive (not through a share).
    pub fn owner_body(self) -> Result<T, PdsError> {
        match self.caller {
            PdsCaller::Owner => Ok(self.body),
            PdsCaller::Share => Err(PdsError::forbidden(
                "ForbiddenNoPermission",
                "A share token can only read the files of its share, through share_id.",
            )),
        }
    }
}

impl<T: DeserializeOwned> FromRequest<Arc<App>> for PdsCall<T> {
    type Rejection = PdsError;

    async fn from_request(request: Request, app: &Arc<App>) -> Result<Self, PdsError> {
        let (parts, body) = request.into_parts();
        let caller = app.credentials.pds_caller(&parts.method, &parts.uri, &parts.headers)?;
        let bytes = axum::body::to_bytes(body, MAX_BODY_BYTES)
            .await
            .map_err(|_| PdsError::malformed_body("it could not be read or is larger than 1 MiB"))?;
        // The body is optional on the pages ("body: object, No"); its required members are checked after.
        let json: &[u8] = if bytes.is_empty() { b"{}" } else { &bytes };
        let body = serde_json::from_slice(json).map_err(|err| PdsError::malformed_body(&err.to_string()))?;
        Ok(PdsCall { caller, body })
    }
}

/// A required id: present and not empty.
pub(crate) fn required(field: &str, value: Option<String>) -> Result<String, PdsError> {
    value.filter(|value| !value.is_empty()).ok_or_else(|| PdsError::invalid(field, "It is required."))
}
