//! What the models look like, as static data: every model's name and doc, and each field's Rust name, wire name,
//! doc and type, taken from the `wire_model!` declarations and the Rust types of their fields. Bindings generate
//! their declarations from it (the Python stubs, the browser's decoding schema) instead of restating the models.
//!
//! It is plain constant data: a build that never reads it carries none of it.
//!
//! ```
//! use drivekit_core::schema::{self, Type};
//!
//! let file = schema::model("File").unwrap();
//! let file_type = file.fields().iter().find(|field| field.name() == "file_type").unwrap();
//! assert_eq!(file_type.wire_name(), "type");
//! assert_eq!(file_type.doc(), "`file` or `folder`.");
//! assert_eq!(file_type.ty(), Type::String);
//! assert_eq!(schema::to_json()["models"][0]["name"], "File");
//! ```

use std::collections::BTreeMap;

use serde_json::{Value, json};

use crate::model::{SignedUrl, Timestamp};
use crate::{koodrive, pds};

/// How deep an answer's JSON may nest, in every language: serde_json's fixed recursion limit (128) refuses the
/// 128th level. No page of either service comes near it, and a body past it is refused, never read on an ever
/// deeper stack.
pub const MAX_JSON_DEPTH: usize = 127;

/// Every model, each named once, in the order the generated declarations list them.
pub static MODELS: &[Model] = &[
    <pds::File as DescribedModel>::MODEL,
    <pds::InvestigationInfo as DescribedModel>::MODEL,
    <pds::DirSizeInfo as DescribedModel>::MODEL,
    <pds::StreamInfo as DescribedModel>::MODEL,
    <pds::ImageMediaMetadata as DescribedModel>::MODEL,
    <pds::ImageTag as DescribedModel>::MODEL,
    <pds::FaceThumbnail as DescribedModel>::MODEL,
    <pds::ImageQuality as DescribedModel>::MODEL,
    <pds::VideoMediaMetadata as DescribedModel>::MODEL,
    <pds::VideoStream as DescribedModel>::MODEL,
    <pds::AudioStream as DescribedModel>::MODEL,
    <pds::SemanticResult as DescribedModel>::MODEL,
    <pds::DocumentContent as DescribedModel>::MODEL,
    <pds::ElementContent as DescribedModel>::MODEL,
    <pds::SceneContent as DescribedModel>::MODEL,
    <pds::KeyFrame as DescribedModel>::MODEL,
    <pds::DeltaPage as DescribedModel>::MODEL,
    <pds::DeltaItem as DescribedModel>::MODEL,
    <pds::RecyclebinPage as DescribedModel>::MODEL,
    <pds::LastCursor as DescribedModel>::MODEL,
    <koodrive::AlbumContent as DescribedModel>::MODEL,
    <koodrive::AlbumFilesPage as DescribedModel>::MODEL,
];

/// The model of this name.
pub fn model(name: &str) -> Option<&'static Model> {
    MODELS.iter().find(|model| model.name == name)
}

/// A type whose description is known at compile time: each field type of a model, and each model.
pub trait Described {
    /// How the type reads and writes on the wire.
    const TYPE: Type;
}

/// A model declared with `wire_model!`.
pub trait DescribedModel: Described {
    /// The model's name, doc and fields.
    const MODEL: Model;
}

/// A model: a JSON object whose members are all optional, and whose members it does not know are kept as sent
/// (`unknown_fields` in every language).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Model {
    pub(crate) name: &'static str,
    pub(crate) doc: &'static [&'static str],
    pub(crate) fields: &'static [Field],
}

impl Model {
    /// The Rust (and Python, Kotlin, Swift) name of the model.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The doc comment's text, its lines joined with `\n`.
    pub fn doc(&self) -> String {
        doc_text(self.doc)
    }

    /// The fields in declaration order.
    pub fn fields(&self) -> &'static [Field] {
        self.fields
    }
}

/// A field of a model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    pub(crate) name: &'static str,
    pub(crate) wire_name: &'static str,
    pub(crate) doc: &'static [&'static str],
    pub(crate) ty: Type,
}

impl Field {
    /// The Rust (and Python) name, snake_case.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The JSON member's name, as the service spells it.
    pub fn wire_name(&self) -> &'static str {
        self.wire_name
    }

    /// The doc comment's text, its lines joined with `\n`.
    pub fn doc(&self) -> String {
        doc_text(self.doc)
    }

    /// The value's type (the field itself is always optional).
    pub fn ty(&self) -> Type {
        self.ty
    }
}

