//! Outputs as plain JavaScript objects with the wire's names: the core's typed result written as JSON text and
//! handed to the engine's `JSON.parse`, which builds the objects far faster than one call per field would.

use std::io;

use drivekit_core::Error;
use serde::Serialize;
use serde_json::ser::Formatter;
use wasm_bindgen::JsValue;

/// An output as plain JavaScript objects, or a decode error about `what` should it not be writable as JSON.
pub(crate) fn to_js_value<T: Serialize>(output: &T, what: &str) -> Result<JsValue, Error> {
    let text = to_json_text(output).map_err(|detail| Error::Decode { what: what.to_owned(), detail })?;
    js_sys::JSON::parse(&text).map_err(|_| Error::Decode { what: what.to_owned(), detail: "not JSON".to_owned() })
}

/// The output as compact, ASCII-only JSON text.
pub(crate) fn to_json_text<T: Serialize>(output: &T) -> Result<String, String> {
    let mut text = Vec::with_capacity(16 * 1024);
    output
        .serialize(&mut serde_json::Serializer::with_formatter(&mut text, AsciiOnly))
        .map_err(|error| error.to_string())?;
    String::from_utf8(text).map_err(|_| "not UTF-8".to_owned())
}

/// Compact JSON (the trait's defaults) with every character beyond ASCII written as a `\u` escape. The text
/// crosses into JavaScript through `TextDecoder`, which copies pure ASCII about ten times faster than it decodes
/// other UTF-8, and the string it makes is one byte per character.
struct AsciiOnly;

impl Formatter for AsciiOnly {
    fn write_string_fragment<W: ?Sized + io::Write>(&mut self, writer: &mut W, fragment: &str) -> io::Result<()> {
        if fragment.is_ascii() {
            return writer.write_all(fragment.as_bytes());
        }
        let mut ascii_from = 0;
        for (at, character) in fragment.char_indices() {
            if character.is_ascii() {
                continue;
            }
            writer.write_all(&fragment.as_bytes()[ascii_from..at])?;
            ascii_from = at + character.len_utf8();
            let mut units = [0u16; 2];
            for unit in character.encode_utf16(&mut units) {
                write_unicode_escape(writer, *unit)?;
            }
        }
        writer.write_all(&fragment.as_bytes()[ascii_from..])
    }
}

fn write_unicode_escape<W: ?Sized + io::Write>(writer: &mut W, unit: u16) -> io::Result<()> {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let nibble = |shift: u16| HEX[usize::from((unit >> shift) & 0xf)];
    writer.write_all(&[b'\\', b'u', nibble(12), nibble(8), nibble(4), nibble(0)])
}

#[cfg(test)]
mod tests {
    use super::AsciiOnly;

    fn ascii_json(value: &serde_json::Value) -> String {
        let mut text = Vec::new();
        serde::Serialize::serialize(value, &mut serde_json::Serializer::with_formatter(&mut text, AsciiOnly)).unwrap();
        String::from_utf8(text).unwrap()
    }

    #[test]
    fn characters_beyond_ascii_are_escaped_and_read_back_the_same() {
        let value = serde_json::json!({"name": "人物 café 📷.jpg", "plain": "a\"b\\c\n", "n": [1, -2.5, null, true]});
        let text = ascii_json(&value);
        assert!(text.is_ascii(), "{text}");
        assert!(text.contains(r"\u4eba\u7269 caf\u00e9 \ud83d\udcf7.jpg"), "{text}");
        assert_eq!(serde_json::from_str::<serde_json::Value>(&text).unwrap(), value);
    }
}
