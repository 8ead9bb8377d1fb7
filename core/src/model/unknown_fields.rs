//! Fields a model does not know, kept so that nothing the service sent is lost.

use std::fmt;

use serde_json::{Map, Value};

/// JSON members a model has no field for (or whose value did not fit the field's type), by wire name, as sent.
#[derive(Clone, PartialEq, Default)]
pub struct UnknownFields(Map<String, Value>);

impl UnknownFields {
    /// The value sent under this wire name.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.0.get(name)
    }

    /// Every kept member, by name.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &Value)> {
        self.0.iter()
    }

    /// How many members are kept.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether nothing is kept.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Keeps a member, replacing one of the same name.
    pub fn insert(&mut self, name: impl Into<String>, value: Value) {
        self.0.insert(name.into(), value);
    }

    /// The members as one JSON object.
    pub fn to_json_object(&self) -> &Map<String, Value> {
        &self.0
    }
}

/// Unknown values may hold anything, signed URLs included: `Debug` shows their names only.
impl fmt::Debug for UnknownFields {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.0.keys()).finish()
    }
}

impl From<Map<String, Value>> for UnknownFields {
    fn from(map: Map<String, Value>) -> Self {
        UnknownFields(map)
    }
}