/// A field value's type, with the reading rules that go with it: a value of another JSON type is converted when
/// that loses nothing, and otherwise kept in `unknown_fields` as sent; only a model, or a list or map of models,
/// that is not of its shape fails the response (its meaning cannot be guessed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Type {
    /// Text; a number is read as its decimal text.
    String,
    /// A boolean; also read from the strings `"true"` and `"false"`.
    Bool,
    /// A whole number in the range of the integer type; also read from text, or from a float with no fraction.
    Integer(Integer),
    /// A 64-bit float; also read from text (finite values only).
    Float,
    /// A time, kept as the text sent (usually, not always, RFC 3339).
    Timestamp,
    /// A URL whose query may grant access on its own: never to be logged or printed whole.
    SignedUrl,
    /// A string from a set of known values.
    Enum(&'static Enum),
    /// A list; also read from a JSON-encoded string (an empty string is an empty list, a bare value a list of
    /// one). A list with an element that does not fit is kept whole as sent.
    List(&'static Type),
    /// A JSON object with string keys; one with a value that does not fit is kept whole as sent.
    Map(&'static Type),
    /// A nested model, by name (see [`model`]).
    Model(&'static str),
    /// Any JSON value, as sent.
    Json,
}

/// The range of an integer field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Integer {
    /// -2^31 to 2^31 - 1.
    I32,
    /// 0 to 2^32 - 1.
    U32,
    /// -2^63 to 2^63 - 1.
    I64,
    /// 0 to 2^64 - 1.
    U64,
}

impl Integer {
    /// The Rust name of the type: `i32`, `u32`, `i64` or `u64`.
    pub fn name(self) -> &'static str {
        match self {
            Integer::I32 => "i32",
            Integer::U32 => "u32",
            Integer::I64 => "i64",
            Integer::U64 => "u64",
        }
    }
}

/// A string enum: only strings are read as one (a number is kept as sent).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Enum {
    pub(crate) name: &'static str,
    pub(crate) values: &'static [&'static str],
    pub(crate) open: bool,
}

impl Enum {
    /// The Rust name of the enum.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The values this version knows, as the wire spells them.
    pub fn values(&self) -> &'static [&'static str] {
        self.values
    }

    /// Whether a value this version does not know is read and kept (rather than kept as an unknown field).
    pub fn open(&self) -> bool {
        self.open
    }
}

/// The whole description as JSON: `{"models": [...], "enums": [...]}`. A model is `{"name", "doc", "fields"}`, a
/// field `{"name", "wire", "doc", "type"}`, an enum `{"name", "values", "open"}`. A type is one of `"string"`,
/// `"bool"`, `"i32"`, `"u32"`, `"i64"`, `"u64"`, `"f64"`, `"timestamp"`, `"signed_url"`, `"json"`, or
/// `{"list": type}`, `{"map": type}`, `{"model": name}`, `{"enum": name}`.
pub fn to_json() -> Value {
    let mut enums = BTreeMap::new();
    let models: Vec<Value> = MODELS
        .iter()
        .map(|model| {
            let fields: Vec<Value> = model
                .fields
                .iter()
                .map(|field| {
                    json!({
                        "name": field.name,
                        "wire": field.wire_name,
                        "doc": field.doc(),
                        "type": type_json(field.ty, &mut enums),
                    })
                })
                .collect();
            json!({ "name": model.name, "doc": model.doc(), "fields": fields })
        })
        .collect();
    let enums: Vec<Value> = enums
        .into_values()
        .map(|described: &Enum| json!({ "name": described.name, "values": described.values, "open": described.open }))
        .collect();
    json!({ "models": models, "enums": enums })
}

fn type_json(ty: Type, enums: &mut BTreeMap<&'static str, &'static Enum>) -> Value {
    match ty {
        Type::String => json!("string"),
        Type::Bool => json!("bool"),
        Type::Integer(integer) => json!(integer.name()),
        Type::Float => json!("f64"),
        Type::Timestamp => json!("timestamp"),
        Type::SignedUrl => json!("signed_url"),
        Type::Json => json!("json"),
        Type::Enum(described) => {
            enums.insert(described.name, described);
            json!({ "enum": described.name })
        }
        Type::List(item) => json!({ "list": type_json(*item, enums) }),
        Type::Map(value) => json!({ "map": type_json(*value, enums) }),
        Type::Model(name) => json!({ "model": name }),
    }
}

/// A doc comment's lines without the space `///` leaves before each.
fn doc_text(lines: &[&str]) -> String {
    let lines: Vec<&str> = lines.iter().map(|line| line.strip_prefix(' ').unwrap_or(line)).collect();
    lines.join("\n")
}

impl Described for String {
    const TYPE: Type = Type::String;
}

impl Described for bool {
    const TYPE: Type = Type::Bool;
}

impl Described for i32 {
    const TYPE: Type = Type::Integer(Integer::I32);
}

impl Described for u32 {
    const TYPE: Type = Type::Integer(Integer::U32);
}

impl Described for i64 {
    const TYPE: Type = Type::Integer(Integer::I64);
}

impl Described for u64 {
    const TYPE: Type = Type::Integer(Integer::U64);
}

impl Described for f64 {
    const TYPE: Type = Type::Float;
}

