//! Decoding never loses what a service sent: any answer shaped like the reference pages' samples (any subset of
//! their fields, any values of the documented types, plus fields nobody documented) encodes back to the same JSON,
//! and the loose forms servers use (numbers as strings, lists as JSON text) decode to the same values.

use std::path::PathBuf;

use drivekit_core::koodrive::AlbumFilesPage;
use drivekit_core::pds::{DeltaPage, File, RecyclebinPage};
use proptest::prelude::*;
use proptest::test_runner::TestRunner;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

fn sample(path: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures").join(path);
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

/// Values of the same JSON shape as `template`: its fields in any subset, scalars of the same type with any
/// value, lists and maps of any length, and undocumented fields sprinkled into the models.
fn shaped_like(template: &Value) -> BoxedStrategy<Value> {
    match template {
        Value::Null => Just(Value::Null).boxed(),
        Value::Bool(_) => any::<bool>().prop_map(Value::Bool).boxed(),
        Value::Number(n) if n.is_f64() => (0.0..1.0f64).prop_map(Value::from).boxed(),
        Value::Number(_) => (0..=4_000_000_000u64).prop_map(Value::from).boxed(),
        Value::String(_) => any::<String>().prop_map(Value::String).boxed(),
        Value::Array(items) => match items.first() {
            Some(item) => prop::collection::vec(shaped_like(item), 0..3).prop_map(Value::Array).boxed(),
            None => Just(Value::Array(vec![])).boxed(),
        },
        // The pages show a map (thumbnail_urls, streams_info, user_tags, …) as an object with the one key `key`.
        Value::Object(fields) if fields.len() == 1 && fields.contains_key("key") => {
            prop::collection::btree_map("[a-zA-Z0-9_]{1,8}", shaped_like(&fields["key"]), 0..3)
                .prop_map(|map| Value::Object(map.into_iter().collect()))
                .boxed()
        }
        Value::Object(fields) => {
            let documented: Vec<BoxedStrategy<Option<(String, Value)>>> = fields
                .iter()
                .map(|(name, value)| {
                    let name = name.clone();
                    prop::option::of(shaped_like(value).prop_map(move |value| (name.clone(), value))).boxed()
                })
                .collect();
            let undocumented = prop::collection::btree_map("x_[a-z]{1,8}", unknown_value(), 0..3);
            (documented, undocumented)
                .prop_map(|(documented, undocumented)| {
                    let mut object: Map<String, Value> = documented.into_iter().flatten().collect();
                    object.extend(undocumented);
                    Value::Object(object)
                })
                .boxed()
        }
    }
}

fn unknown_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        "[ -~]{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(2, 8, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..3).prop_map(Value::Array),
            prop::collection::btree_map("[a-z]{1,4}", inner, 0..3).prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn assert_round_trips<T: DeserializeOwned + Serialize>(template: &Value) {
    let mut runner = TestRunner::new(ProptestConfig { cases: 200, ..ProptestConfig::default() });
    runner
        .run(&shaped_like(template), |sent| {
            let decoded: T =
                serde_json::from_value(sent.clone()).map_err(|err| TestCaseError::fail(err.to_string()))?;
            let encoded = serde_json::to_value(&decoded).unwrap();
            prop_assert_eq!(encoded, sent);
            Ok(())
        })
        .unwrap();
}

#[test]
fn a_delta_page_keeps_every_field() {
    assert_round_trips::<DeltaPage>(&sample("pds/list_delta/page_sample.json"));
}

#[test]
fn a_file_keeps_every_field() {
    let page = sample("pds/list_delta/page_sample.json");
    assert_round_trips::<File>(&page["items"][0]["file"]);
}

#[test]
fn a_recycle_bin_page_keeps_every_field() {
    let mut template = sample("pds/list_recyclebin/sample.json");
    // The sample sends labels as JSON text; the canonical form is a list.
    template["items"][0]["labels"] = serde_json::json!(["label"]);
    assert_round_trips::<RecyclebinPage>(&template);
}

#[test]
fn an_album_page_keeps_every_field() {
    assert_round_trips::<AlbumFilesPage>(&sample("koodrive/list_album_files/sample.json"));
}

/// Turns numbers into numeric strings and lists of text into JSON text, as loose servers do.
fn loosen(value: &Value, seed: &mut u64) -> Value {
    *seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
    let coin = (*seed >> 33) % 2 == 0;
    match value {
        Value::Number(n) if coin && !n.is_f64() => Value::String(n.to_string()),
        Value::Array(items) if coin && !items.is_empty() && items.iter().all(Value::is_string) => {
            Value::String(serde_json::to_string(items).unwrap())
        }
        Value::Array(items) => Value::Array(items.iter().map(|item| loosen(item, seed)).collect()),
        // Undocumented fields are kept as sent, so loosening them would change what is kept.
        Value::Object(fields) => Value::Object(
            fields
                .iter()
                .map(|(k, v)| (k.clone(), if k.starts_with("x_") { v.clone() } else { loosen(v, seed) }))
                .collect(),
        ),
        other => other.clone(),
    }
}

#[test]
fn loose_forms_decode_to_the_same_values() {
    let page = sample("pds/list_delta/page_sample.json");
    let strategy = (shaped_like(&page), any::<u64>());
    let mut runner = TestRunner::new(ProptestConfig { cases: 200, ..ProptestConfig::default() });
    runner
        .run(&strategy, |(strict, mut seed)| {
            let loose = loosen(&strict, &mut seed);
            let from_strict: DeltaPage = serde_json::from_value(strict).unwrap();
            let from_loose: DeltaPage =
                serde_json::from_value(loose.clone()).map_err(|err| TestCaseError::fail(format!("{err}: {loose}")))?;
            prop_assert_eq!(from_loose, from_strict);
            Ok(())
        })
        .unwrap();
}
