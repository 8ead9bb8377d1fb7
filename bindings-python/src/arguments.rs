//! The client methods' arguments, read from what Python gave by one set of rules: a bool is no int or float, an
//! int or a float is no bool, a value of the right type that no limit could take (an int beyond 64 bits) is a
//! `ValidationError`, and every refusal names the argument as the caller wrote it.
//!
//! pyo3 tells which argument failed to convert only in an exception note (`__notes__`, which Python 3.9 and 3.10
//! cannot hold), not in the message, and reads `True` as the int 1. So `client_classes!` declares every parameter
//! to pyo3 as the bare object and converts it here, under the parameter's own name.

use std::collections::BTreeMap;

use drivekit_core::Error;
use pyo3::exceptions::{PyOverflowError, PyTypeError, PyUnicodeEncodeError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PySequence, PyString};

use crate::errors::to_py_err;

/// An argument as pyo3 hands it over: `None` when the caller gave `None`, or nothing for an optional parameter.
pub(crate) type Given<'a, 'py> = Option<&'a Bound<'py, PyAny>>;

/// The declared type of the parameter `name` read from what the caller gave, or the exception that names it.
pub(crate) fn take<T: Argument>(py: Python<'_>, given: Given<'_, '_>, name: &'static str) -> PyResult<T> {
    T::from_given(given).map_err(|refusal| refusal.named(py, name))
}

/// A type a client method's parameter is declared as.
pub(crate) trait Argument: Sized {
    fn from_given(given: Given<'_, '_>) -> Result<Self, Refusal>;
}

/// A parameter that may be left out (or given as `None`).
impl<T: Value> Argument for Option<T> {
    fn from_given(given: Given<'_, '_>) -> Result<Self, Refusal> {
        given.map(T::read).transpose()
    }
}

/// A parameter that must be given a value.
impl<T: Value> Argument for T {
    fn from_given(given: Given<'_, '_>) -> Result<Self, Refusal> {
        given.map_or_else(|| Err(Refusal::wrong_type(T::EXPECTED, "None".to_owned())), T::read)
    }
}

/// What a parameter takes, read from a Python value other than `None`.
pub(crate) trait Value: Sized {
    /// The kind of value it takes, as a refusal says it: `an int`.
    const EXPECTED: &'static str;

    fn read(value: &Bound<'_, PyAny>) -> Result<Self, Refusal>;
}

/// An int, or anything that is one by `__index__` (an `IntEnum`), but not a bool.
impl Value for i64 {
    const EXPECTED: &'static str = "an int";

    fn read(value: &Bound<'_, PyAny>) -> Result<Self, Refusal> {
        if value.is_instance_of::<PyBool>() {
            return Err(Refusal::unexpected::<Self>(value));
        }
        value.extract().map_err(|err| Refusal::from_conversion::<Self>(value, err))
    }
}

/// A float, or an int (or anything with `__float__`), but not a bool.
impl Value for f64 {
    const EXPECTED: &'static str = "a float or an int";

    fn read(value: &Bound<'_, PyAny>) -> Result<Self, Refusal> {
        if value.is_instance_of::<PyBool>() {
            return Err(Refusal::unexpected::<Self>(value));
        }
        value.extract().map_err(|err| Refusal::from_conversion::<Self>(value, err))
    }
}

/// `True` or `False` only: neither 0 and 1 nor any other truthy value.
impl Value for bool {
    const EXPECTED: &'static str = "a bool";

    fn read(value: &Bound<'_, PyAny>) -> Result<Self, Refusal> {
        match value.cast::<PyBool>() {
            Ok(flag) => Ok(flag.is_true()),
            Err(_) => Err(Refusal::unexpected::<Self>(value)),
        }
    }
}

/// A str (or a subclass of it), which must be valid Unicode to be sent.
impl Value for String {
    const EXPECTED: &'static str = "a str";

    fn read(value: &Bound<'_, PyAny>) -> Result<Self, Refusal> {
        let Ok(text) = value.cast::<PyString>() else { return Err(Refusal::unexpected::<Self>(value)) };
        match text.to_cow() {
            Ok(text) => Ok(text.into_owned()),
            Err(err) if err.is_instance_of::<PyUnicodeEncodeError>(value.py()) => {
                Err(Refusal::broken_rule("must be valid Unicode (it has a lone surrogate)"))
            }
            Err(err) => Err(Refusal::Raised(err)),
        }
    }
}

/// A list (or any sequence but a str) whose every item is a `T`.
impl<T: Value> Value for Vec<T> {
    const EXPECTED: &'static str = "a list";