impl Described for Timestamp {
    const TYPE: Type = Type::Timestamp;
}

impl Described for SignedUrl {
    const TYPE: Type = Type::SignedUrl;
}

impl Described for Value {
    const TYPE: Type = Type::Json;
}

impl<T: Described> Described for Vec<T> {
    const TYPE: Type = Type::List(&T::TYPE);
}

impl<T: Described> Described for BTreeMap<String, T> {
    const TYPE: Type = Type::Map(&T::TYPE);
}

/// ListDelta's operations; the values are those `DeltaOp::as_str` spells (a test holds the two together).
impl Described for pds::DeltaOp {
    const TYPE: Type = Type::Enum(&Enum {
        name: "DeltaOp",
        values: &["create", "overwrite", "delete", "update", "move", "trash", "restore", "rename"],
        open: true,
    });
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::pds::DeltaOp;

    fn nested_models(ty: Type, found: &mut Vec<&'static str>) {
        match ty {
            Type::Model(name) => found.push(name),
            Type::List(inner) | Type::Map(inner) => nested_models(*inner, found),
            _ => {}
        }
    }

    #[test]
    fn every_model_is_registered_once() {
        let names: BTreeSet<&str> = MODELS.iter().map(Model::name).collect();
        assert_eq!(names.len(), MODELS.len(), "a model is listed twice");
    }

    #[test]
    fn every_nested_model_is_registered() {
        for model in MODELS {
            for field in model.fields() {
                let mut nested = Vec::new();
                nested_models(field.ty(), &mut nested);
                for name in nested {
                    assert!(
                        super::model(name).is_some(),
                        "{}.{} holds {name}, missing from MODELS",
                        model.name,
                        field.name
                    );
                }
            }
        }
    }

    #[test]
    fn field_types_follow_the_rust_types() {
        let file = model("File").unwrap();
        let ty = |name: &str| file.fields().iter().find(|field| field.name() == name).unwrap().ty();
        assert_eq!(ty("size"), Type::Integer(Integer::U64));
        assert_eq!(ty("labels"), Type::List(&Type::String));
        assert_eq!(ty("thumbnail_urls"), Type::Map(&Type::SignedUrl));
        assert_eq!(ty("streams_info"), Type::Map(&Type::Model("StreamInfo")));
        assert_eq!(ty("updated_at"), Type::Timestamp);
        assert_eq!(model("ImageTag").unwrap().fields()[0].ty(), Type::Float);
    }

    #[test]
    fn wire_names_and_docs_come_from_the_declaration() {
        let page = model("AlbumFilesPage").unwrap();
        assert_eq!(page.doc(), "A page of an album.");
        let cursor = &page.fields()[1];
        assert_eq!((cursor.name(), cursor.wire_name()), ("next_page_cursor", "nextPageCursor"));
        assert_eq!(cursor.doc(), "Where the next page starts; empty or absent on the last page.");
    }

    #[test]
    fn delta_op_values_are_the_known_operations() {
        let Type::Enum(described) = DeltaOp::TYPE else { panic!("DeltaOp is not described as an enum") };
        // Every operation but `Other`: a new one stops the match below from compiling until it is added here.
        let known = [
            DeltaOp::Create,
            DeltaOp::Overwrite,
            DeltaOp::Delete,
            DeltaOp::Update,
            DeltaOp::Move,
            DeltaOp::Trash,
            DeltaOp::Restore,
            DeltaOp::Rename,
        ];
        let _exhaustive = |op: &DeltaOp| match op {
            DeltaOp::Create
            | DeltaOp::Overwrite
            | DeltaOp::Delete
            | DeltaOp::Update
            | DeltaOp::Move
            | DeltaOp::Trash
            | DeltaOp::Restore
            | DeltaOp::Rename
            | DeltaOp::Other(_) => (),
        };
        let spelled: Vec<&str> = known.iter().map(DeltaOp::as_str).collect();
        assert_eq!(spelled, described.values());
        for value in described.values() {
            assert_eq!(value.parse::<DeltaOp>().unwrap().as_str(), *value);
        }
    }

    #[test]
    fn the_json_names_types_and_collects_enums() {
        let schema = to_json();
        let item = schema["models"].as_array().unwrap().iter().find(|model| model["name"] == "DeltaItem").unwrap();
        assert_eq!(
            item["fields"][1],
            json!({ "name": "op", "wire": "op", "doc": "What happened.", "type": { "enum": "DeltaOp" } })
        );
        assert_eq!(item["fields"][2]["type"], json!({ "model": "File" }));
        assert_eq!(schema["enums"][0]["name"], "DeltaOp");
        assert_eq!(schema["enums"][0]["open"], true);
        let page = schema["models"].as_array().unwrap().iter().find(|model| model["name"] == "DeltaPage").unwrap();
        assert_eq!(page["fields"][0]["type"], json!({ "list": { "model": "DeltaItem" } }));
    }
}
