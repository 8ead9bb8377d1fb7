//! The models as Python objects (feature `python`): the conversions of the core's value types, and what the
//! `wire_model!` classes need for `repr` and `to_dict()`.
//!
//! A model class keeps the decoded Rust value and converts a field only when it is read, so decoding a page costs
//! one Python object however many fields it holds; what is costly to convert is converted once.

use std::collections::BTreeMap;

use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use serde::Serialize;
use serde_json::Value;

use crate::model::{SignedUrl, Timestamp, UnknownFields};
use crate::pds::DeltaOp;

/// Writes a value as Python's `repr` would show it, with signed URLs redacted.
pub trait PyRepr {
    /// Appends the representation to `out`.
    fn py_repr(&self, py: Python<'_>, out: &mut String) -> PyResult<()>;
}

/// Builds a model's `Name(field=value, ...)`, skipping unset fields.
pub struct ReprFields<'a, 'py> {
    py: Python<'py>,
    out: &'a mut String,
    first: bool,
}

impl<'a, 'py> ReprFields<'a, 'py> {
    /// Starts the representation of the model `name`.
    pub fn new(py: Python<'py>, out: &'a mut String, name: &str) -> Self {
        out.push_str(name);
        out.push('(');
        ReprFields { py, out, first: true }
    }

    /// Adds a field when it is set.
    pub fn field<T: PyRepr>(&mut self, name: &str, value: Option<&T>) -> PyResult<()> {
        let Some(value) = value else { return Ok(()) };
        self.separate(name);
        value.py_repr(self.py, self.out)
    }

    /// Adds the names of the unknown fields (their values may hold anything, signed URLs included), then closes.
    pub fn unknown(mut self, unknown: &UnknownFields) -> PyResult<()> {
        if !unknown.is_empty() {
            self.separate("unknown_fields");
            self.out.push('{');
            for (index, (name, _)) in unknown.iter().enumerate() {
                if index > 0 {
                    self.out.push_str(", ");
                }
                name.py_repr(self.py, self.out)?;
                self.out.push_str(": ...");
            }
            self.out.push('}');
        }
        self.out.push(')');
        Ok(())
    }

    fn separate(&mut self, name: &str) {
        if !self.first {
            self.out.push_str(", ");
        }
        self.first = false;
        self.out.push_str(name);
        self.out.push('=');
    }
}

fn python_repr(value: &Bound<'_, PyAny>, out: &mut String) -> PyResult<()> {
    out.push_str(&value.repr()?.to_cow()?);
    Ok(())
}

impl PyRepr for String {
    fn py_repr(&self, py: Python<'_>, out: &mut String) -> PyResult<()> {
        python_repr(PyString::new(py, self).as_any(), out)
    }
}

macro_rules! repr_as_python {
    ($($ty:ty),*) => {$(
        impl PyRepr for $ty {
            fn py_repr(&self, py: Python<'_>, out: &mut String) -> PyResult<()> {
                python_repr(self.into_pyobject(py)?.as_any(), out)
            }
        }
    )*};
}
repr_as_python!(bool, u32, i32, u64, i64, f64);

impl PyRepr for Timestamp {
    fn py_repr(&self, py: Python<'_>, out: &mut String) -> PyResult<()> {
        out.push_str("Timestamp(");
        self.as_str().to_owned().py_repr(py, out)?;
        out.push(')');
        Ok(())
    }
}

/// A signed URL's query grants access on its own: only the part before `?` is shown.
impl PyRepr for SignedUrl {
    fn py_repr(&self, py: Python<'_>, out: &mut String) -> PyResult<()> {
        match self.as_str().split_once('?') {
            Some((base, _)) => format!("{base}?<redacted>").py_repr(py, out),
            None => self.as_str().to_owned().py_repr(py, out),
        }
    }
}

impl PyRepr for DeltaOp {
    fn py_repr(&self, py: Python<'_>, out: &mut String) -> PyResult<()> {
        self.as_str().to_owned().py_repr(py, out)
    }
}

impl<T: PyRepr> PyRepr for Vec<T> {
    fn py_repr(&self, py: Python<'_>, out: &mut String) -> PyResult<()> {
        out.push('[');
        for (index, item) in self.iter().enumerate() {
            if index > 0 {
                out.push_str(", ");
            }
            item.py_repr(py, out)?;
        }
        out.push(']');
        Ok(())
    }
}

impl<T: PyRepr> PyRepr for BTreeMap<String, T> {
    fn py_repr(&self, py: Python<'_>, out: &mut String) -> PyResult<()> {
        out.push('{');
        for (index, (key, value)) in self.iter().enumerate() {
            if index > 0 {
                out.push_str(", ");
            }
            key.py_repr(py, out)?;
            out.push_str(": ");
            value.py_repr(py, out)?;
        }
        out.push('}');
        Ok(())
    }
}

/// A value as the Python objects `json.loads` would give for its JSON.
pub fn to_python_json<'py, T: Serialize>(py: Python<'py>, value: &T) -> PyResult<Bound<'py, PyAny>> {
    let json = serde_json::to_value(value)
        .map_err(|err| pyo3::exceptions::PyValueError::new_err(format!("cannot be written as JSON: {err}")))?;
    json_to_python(py, &json)
}

