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

// Unknown fields travel as each member's JSON text by wire name: the platforms parse a value when they need it,
// and can print the names alone, since a value may be a signed URL.
uniffi::custom_type!(UnknownFields, HashMap<String, String>, {
    lower: |fields| fields.iter().map(|(name, value)| (name.clone(), value.to_string())).collect(),
    try_lift: |members| {
        let mut fields = UnknownFields::default();
        for (name, text) in members {
            fields.insert(name, serde_json::from_str(&text)?);
        }
        Ok(fields)
    },
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

#[cfg(test)]
mod tests {
    use uniffi::{Lift, Lower};

    use super::*;

    #[test]
    fn unknown_fields_cross_as_each_members_json_text_and_come_back_whole() {
        let mut fields = UnknownFields::default();
        fields.insert("preview", serde_json::json!({ "url": "https://cdn.example.com/v?sig=1", "sizes": [1, 2] }));
        fields.insert("labels", serde_json::json!("[\"a\"]"));
        let members = <UnknownFields as Lower<crate::UniFfiTag>>::lower(fields.clone());
        let lifted = <UnknownFields as Lift<crate::UniFfiTag>>::try_lift(members).unwrap();
        assert_eq!(lifted, fields);
    }
}
