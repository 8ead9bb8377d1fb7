//! TypeScript declarations of the models (feature `typescript`): each model's interface is derived from its one
//! declaration; the value types they share are declared here as what they are on the wire.

use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen(typescript_custom_section)]
const VALUE_TYPES: &str = r#"
/** A time as the service sent it: usually RFC 3339, but not always; `parseTimestamp` reads it as a `Date`. */
export type Timestamp = string;
/** A URL whose query may carry a signature or token: the package's `SignedUrl`, which prints without it. */
export type SignedUrl = import("./index.js").SignedUrl;
/** What happened to a file; operations newer than this package arrive as their own text. */
export type DeltaOp = "create" | "overwrite" | "delete" | "update" | "move" | "trash" | "restore" | "rename" | (string & {});
/** Fields this version does not know, kept as sent. */
export type UnknownFields = { [field: string]: unknown };
"#;

#[cfg(test)]
mod tests {
    use tsify::Tsify;

    use crate::koodrive::AlbumContent;

    #[test]
    fn interfaces_use_wire_names_optional_fields_and_keep_unknown_ones() {
        let declaration = AlbumContent::DECL;
        assert!(declaration.contains("export interface AlbumContent extends UnknownFields {"), "{declaration}");
        assert!(declaration.contains("takeTime?: Timestamp;"), "{declaration}");
        assert!(declaration.contains("size?: number;"), "{declaration}");
        assert!(!declaration.contains("unknown_fields"), "{declaration}");
    }
}
