//! Reading what the services really send: a value that arrives in another JSON type than documented is
//! converted when that loses nothing (a number sent as a string, a list sent as a JSON-encoded string), and is
//! otherwise kept as it came instead of failing the whole response.

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::Serialize;
use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{self, Deserialize, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

/// The outcome of reading one JSON value as `T`.
pub(crate) enum Read<T> {
    /// Read as `T`.
    Value(T),
    /// JSON `null`: the same as absent.
    Null,
    /// Could not be read as `T`; kept verbatim so nothing the service sent is lost.
    Raw(Value),
}

/// A type that can be read leniently from any JSON value.
///
/// Each method answers one JSON shape; `None` (or the default) means "not this type", and [`Lenient::mismatch`]
/// decides what happens to the value.
pub(crate) trait Lenient: Sized + Serialize {
    /// A value of another shape: a scalar is a quirk, kept raw; a model or list of another shape is a broken
    /// answer whose meaning cannot be guessed (a page whose `items` is not a list must not read as empty), so
    /// those types fail instead.
    fn mismatch(raw: Value) -> Result<Read<Self>, String> {
        Ok(Read::Raw(raw))
    }
    fn from_bool(_value: bool) -> Option<Self> {
        None
    }
    fn from_u64(_value: u64) -> Option<Self> {
        None
    }
    fn from_i64(_value: i64) -> Option<Self> {
        None
    }
    fn from_f64(_value: f64) -> Option<Self> {
        None
    }
    fn from_str(_value: &str) -> Option<Self> {
        None
    }
    fn from_string(value: String) -> Result<Self, String> {
        Self::from_str(&value).ok_or(value)
    }
    fn from_seq<'de, A: SeqAccess<'de>>(seq: A) -> Result<Read<Self>, A::Error> {
        let raw = Value::deserialize(SeqAccessDeserializer::new(seq))?;
        Self::mismatch(raw).map_err(de::Error::custom)
    }
    fn from_map<'de, A: MapAccess<'de>>(map: A) -> Result<Read<Self>, A::Error> {
        let raw = Value::deserialize(MapAccessDeserializer::new(map))?;
        Self::mismatch(raw).map_err(de::Error::custom)
    }
}

/// How a JSON value's shape is named in error messages.
pub(crate) fn shape(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// Reads one value as `T` through [`Lenient`].
pub(crate) struct LenientSeed<T>(PhantomData<T>);

impl<T> LenientSeed<T> {
    pub(crate) fn new() -> Self {
        LenientSeed(PhantomData)
    }
}

impl<'de, T: Lenient> DeserializeSeed<'de> for LenientSeed<T> {
    type Value = Read<T>;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Read<T>, D::Error> {
        deserializer.deserialize_any(self)
    }
}

fn read_or_raw<T: Lenient, E: de::Error>(value: Option<T>, raw: impl FnOnce() -> Value) -> Result<Read<T>, E> {
    match value {
        Some(value) => Ok(Read::Value(value)),
        None => T::mismatch(raw()).map_err(E::custom),
    }
}

impl<'de, T: Lenient> Visitor<'de> for LenientSeed<T> {
    type Value = Read<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_unit<E>(self) -> Result<Read<T>, E> {
        Ok(Read::Null)
    }
    fn visit_none<E>(self) -> Result<Read<T>, E> {
        Ok(Read::Null)
    }
    fn visit_some<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Read<T>, D::Error> {
        deserializer.deserialize_any(self)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Read<T>, E> {
        read_or_raw(T::from_bool(v), || Value::Bool(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Read<T>, E> {
        read_or_raw(T::from_u64(v), || Value::from(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Read<T>, E> {
        read_or_raw(T::from_i64(v), || Value::from(v))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Read<T>, E> {
        read_or_raw(T::from_f64(v), || Value::from(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Read<T>, E> {
        read_or_raw(T::from_str(v), || Value::String(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Read<T>, E> {
        match T::from_string(v) {
            Ok(value) => Ok(Read::Value(value)),
            Err(raw) => T::mismatch(Value::String(raw)).map_err(E::custom),
        }
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Read<T>, A::Error> {
        T::from_seq(seq)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Read<T>, A::Error> {
        T::from_map(map)
    }
}

impl Lenient for String {
    fn from_u64(value: u64) -> Option<Self> {
        Some(value.to_string())
    }
    fn from_i64(value: i64) -> Option<Self> {
        Some(value.to_string())
    }
    fn from_f64(value: f64) -> Option<Self> {
        Some(value.to_string())
    }
    fn from_str(value: &str) -> Option<Self> {
        Some(value.to_owned())
    }
    fn from_string(value: String) -> Result<Self, String> {
        Ok(value)
    }
}

impl Lenient for bool {
    fn from_bool(value: bool) -> Option<Self> {
        Some(value)
    }
    fn from_str(value: &str) -> Option<Self> {
        match value {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        }
    }
}

macro_rules! lenient_integer {
    ($($int:ty),*) => {$(
        impl Lenient for $int {
            fn from_u64(value: u64) -> Option<Self> {
                <$int>::try_from(value).ok()
            }
            fn from_i64(value: i64) -> Option<Self> {
                <$int>::try_from(value).ok()
            }
            // Whole numbers sometimes arrive as `1024.0`.
            #[allow(clippy::cast_possible_truncation, clippy::cast_precision_loss)]
            fn from_f64(value: f64) -> Option<Self> {
                let in_range = value >= <$int>::MIN as f64 && value <= <$int>::MAX as f64;
                (value.fract() == 0.0 && in_range).then(|| value as $int)
            }
            fn from_str(value: &str) -> Option<Self> {
                value.trim().parse().ok()
            }
        }
    )*};
}
lenient_integer!(u32, i32, u64, i64);

impl Lenient for f64 {
    #[allow(clippy::cast_precision_loss)]
    fn from_u64(value: u64) -> Option<Self> {
        Some(value as f64)
    }
    #[allow(clippy::cast_precision_loss)]
    fn from_i64(value: i64) -> Option<Self> {
        Some(value as f64)
    }
    fn from_f64(value: f64) -> Option<Self> {
        Some(value)
    }
    fn from_str(value: &str) -> Option<Self> {
        value.trim().parse().ok().filter(|v: &f64| v.is_finite())
    }
}

/// Lists are read from arrays, and also from a JSON-encoded string (an empty string is an empty list), since
/// the services send `labels` both ways.
impl<T: Lenient> Lenient for Vec<T> {
    fn mismatch(raw: Value) -> Result<Read<Self>, String> {
        match T::mismatch(Value::Null) {
            Ok(_) => Ok(Read::Raw(raw)),
            Err(_) => Err(format!("expected a list, found {}", shape(&raw))),
        }
    }

    fn from_str(text: &str) -> Option<Self> {
        if text.trim().is_empty() {
            return Some(Vec::new());
        }
        let mut json = serde_json::Deserializer::from_str(text);
        match LenientSeed::<Self>::new().deserialize(&mut json) {
            Ok(Read::Value(items)) if json.end().is_ok() => Some(items),
            // A bare label such as `animal` is a list of one.
            _ => T::from_str(text).map(|one| vec![one]),
        }
    }

    fn from_seq<'de, A: SeqAccess<'de>>(mut seq: A) -> Result<Read<Self>, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
        while let Some(read) = seq.next_element_seed(LenientSeed::<T>::new())? {
            let odd_one = match read {
                Read::Value(item) => {
                    items.push(item);
                    continue;
                }
                Read::Null => Value::Null,
                Read::Raw(raw) => raw,
            };
            // One element is not a `T`: keep the whole list as it came.
            let mut raw: Vec<Value> = items.iter().map(to_value).collect();
            raw.push(odd_one);
            while let Some(rest) = seq.next_element::<Value>()? {
                raw.push(rest);
            }
            return Ok(Read::Raw(Value::Array(raw)));
        }
        Ok(Read::Value(items))
    }
}

impl<T: Lenient> Lenient for BTreeMap<String, T> {
    fn mismatch(raw: Value) -> Result<Read<Self>, String> {
        match T::mismatch(Value::Null) {
            Ok(_) => Ok(Read::Raw(raw)),
            Err(_) => Err(format!("expected an object, found {}", shape(&raw))),
        }
    }

    fn from_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<Read<Self>, A::Error> {
        let mut entries = BTreeMap::new();
        while let Some(key) = map.next_key::<String>()? {
            let odd_one = match map.next_value_seed(LenientSeed::<T>::new())? {
                Read::Value(value) => {
                    entries.insert(key, value);
                    continue;
                }
                Read::Null => Value::Null,
                Read::Raw(raw) => raw,
            };
            // One value is not a `T`: keep the whole object as it came.
            let mut raw: serde_json::Map<String, Value> =
                entries.iter().map(|(k, v)| (k.clone(), to_value(v))).collect();
            raw.insert(key, odd_one);
            while let Some((key, value)) = map.next_entry::<String, Value>()? {
                raw.insert(key, value);
            }
            return Ok(Read::Raw(Value::Object(raw)));
        }
        Ok(Read::Value(entries))
    }
}

fn to_value<T: Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read<T: Lenient>(json: &str) -> Read<T> {
        LenientSeed::<T>::new().deserialize(&mut serde_json::Deserializer::from_str(json)).unwrap()
    }

    fn value<T: Lenient>(json: &str) -> Option<T> {
        match read::<T>(json) {
            Read::Value(v) => Some(v),
            _ => None,
        }
    }

    #[test]
    fn numbers_sent_as_strings_are_numbers() {
        assert_eq!(value::<u64>(r#""2048""#), Some(2048));
        assert_eq!(value::<u64>("2048"), Some(2048));
        assert_eq!(value::<u64>("2048.0"), Some(2048));
        assert_eq!(value::<i64>(r#"" -3 ""#), Some(-3));
        assert_eq!(value::<f64>(r#""0.5""#), Some(0.5));
        assert_eq!(value::<bool>(r#""true""#), Some(true));
    }

    #[test]
    fn values_that_do_not_fit_are_kept_raw() {
        assert!(matches!(read::<u64>(r#""abc""#), Read::Raw(Value::String(s)) if s == "abc"));
        assert!(matches!(read::<u64>("-1"), Read::Raw(_)));
        assert!(matches!(read::<u32>("5000000000"), Read::Raw(_)));
        assert!(matches!(read::<f64>(r#""NaN""#), Read::Raw(_)));
        assert!(matches!(read::<String>(r#"{"a":1}"#), Read::Raw(Value::Object(_))));
        assert!(matches!(read::<Vec<u64>>(r#"[1,"x",3]"#), Read::Raw(Value::Array(a)) if a.len() == 3));
        assert!(matches!(read::<u64>("null"), Read::Null));
    }

    #[test]
    fn lists_arrive_as_arrays_or_json_encoded_strings() {
        let labels = |json| value::<Vec<String>>(json).unwrap();
        assert_eq!(labels(r#"["a","b"]"#), ["a", "b"]);
        assert_eq!(labels(r#""[\"label1:1\", \"label2:2\"]""#), ["label1:1", "label2:2"]);
        assert_eq!(labels(r#""""#), Vec::<String>::new());
        assert_eq!(labels(r#""animal""#), ["animal"]);
    }

    #[test]
    fn strings_keep_every_byte() {
        assert_eq!(value::<String>(r#""China\n""#).unwrap(), "China\n");
        assert_eq!(value::<String>("12").unwrap(), "12");
    }
}