    fn read(value: &Bound<'_, PyAny>) -> Result<Self, Refusal> {
        // A str is a sequence of strs, never what a list parameter means.
        if value.is_instance_of::<PyString>() {
            return Err(Refusal::unexpected::<Self>(value));
        }
        let Ok(sequence) = value.cast::<PySequence>() else { return Err(Refusal::unexpected::<Self>(value)) };
        let mut items = Vec::new();
        for (index, item) in sequence.try_iter().map_err(Refusal::Raised)?.enumerate() {
            let item = item.map_err(Refusal::Raised)?;
            items.push(T::read(&item).map_err(|refusal| refusal.inside(format!("[{index}]")))?);
        }
        Ok(items)
    }
}

/// A dict of str keys whose every value is a `T`.
impl<T: Value> Value for BTreeMap<String, T> {
    const EXPECTED: &'static str = "a dict";

    fn read(value: &Bound<'_, PyAny>) -> Result<Self, Refusal> {
        let Ok(dict) = value.cast::<PyDict>() else { return Err(Refusal::unexpected::<Self>(value)) };
        let mut entries = BTreeMap::new();
        for (key, item) in dict.iter() {
            let key = match String::read(&key) {
                Err(Refusal::Type { got, .. }) => return Err(Refusal::wrong_type("str keys", got)),
                read => read?,
            };
            let item = T::read(&item).map_err(|refusal| refusal.inside(format!("[{key:?}]")))?;
            entries.insert(key, item);
        }
        Ok(entries)
    }
}

/// Anything Python can call, such as a token provider.
pub(crate) struct Callable(pub(crate) Py<PyAny>);

impl Value for Callable {
    const EXPECTED: &'static str = "a callable";

    fn read(value: &Bound<'_, PyAny>) -> Result<Self, Refusal> {
        if !value.is_callable() {
            return Err(Refusal::unexpected::<Self>(value));
        }
        Ok(Callable(value.clone().unbind()))
    }
}

/// Why a value was refused, before the argument it was given for is known.
pub(crate) enum Refusal {
    /// Not the type the parameter takes: raised as a `TypeError`.
    Type {
        expected: &'static str,
        /// The name of the type given (`bool`, `None`).
        got: String,
        /// Where in the argument, for a list's item or a dict's value (`[2]`, `["small"]`); empty for the argument.
        at: String,
    },
    /// Of the right type, but no value the parameter could take: raised as a `ValidationError`.
    Rule { rule: &'static str, at: String },
    /// Python failed while reading the value (a failing `__index__`, say): raised as it is.
    Raised(PyErr),
}

impl Refusal {
    fn wrong_type(expected: &'static str, got: String) -> Self {
        Refusal::Type { expected, got, at: String::new() }
    }

    fn broken_rule(rule: &'static str) -> Self {
        Refusal::Rule { rule, at: String::new() }
    }

    fn unexpected<T: Value>(value: &Bound<'_, PyAny>) -> Self {
        let got = value.get_type().name().map_or_else(|_| "another type".to_owned(), |name| name.to_string());
        Refusal::wrong_type(T::EXPECTED, got)
    }

    /// pyo3's conversion failed: a `TypeError` is a value of another type, an `OverflowError` an int too large.
    fn from_conversion<T: Value>(value: &Bound<'_, PyAny>, err: PyErr) -> Self {
        let py = value.py();
        if err.is_instance_of::<PyOverflowError>(py) {
            Refusal::broken_rule("is out of range")
        } else if err.is_instance_of::<PyTypeError>(py) {
            Refusal::unexpected::<T>(value)
        } else {
            Refusal::Raised(err)
        }
    }

    /// The same refusal for a container's item at `step`, which may itself be inside another container.
    fn inside(self, step: String) -> Self {
        match self {
            Refusal::Type { expected, got, at } => Refusal::Type { expected, got, at: step + &at },
            Refusal::Rule { rule, at } => Refusal::Rule { rule, at: step + &at },
            raised @ Refusal::Raised(_) => raised,
        }
    }

    /// The exception for the argument `name`: the one place where an argument's refusal gets its name.
    fn named(self, py: Python<'_>, name: &'static str) -> PyErr {
        match self {
            Refusal::Type { expected, got, at } if at.is_empty() => {
                PyTypeError::new_err(format!("argument '{name}': expected {expected}, got {got}"))
            }
            Refusal::Type { expected, got, at } => {
                PyTypeError::new_err(format!("argument '{name}': expected {expected} at {name}{at}, got {got}"))
            }
            Refusal::Rule { rule, at } if at.is_empty() => {
                to_py_err(py, Error::InvalidArgument { field: name, rule: rule.to_owned() })
            }
            Refusal::Rule { rule, at } => {
                to_py_err(py, Error::InvalidArgument { field: name, rule: format!("{name}{at} {rule}") })
            }
            Refusal::Raised(err) => err,
        }
    }
}
