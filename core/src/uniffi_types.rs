//! How the core's value types cross into Kotlin and Swift (feature `uniffi`): as the text they are on the wire.

use std::collections::{BTreeMap, HashMap};

use crate::model::{SignedUrl, Timestamp, UnknownFields};
use crate::pds::{DeltaOp, StreamInfo};

uniffi::custom_type!(Timestamp, String, {
    lower: |time| time.as_str().to_owned(),
    try_lift: |text| Ok(Timestamp::new(text)),
});

uniffi::custom_type!(SignedUrl, String, {
    lower: |url| url.into_string(),
    try_lift: |text| Ok(SignedUrl::new(text)),
});

uniffi::custom_type!(DeltaOp, String, {
    lower: |op| op.as_str().to_owned(),
    try_lift: |text: String| Ok(text.parse().unwrap_or_else(|never| match never {})),
});

// Unknown fields travel as one JSON object's text: the platforms parse it when they need it.
uniffi::custom_type!(UnknownFields, String, {
    lower: |fields| serde_json::Value::Object(fields.to_json_object().clone()).to_string(),
    try_lift: |text| Ok(serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(&text)?.into()),
});

// uniffi knows `HashMap`; the models keep `BTreeMap` for a stable order, so each map crosses as a `HashMap`
// (named by an alias, since a custom type must be a single name).
macro_rules! map_as_hash_map {
    ($($alias:ident => $value:ty),*) => {$(
        type $alias = BTreeMap<String, $value>;
        uniffi::custom_type!($alias, HashMap<String, $value>, {
            remote,
            lower: |map| map.into_iter().collect(),
            try_lift: |map| Ok(map.into_iter().collect()),
        });
    )*};
}
map_as_hash_map!(TextMap => String, UrlMap => SignedUrl, StreamMap => StreamInfo);
