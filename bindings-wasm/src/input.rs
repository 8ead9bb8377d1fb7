//! The caller's options and inputs, read from plain JavaScript objects property by property: a value of the
//! wrong type is reported under the very name the caller wrote (`driveId`, `retry.maxAttempts`), and no generic
//! deserializer is compiled into the module for a handful of flat objects.

use drivekit_core::Error;
use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// JavaScript numbers are exact up to 2^53 - 1; a larger "whole number" may already have been rounded.
const LARGEST_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// One object the caller gave: an operation's input, a client's options or a part of them.
pub(crate) struct Fields {
    object: JsValue,
}

impl Fields {
    /// An operation's input, which must be an object.
    pub(crate) fn input(value: JsValue) -> Result<Fields, Error> {
        Self::object(value, "input")
    }

    /// A client's options or an optional part of them: none at all reads as an empty object.
    pub(crate) fn options(value: JsValue, name: &'static str) -> Result<Fields, Error> {
        if value.is_undefined() || value.is_null() {
            return Ok(Fields { object: Object::new().into() });
        }
        Self::object(value, name)
    }

    fn object(value: JsValue, name: &'static str) -> Result<Fields, Error> {
        if value.is_object() && !value.is_function() && !Array::is_array(&value) {
            Ok(Fields { object: value })
        } else {
            Err(invalid(name, "must be an object"))
        }
    }

    /// A property's value; `undefined` and `null` both mean "not given", as they do for optional fields in JSON.
    fn get(&self, name: &'static str) -> Result<Option<JsValue>, Error> {
        // Only a getter or a proxy of the caller's own can throw here.
        let value = Reflect::get(&self.object, &JsValue::from_str(name))
            .map_err(|_| invalid(name, "could not be read (its getter threw)"))?;
        Ok((!value.is_undefined() && !value.is_null()).then_some(value))
    }

    /// The first of `names` that was given, whatever its value: for options this package refuses.
    pub(crate) fn first_given(&self, names: &[&'static str]) -> Result<Option<&'static str>, Error> {
        for name in names {
            if self.get(name)?.is_some() {
                return Ok(Some(name));
            }
        }
        Ok(None)
    }

    /// A nested object, such as `retry` or one of `thumbnailProcesses`.
    pub(crate) fn fields(&self, name: &'static str) -> Result<Option<Fields>, Error> {
        self.get(name)?.map(|value| Self::object(value, name)).transpose()
    }

    /// A string the operation cannot go without.
    pub(crate) fn required_string(&self, name: &'static str) -> Result<String, Error> {
        self.string(name)?.ok_or_else(|| invalid(name, "is required"))
    }

    /// An optional string.
    pub(crate) fn string(&self, name: &'static str) -> Result<Option<String>, Error> {
        self.get(name)?.map(|value| value.as_string().ok_or_else(|| invalid(name, "must be a string"))).transpose()
    }

    /// An optional boolean.
    pub(crate) fn boolean(&self, name: &'static str) -> Result<Option<bool>, Error> {
        self.get(name)?.map(|value| value.as_bool().ok_or_else(|| invalid(name, "must be a boolean"))).transpose()
    }

    /// An optional whole number; its range is the core's to check.
    pub(crate) fn integer(&self, name: &'static str) -> Result<Option<i64>, Error> {
        let whole = |value: JsValue| {
            let number = value.as_f64().filter(|number| number.fract() == 0.0 && number.abs() <= LARGEST_SAFE_INTEGER);
            // A safe integer converts exactly.
            number.map(|number| number as i64).ok_or_else(|| invalid(name, "must be a whole number"))
        };
        self.get(name)?.map(whole).transpose()
    }

    /// An optional number; its range is the core's to check.
    pub(crate) fn number(&self, name: &'static str) -> Result<Option<f64>, Error> {
        self.get(name)?.map(|value| value.as_f64().ok_or_else(|| invalid(name, "must be a number"))).transpose()
    }

    /// An optional number of milliseconds: finite, and zero or more.
    pub(crate) fn milliseconds(&self, name: &'static str) -> Result<Option<f64>, Error> {
        let milliseconds = |value: JsValue| {
            value
                .as_f64()
                .filter(|ms| ms.is_finite() && *ms >= 0.0)
                .ok_or_else(|| invalid(name, "must be a finite number of milliseconds, zero or more"))
        };
        self.get(name)?.map(milliseconds).transpose()
    }

    /// An optional list of strings.
    pub(crate) fn strings(&self, name: &'static str) -> Result<Option<Vec<String>>, Error> {
        let list = |value: JsValue| {
            let array = value.dyn_into::<Array>().map_err(|_| invalid(name, "must be a list of strings"))?;
            array
                .iter()
                .map(|item| item.as_string().ok_or_else(|| invalid(name, "must be a list of strings")))
                .collect()
        };
        self.get(name)?.map(list).transpose()
    }

    /// An optional function, such as `getAccessToken`.
    pub(crate) fn function(&self, name: &'static str, rule: &str) -> Result<Option<Function>, Error> {
        self.get(name)?.map(|value| value.dyn_into::<Function>().map_err(|_| invalid(name, rule))).transpose()
    }

    /// An optional record: each own property's name with its value read as an object.
    pub(crate) fn record(&self, name: &'static str) -> Result<Option<Vec<(String, Fields)>>, Error> {
        let Some(record) = self.fields(name)? else {
            return Ok(None);
        };
        let object: &Object = record.object.unchecked_ref();
        let entries = Object::entries(object);
        let entry = |entry: JsValue| {
            let entry: Array = entry.unchecked_into();
            let key = entry.get(0).as_string().unwrap_or_default();
            Ok((key, Self::object(entry.get(1), name)?))
        };
        entries.iter().map(entry).collect::<Result<_, Error>>().map(Some)
    }
}

fn invalid(field: &'static str, rule: &str) -> Error {
    Error::InvalidArgument { field, rule: rule.to_owned() }
}
