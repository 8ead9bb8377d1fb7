//! How the services' JSON becomes typed values and back: one declaration per model, lenient reading,
//! unknown fields kept, and the small value types (times, signed URLs) the models share.

#[cfg(feature = "json")]
mod lenient;
pub mod schema;
mod signed_url;
mod timestamp;
mod unknown_fields;

#[cfg(feature = "json")]
pub(crate) use lenient::{Lenient, LenientSeed, Read, shape};
pub use signed_url::SignedUrl;
pub use timestamp::Timestamp;
pub use unknown_fields::UnknownFields;

#[cfg(feature = "json")]
use crate::error::Error;

/// Declares a model once: its fields (all optional, since services omit what they like), their wire names,
/// lenient reading that keeps what it cannot type in `unknown_fields`, and writing that puts it all back.
///
/// A field's wire name is its Rust name unless given with `as "wireName"`. The model's doc, and each field's
/// name, wire name, doc and type, are also kept as a [`schema::Model`] for the bindings' generated declarations.
macro_rules! wire_model {
    (
        $(#[doc = $model_doc:literal])*
        pub struct $name:ident {
            $(
                $(#[doc = $doc:literal])*
                $field:ident $(as $wire:literal)? : $ty:ty
            ),* $(,)?
        }
    ) => {
        $(#[doc = $model_doc])*
        #[derive(Clone, PartialEq, Default)]
        // `dict` holds the Python values of fields that are costly to build, so that each is built once.
        #[cfg_attr(feature = "python", pyo3::pyclass(frozen, dict, eq, module = "drivekit"))]
        #[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
        #[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
        #[cfg_attr(feature = "typescript", tsify(hashmap_as_object))]
        pub struct $name {
            $(
                $(#[doc = $doc])*
                $( #[cfg_attr(feature = "typescript", serde(rename = $wire))] )?
                #[cfg_attr(feature = "typescript", tsify(optional))]
                pub $field: Option<$ty>,
            )*
            /// Fields this version does not know, and known fields whose values could not be typed, as sent.
            #[cfg_attr(feature = "typescript", serde(flatten))]
            pub unknown_fields: $crate::model::UnknownFields,
        }

        #[cfg(feature = "json")]
        const _: () = {
            use serde::de::{self, DeserializeSeed, MapAccess};
            use serde::ser::SerializeMap;
            use $crate::model::{Lenient, LenientSeed, Read};

            #[allow(non_camel_case_types)]
            enum Key {
                $( $field, )*
                Unknown(String),
            }

            struct KeySeed;

            impl<'de> DeserializeSeed<'de> for KeySeed {
                type Value = Key;
                fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Key, D::Error> {
                    deserializer.deserialize_str(self)
                }
            }

            impl<'de> de::Visitor<'de> for KeySeed {
                type Value = Key;
                fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.write_str("a field name")
                }
                fn visit_str<E>(self, name: &str) -> Result<Key, E> {
                    Ok(match name {
                        $( $crate::model::wire_name!($field $(, $wire)?) => Key::$field, )*
                        _ => Key::Unknown(name.to_owned()),
                    })
                }
            }

            impl Lenient for $name {
                fn mismatch(raw: serde_json::Value) -> Result<Read<Self>, String> {
                    Err(format!(concat!("expected a ", stringify!($name), " object, found {}"), $crate::model::shape(&raw)))
                }

                fn from_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<Read<Self>, A::Error> {
                    let mut model = $name::default();
                    while let Some(key) = map.next_key_seed(KeySeed)? {
                        match key {
                            $( Key::$field => match map.next_value_seed(LenientSeed::<$ty>::new())? {
                                Read::Value(value) => model.$field = Some(value),
                                Read::Null => model.$field = None,
                                Read::Raw(raw) => {
                                    model.unknown_fields.insert($crate::model::wire_name!($field $(, $wire)?), raw);
                                }
                            }, )*
                            Key::Unknown(name) => {
                                let value = map.next_value::<serde_json::Value>()?;
                                model.unknown_fields.insert(name, value);
                            }
                        }
                    }
                    Ok(Read::Value(model))
                }
            }

            impl<'de> serde::Deserialize<'de> for $name {
                fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    match LenientSeed::<$name>::new().deserialize(deserializer)? {
                        Read::Value(model) => Ok(model),
                        Read::Null | Read::Raw(_) => Err(de::Error::custom(concat!("expected a ", stringify!($name), " object"))),
                    }
                }
            }

            impl serde::Serialize for $name {
                fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    let mut map = serializer.serialize_map(None)?;
                    $( if let Some(value) = &self.$field {
                        map.serialize_entry($crate::model::wire_name!($field $(, $wire)?), value)?;
                    } )*
                    for (name, value) in self.unknown_fields.iter() {
                        // A typed value set since decoding wins over the raw one kept under the same name.
                        let shadowed = match name.as_str() {
                            $( $crate::model::wire_name!($field $(, $wire)?) => self.$field.is_some(), )*
                            _ => false,
                        };
                        if !shadowed {
                            map.serialize_entry(name, value)?;
                        }
                    }
                    map.end()
                }
            }

        };

        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                let mut debug = f.debug_struct(stringify!($name));
                $( if let Some(value) = &self.$field {
                    debug.field(stringify!($field), value);
                } )*
                if !self.unknown_fields.is_empty() {
                    debug.field("unknown_fields", &self.unknown_fields);
                }
                debug.finish()
            }
        }

        impl $crate::model::schema::Described for $name {
            const TYPE: $crate::model::schema::Type = $crate::model::schema::Type::Model(stringify!($name));
        }

        impl $crate::model::schema::DescribedModel for $name {
            const MODEL: $crate::model::schema::Model = $crate::model::schema::Model {
                name: stringify!($name),
                doc: &[$($model_doc),*],
                fields: &[$(
                    $crate::model::schema::Field {
                        name: stringify!($field),
                        wire_name: $crate::model::wire_name!($field $(, $wire)?),
                        doc: &[$($doc),*],
                        ty: <$ty as $crate::model::schema::Described>::TYPE,
                    },
                )*],
            };
        }

        #[cfg(feature = "python")]
        #[pyo3::pymethods]
        impl $name {
            $(
                $(#[doc = $doc])*
                #[getter]
                fn $field<'py>(slf: &pyo3::Bound<'py, Self>) -> pyo3::PyResult<pyo3::Bound<'py, pyo3::PyAny>> {
                    let name = pyo3::intern!(slf.py(), stringify!($field));
                    $crate::python::read_field(slf.as_any(), name, slf.get().$field.as_ref())
                }
            )*

            /// Fields this version does not know, and known fields whose values could not be typed, as sent.
            #[getter]
            fn unknown_fields<'py>(slf: &pyo3::Bound<'py, Self>) -> pyo3::PyResult<pyo3::Bound<'py, pyo3::PyAny>> {
                let name = pyo3::intern!(slf.py(), "unknown_fields");
                $crate::python::read_field(slf.as_any(), name, Some(&slf.get().unknown_fields))
            }

            /// The set fields, as a dataclass shows them; signed URLs without their signatures.
            fn __repr__(&self, py: pyo3::Python<'_>) -> pyo3::PyResult<String> {
                let mut text = String::new();
                $crate::python::PyRepr::py_repr(self, py, &mut text)?;
                Ok(text)
            }

            /// Models are values: `__dict__` is only where built fields are kept, never a place for new attributes.
            fn __setattr__(&self, name: &str, value: &pyo3::Bound<'_, pyo3::PyAny>) -> pyo3::PyResult<()> {
                let _ = value;
                Err($crate::python::read_only(stringify!($name), name))
            }

            fn __delattr__(&self, name: &str) -> pyo3::PyResult<()> {
                Err($crate::python::read_only(stringify!($name), name))
            }

            /// The model as the service's JSON: wire names, unknown fields included.
            fn to_dict<'py>(&self, py: pyo3::Python<'py>) -> pyo3::PyResult<pyo3::Bound<'py, pyo3::PyAny>> {
                $crate::python::to_python_json(py, self)
            }
        }

        #[cfg(feature = "python")]
        impl $crate::python::PyField for $name {
            const KEPT: bool = true;

            fn to_python<'py>(&self, py: pyo3::Python<'py>) -> pyo3::PyResult<pyo3::Bound<'py, pyo3::PyAny>> {
                pyo3::Py::new(py, self.clone()).map(|model| model.into_bound(py).into_any())
            }
        }

        #[cfg(feature = "python")]
        impl $crate::python::PyRepr for $name {
            fn py_repr(&self, py: pyo3::Python<'_>, out: &mut String) -> pyo3::PyResult<()> {
                let mut fields = $crate::python::ReprFields::new(py, out, stringify!($name));
                $( fields.field(stringify!($field), self.$field.as_ref())?; )*
                fields.unknown(&self.unknown_fields)
            }
        }
    };
}

/// The wire name of a field: given explicitly, or the field's own name.
macro_rules! wire_name {
    ($field:ident) => {
        stringify!($field)
    };
    ($field:ident, $wire:literal) => {
        $wire
    };
}

pub(crate) use {wire_model, wire_name};

#[cfg(feature = "json")]
/// Decodes a whole response body as `T`, or says what could not be read and where.
pub(crate) fn decode<T: serde::de::DeserializeOwned>(body: &[u8], what: &str) -> Result<T, Error> {
    let fail = |detail: String| Error::undecodable(what, detail, body);
    // One pass over the whole body checks the encoding far faster than serde_json checking each string it reads.
    let text = std::str::from_utf8(body).map_err(|err| fail(format!("the body is not UTF-8: {err}")))?;
    serde_json::from_str(text).map_err(|err| fail(json_error_detail(&err)))
}

/// serde_json's description of a JSON error; its depth limit is named as what it means to a user.
#[cfg(feature = "json")]
fn json_error_detail(err: &serde_json::Error) -> String {
    let text = err.to_string();
    match text.strip_prefix("recursion limit exceeded") {
        Some(place) => format!("the JSON is nested deeper than {} levels{place}", schema::MAX_JSON_DEPTH),
        None => text,
    }
}
