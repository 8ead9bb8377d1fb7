//! The model classes of the Python stub are written from the core's model declarations, never by hand: this test
//! fails when the stub's generated part differs from what the declarations give, and rewrites that part when
//! `DRIVEKIT_UPDATE_STUBS` is set.

use std::path::PathBuf;

use drivekit_core::schema::{self, Model, Type};

/// The stub, from the repository's root.
const STUB: &str = "bindings-python/python/drivekit/_native.pyi";

/// The lines that enclose the generated part of the stub.
const BEGIN: &str = "# BEGIN GENERATED MODELS: written from the core's `wire_model!` declarations; do not edit by hand, run\n\
                     # `DRIVEKIT_UPDATE_STUBS=1 cargo test -p drivekit-core --test python_stub` instead.\n";
const END: &str = "# END GENERATED MODELS\n";

const REGENERATE: &str = "DRIVEKIT_UPDATE_STUBS=1 cargo test -p drivekit-core --test python_stub";

fn stub_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..").join(STUB)
}

/// How a field's value reads in Python (see the `PyField` conversions): signed URLs and string enums as `str`.
fn python_type(ty: Type) -> String {
    match ty {
        Type::String | Type::SignedUrl | Type::Enum(_) => "str".to_owned(),
        Type::Bool => "bool".to_owned(),
        Type::Integer(_) => "int".to_owned(),
        Type::Float => "float".to_owned(),
        Type::Timestamp => "Timestamp".to_owned(),
        Type::Json => "Any".to_owned(),
        Type::List(item) => format!("list[{}]", python_type(*item)),
        Type::Map(value) => format!("dict[str, {}]", python_type(*value)),
        Type::Model(name) => name.to_owned(),
    }
}

/// A docstring at `indent`: continuation lines at the same indent, as the hand-written part of the stub has them.
fn docstring(doc: &str, indent: &str) -> String {
    let text = doc.replace('\\', "\\\\").replace("\"\"\"", "\\\"\\\"\\\"");
    let text = if text.ends_with('"') { format!("{}\\\"", &text[..text.len() - 1]) } else { text };
    format!("{indent}\"\"\"{}\"\"\"\n", text.replace('\n', &format!("\n{indent}")))
}

/// A model class as the native module defines it: frozen, read-only properties, `to_dict()`, `unknown_fields`,
/// equality by value and no hash.
fn python_class(model: &Model) -> String {
    let mut class = format!("@final\nclass {}:\n", model.name());
    class += &docstring(&model.doc(), "    ");
    class += "\n";
    for field in model.fields() {
        class += &format!("    @property\n    def {}(self) -> Optional[{}]:\n", field.name(), python_type(field.ty()));
        class += &docstring(&field.doc(), "        ");
    }
    class += "    @property\n    def unknown_fields(self) -> dict[str, Any]:\n";
    class += &docstring(
        "Fields this version does not know, and known fields whose values could not be typed, as sent.",
        "        ",
    );
    class += "    def to_dict(self) -> dict[str, Any]:\n";
    class += &docstring("The model as the service's JSON: wire names, unknown fields included.", "        ");
    class += "    def __eq__(self, other: object, /) -> bool: ...\n";
    class += "    __hash__: ClassVar[None]  # type: ignore[assignment]\n";
    class
}

/// The generated part of the stub: every model's class, two blank lines apart.
fn python_models() -> String {
    let classes: Vec<String> = schema::MODELS.iter().map(python_class).collect();
    classes.join("\n\n")
}

/// The stub's text before, inside and after the generated part.
fn split(stub: &str) -> (&str, &str, &str) {
    let begin = stub.find(BEGIN).unwrap_or_else(|| panic!("{STUB} has no line starting {:?}", BEGIN.lines().next()));
    let inside = begin + BEGIN.len();
    let end = inside
        + stub[inside..].find(END).unwrap_or_else(|| panic!("{STUB} has no line {END:?} after the begin marker"));
    (&stub[..begin], &stub[inside..end], &stub[end + END.len()..])
}

#[test]
fn the_python_stubs_model_classes_are_the_cores_models() {
    let path = stub_path();
    let stub = std::fs::read_to_string(&path).unwrap_or_else(|err| panic!("cannot read {STUB}: {err}"));
    let (before, generated, after) = split(&stub);
    let expected = python_models();
    if std::env::var_os("DRIVEKIT_UPDATE_STUBS").is_some() {
        if generated != expected {
            std::fs::write(&path, format!("{before}{BEGIN}{expected}{END}{after}")).unwrap();
            eprintln!("rewrote the model classes in {STUB}");
        }
        return;
    }
    if generated != expected {
        let first_line = before.lines().count() + BEGIN.lines().count() + 1;
        let found = generated.lines().map(Some).chain(std::iter::repeat(None));
        let wanted = expected.lines().map(Some).chain(std::iter::repeat(None));
        let difference = found
            .zip(wanted)
            .take_while(|pair| *pair != (None, None))
            .enumerate()
            .find(|(_, (found, wanted))| found != wanted)
            .map_or_else(
                || "their line endings differ".to_owned(),
                |(index, (found, wanted))| {
                    let line =
                        |text: Option<&str>| text.map_or_else(|| "the end".to_owned(), |text| format!("{text:?}"));
                    format!("line {} is {}, the declarations give {}", first_line + index, line(found), line(wanted))
                },
            );
        panic!(
            "the model classes in {STUB} are not the core's models: {difference}; regenerate them with `{REGENERATE}`"
        );
    }
}

#[test]
fn the_python_stub_exports_every_model() {
    let stub = std::fs::read_to_string(stub_path()).unwrap();
    let start = stub.find("__all__ = [").expect("the stub has an `__all__`");
    let exported = &stub[start..start + stub[start..].find(']').unwrap()];
    for model in schema::MODELS {
        assert!(exported.contains(&format!("\"{}\",", model.name())), "`__all__` in {STUB} lacks {:?}", model.name());
    }
}
