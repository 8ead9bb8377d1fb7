//! The browser package reads answers with the engine's `JSON.parse` and one small module of rules
//! (`bindings-wasm/js/answers.js`), driven by readers of the models that are written into that module from the
//! core's model declarations, never by hand: this test fails when the generated part differs from what the
//! declarations give, and rewrites it when `DRIVEKIT_UPDATE_STUBS` is set.

use std::path::PathBuf;

use drivekit_core::schema::{self, Type};

/// The module of the rules, from the repository's root, and the lines that enclose its generated part: one
/// file, since wasm-bindgen ships a module it imports without the modules that one imports.
const MODULE: &str = "bindings-wasm/js/answers.js";
const BEGIN: &str = "// BEGIN GENERATED READERS: written from the core's `wire_model!` declarations; do not edit by hand, run\n\
                     // `DRIVEKIT_UPDATE_STUBS=1 cargo test -p drivekit-core --test browser_schema` instead.\n";
const END: &str = "// END GENERATED READERS\n";

const REGENERATE: &str = "DRIVEKIT_UPDATE_STUBS=1 cargo test -p drivekit-core --test browser_schema";

/// A type as the rules of `answers.js` take it: a name, or `{list: type}`, `{map: type}`, `{model: name}`,
/// `{enum: name}`.
fn type_js(ty: Type) -> String {
    match ty {
        Type::String => r#""string""#.to_owned(),
        Type::Bool => r#""bool""#.to_owned(),
        Type::Integer(integer) => format!(r#""{}""#, integer.name()),
        Type::Float => r#""f64""#.to_owned(),
        Type::Timestamp => r#""timestamp""#.to_owned(),
        Type::SignedUrl => r#""signed_url""#.to_owned(),
        Type::Json => r#""json""#.to_owned(),
        Type::Enum(described) => format!(r#"{{ enum: "{}" }}"#, described.name()),
        Type::List(item) => format!("{{ list: {} }}", type_js(*item)),
        Type::Map(value) => format!("{{ map: {} }}", type_js(*value)),
        Type::Model(name) => format!(r#"{{ model: "{name}" }}"#),
    }
}

/// The condition under which a value `x` is already what the core makes of it, so that the rules need not see
/// it; `None` when the rules always do (signed URLs become objects, lists and maps may arrive as anything).
fn as_is(ty: Type) -> Option<String> {
    Some(match ty {
        _ if is_text(ty) => r#"typeof x === "string""#.to_owned(),
        Type::Bool => r#"typeof x === "boolean""#.to_owned(),
        Type::Float => r#"typeof x === "number""#.to_owned(),
        Type::Integer(integer) => {
            let (min, max) = match integer.name() {
                "i32" => ("-2147483648", "2147483647"),
                "u32" => ("0", "4294967295"),
                "i64" => ("-9223372036854775808", "9223372036854775807"),
                _ => ("0", "18446744073709551615"),
            };
            format!(r#"typeof x === "number" && Number.isInteger(x) && x >= {min} && x <= {max}"#)
        }
        Type::Json => "x !== null".to_owned(),
        _ => return None,
    })
}

/// Whether a type's values are any string, as sent.
fn is_text(ty: Type) -> bool {
    match ty {
        Type::String | Type::Timestamp => true,
        Type::Enum(described) => described.open(),
        _ => false,
    }
}

/// A property access that works for any wire name.
fn member(wire: &str) -> String {
    let plain = wire.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && wire.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if plain { format!("v.{wire}") } else { format!("v[\"{wire}\"]") }
}

fn module() -> String {
    let mut types: Vec<String> = Vec::new();
    let mut type_name = |ty: Type| {
        let js = type_js(ty);
        let at = types.iter().position(|known| *known == js).unwrap_or_else(|| {
            types.push(js);
            types.len() - 1
        });
        format!("t{at}")
    };
    let mut models = String::new();
    for model in schema::MODELS {
        models += &format!("  function {}(v) {{\n    let x;\n", model.name());
        for field in model.fields() {
            let (wire, ty) = (field.wire_name(), field.ty());
            let reader = type_name(ty);
            let access = member(wire);
            let slow = format!("put(v, \"{wire}\", {reader})");
            models += &match (ty, as_is(ty)) {
                (_, Some(plain)) => format!("    if ((x = {access}) !== undefined && !({plain})) {slow};\n"),
                (Type::SignedUrl, None) => format!(
                    "    if ((x = {access}) !== undefined) {{ if (typeof x === \"string\") {access} = new SignedUrl(x); \
                     else {slow}; }}\n"
                ),
                (Type::Model(name), None) => {
                    format!("    if ((x = {access}) !== undefined) {{ if (isObject(x)) {name}(x); else {slow}; }}\n")
                }
                (Type::List(Type::Model(name)), None) => format!(
                    "    if ((x = {access}) !== undefined) {{\n      \
                     if (Array.isArray(x) && x.every(isObject)) for (const item of x) {name}(item);\n      \
                     else {slow};\n    }}\n"
                ),
                (Type::Map(Type::Model(name)), None) => format!(
                    "    if ((x = {access}) !== undefined) {{\n      \
                     if (isObject(x) && everyValue(x, isObject)) for (const key in x) {name}(x[key]);\n      \
                     else {slow};\n    }}\n"
                ),
                (Type::Map(Type::SignedUrl), None) => format!(
                    "    if ((x = {access}) !== undefined) {{\n      \
                     if (isObject(x) && everyValue(x, isString)) for (const key in x) x[key] = new SignedUrl(x[key]);\n      \
                     else {slow};\n    }}\n"
                ),
                (Type::List(item), None) if is_text(*item) => {
                    format!(
                        "    if ((x = {access}) !== undefined && !(Array.isArray(x) && x.every(isString))) {slow};\n"
                    )
                }
                (Type::Map(value), None) if is_text(*value) => {
                    format!(
                        "    if ((x = {access}) !== undefined && !(isObject(x) && everyValue(x, isString))) {slow};\n"
                    )
                }
                (_, None) => format!("    if ({access} !== undefined) {slow};\n"),
            };
        }
        models += "    return v;\n  }\n\n";
    }
    let mut text = String::new();
    text += "/** How deep an answer's JSON may nest: the core's limit. */\n";
    text += &format!("const MAX_JSON_DEPTH = {};\n\n", schema::MAX_JSON_DEPTH);
    text += "/** The enums the models use: the values this version knows, and whether others are kept as sent. */\n";
    text += "const ENUMS = {\n";
    let described = schema::to_json();
    for described in described["enums"].as_array().into_iter().flatten() {
        let values: Vec<String> = described["values"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|value| format!("\"{}\"", value.as_str().unwrap_or_default()))
            .collect();
        text += &format!(
            "  {}: {{ values: [{}], open: {} }},\n",
            described["name"].as_str().unwrap_or_default(),
            values.join(", "),
            described["open"]
        );
    }
    text += "};\n\n";
    text += "/**\n * Every model's reader, each reading a JSON object in place: the members already what the core makes of\n";
    text += " * them are left as they are, the others go through the rules. `of` gives the rules' reader of a type, `put`\n";
    text += " * reads a member through one; the others tell values apart and make signed URLs.\n */\n";
    text += "function compile({ of, put, isObject, isString, everyValue, SignedUrl }) {\n";
    for (at, ty) in types.iter().enumerate() {
        text += &format!("  const t{at} = of({ty});\n");
    }
    text += "\n";
    text += &models;
    let names: Vec<&str> = schema::MODELS.iter().map(|model| model.name()).collect();
    text += &format!("  return {{ {} }};\n}}\n", names.join(", "));
    text
}

#[test]
fn the_browser_readers_are_written_from_the_model_declarations() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..").join(MODULE);
    let found = std::fs::read_to_string(&path).expect("the rules' module is readable");
    let (Some(begin), Some(end)) = (found.find(BEGIN), found.find(END)) else {
        panic!("{MODULE} has lost its generated part's markers");
    };
    let expected = format!("{}{BEGIN}{}{}", &found[..begin], module(), &found[end..]);
    if std::env::var_os("DRIVEKIT_UPDATE_STUBS").is_some() {
        std::fs::write(&path, &expected).expect("the rules' module is writable");
        return;
    }
    assert!(found == expected, "{MODULE} is stale: run `{REGENERATE}`");
}