/// A JSON value as `json.loads` would give it.
pub fn json_to_python<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(flag) => flag.into_pyobject(py)?.to_owned().into_any(),
        Value::Number(number) => match (number.as_u64(), number.as_i64()) {
            (Some(unsigned), _) => unsigned.into_pyobject(py)?.into_any(),
            (None, Some(signed)) => signed.into_pyobject(py)?.into_any(),
            _ => number.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any(),
        },
        Value::String(text) => PyString::new(py, text).into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(json_to_python(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(members) => {
            let dict = PyDict::new(py);
            for (name, member) in members {
                dict.set_item(name, json_to_python(py, member)?)?;
            }
            dict.into_any()
        }
    })
}

/// How a model's field reads in Python.
pub trait PyField {
    /// Whether the first read's Python value is kept for the reads after it: true where building it copies a
    /// whole structure (a nested model, a list, a dict), so that `page.items[i]` in a loop stays cheap and
    /// `item.file is item.file`.
    const KEPT: bool = false;

    /// The value as a new Python object.
    fn to_python<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>>;
}

/// Reads the field `name` of a model object: `None` when unset, else its Python value, built on the first read
/// and kept in the object's `__dict__` when that is costly.
pub fn read_field<'py, T: PyField>(
    model: &Bound<'py, PyAny>,
    name: &Bound<'py, PyString>,
    value: Option<&T>,
) -> PyResult<Bound<'py, PyAny>> {
    let py = model.py();
    let Some(value) = value else { return Ok(py.None().into_bound(py)) };
    if !T::KEPT {
        return value.to_python(py);
    }
    let kept = model.getattr(intern!(py, "__dict__"))?.cast_into::<PyDict>()?;
    if let Some(built) = kept.get_item(name)? {
        return Ok(built);
    }
    let built = value.to_python(py)?;
    kept.set_item(name, &built)?;
    Ok(built)
}

/// The error for setting or deleting an attribute of a model, as Python gives for a frozen dataclass's.
pub fn read_only(model: &str, attribute: &str) -> PyErr {
    pyo3::exceptions::PyAttributeError::new_err(format!(
        "cannot assign to or delete {model}.{attribute}: models are read-only"
    ))
}

macro_rules! field_as_python {
    ($($ty:ty),*) => {$(
        impl PyField for $ty {
            fn to_python<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                Ok(self.into_pyobject(py)?.to_owned().into_any())
            }
        }
    )*};
}
field_as_python!(String, bool, u32, i32, u64, i64, f64);

impl PyField for Timestamp {
    fn to_python<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(Bound::new(py, self.clone())?.into_any())
    }
}

/// A signed URL reads as the whole URL: it is what an HTTP client needs.
impl PyField for SignedUrl {
    fn to_python<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(PyString::new(py, self.as_str()).into_any())
    }
}

/// A change's operation reads as its wire text, known or not.
impl PyField for DeltaOp {
    fn to_python<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(PyString::new(py, self.as_str()).into_any())
    }
}

impl<T: PyField> PyField for Vec<T> {
    const KEPT: bool = true;

    fn to_python<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let items = self.iter().map(|item| item.to_python(py)).collect::<PyResult<Vec<_>>>()?;
        Ok(PyList::new(py, items)?.into_any())
    }
}

impl<T: PyField> PyField for BTreeMap<String, T> {
    const KEPT: bool = true;

    fn to_python<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let dict = PyDict::new(py);
        for (key, value) in self {
            dict.set_item(key, value.to_python(py)?)?;
        }
        Ok(dict.into_any())
    }
}

/// Unknown fields read as a dict of what `json.loads` would give for them.
impl PyField for UnknownFields {
    const KEPT: bool = true;

    fn to_python<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let dict = PyDict::new(py);
        for (name, value) in self.iter() {
            dict.set_item(name, json_to_python(py, value)?)?;
        }
        Ok(dict.into_any())
    }
}

/// A time as the service sent it, with typed accessors.
#[pymethods]
impl Timestamp {
    /// The text as sent.
    #[getter]
    fn text(&self) -> &str {
        self.as_str()
    }

    /// The time as an aware `datetime` (with the offset it was sent with), or `None` when the text is not an
    /// RFC 3339 time.
    #[getter]
    fn datetime<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.to_datetime().map(|time| time.into_pyobject(py).map(Bound::into_any)).transpose()
    }

    /// Milliseconds since the Unix epoch, or `None` when the text is not a time.
    #[getter]
    fn unix_ms(&self) -> Option<i64> {
        self.unix_millis()
    }

    fn __str__(&self) -> &str {
        self.as_str()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let mut text = String::new();
        self.py_repr(py, &mut text)?;
        Ok(text)
    }

    /// Equal to a timestamp with the same text, or to that text itself.
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        if let Ok(other) = other.cast::<Timestamp>() {
            return other.get().as_str() == self.as_str();
        }
        other.cast::<PyString>().is_ok_and(|text| text.to_cow().is_ok_and(|text| text == self.as_str()))
    }

    fn __hash__(&self, py: Python<'_>) -> PyResult<isize> {
        // The same hash as the text, since a timestamp equals its text.
        PyString::new(py, self.as_str()).hash()
    }
}
