//! The members a JSON object ends with, read backwards from the end of its text.
//!
//! The services write a page's position fields (`cursor`, `has_more`, `next_marker`, `nextPageCursor`) after
//! its items. Reading them from the end costs a few dozen bytes instead of the whole page, so a driver can send
//! for the next page while this one decodes. Anything unexpected ends the reading: what it finds is a hint that
//! the page's decoding confirms or overrules, never a substitute for it.

/// The raw JSON text of the top-level member `name` of the object `body` holds, if it is among the members
/// after the object's last nested array or object; a member whose name is escaped is not recognised.
pub(crate) fn trailing_member<'a>(body: &'a [u8], name: &str) -> Option<&'a [u8]> {
    let mut reader = Backwards { body, end: body.len() };
    reader.expect(b'}')?;
    loop {
        let value = reader.scalar()?;
        reader.expect(b':')?;
        let key = reader.string()?;
        if key[1..key.len() - 1] == *name.as_bytes() {
            return Some(value);
        }
        reader.expect(b',')?;
    }
}

/// The position a trailing member holds: a non-empty string, unescaped.
pub(crate) fn trailing_position(body: &[u8], name: &str) -> Option<String> {
    let raw = trailing_member(body, name)?;
    serde_json::from_slice::<String>(raw).ok().filter(|position| !position.is_empty())
}

/// A reader that moves from the end of the text towards its start.
struct Backwards<'a> {
    body: &'a [u8],
    /// Everything from here on has been read.
    end: usize,
}

impl<'a> Backwards<'a> {
    /// The next byte that is not JSON whitespace, consumed.
    fn token(&mut self) -> Option<u8> {
        while self.end > 0 {
            self.end -= 1;
            let byte = self.body[self.end];
            if !matches!(byte, b' ' | b'\t' | b'\n' | b'\r') {
                return Some(byte);
            }
        }
        None
    }

    fn expect(&mut self, wanted: u8) -> Option<()> {
        (self.token()? == wanted).then_some(())
    }

    /// A string, a number, `true`, `false` or `null`; a nested array or object stops the reading.
    fn scalar(&mut self) -> Option<&'a [u8]> {
        match self.token()? {
            b'"' => {
                self.end += 1;
                self.string()
            }
            byte if is_in_literal(byte) => {
                let last = self.end;
                while self.end > 0 && is_in_literal(self.body[self.end - 1]) {
                    self.end -= 1;
                }
                Some(&self.body[self.end..=last])
            }
            _ => None,
        }
    }

    /// A string with its quotes. Its opening quote is the first one, going back, that an even number of
    /// backslashes precedes: an odd number escapes it.
    fn string(&mut self) -> Option<&'a [u8]> {
        self.expect(b'"')?;
        let closing = self.end;
        let mut at = closing;
        loop {
            at = self.body[..at].iter().rposition(|&byte| byte == b'"')?;
            let backslashes = self.body[..at].iter().rev().take_while(|&&byte| byte == b'\\').count();
            if backslashes % 2 == 0 {
                self.end = at;
                return Some(&self.body[at..=closing]);
            }
        }
    }
}

/// Whether `byte` may be part of a number, `true`, `false` or `null`.
fn is_in_literal(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'+' | b'-' | b'.')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member<'a>(body: &'a str, name: &str) -> Option<&'a str> {
        trailing_member(body.as_bytes(), name).map(|raw| std::str::from_utf8(raw).unwrap())
    }

    #[test]
    fn finds_the_members_after_the_last_nested_value_in_any_layout() {
        let compact = r#"{"items":[{"cursor":"inner"}],"has_more":true,"cursor":"c\"2\\"}"#;
        assert_eq!(member(compact, "cursor"), Some(r#""c\"2\\""#));
        assert_eq!(member(compact, "has_more"), Some("true"));
        let pretty = "{\n  \"items\": [],\n  \"total\" : -1.5E+3 ,\n  \"next\": null\r\n}\n";
        assert_eq!(member(pretty, "total"), Some("-1.5E+3"));
        assert_eq!(member(pretty, "next"), Some("null"));
    }

    #[test]
    fn gives_up_on_members_before_a_nested_value_and_on_text_that_is_not_an_object() {
        let body = r#"{"cursor":"before","items":[],"has_more":false}"#;
        assert_eq!(member(body, "cursor"), None);
        assert_eq!(member(body, "has_more"), Some("false"));
        for broken in ["", "}", r#"{"cursor":"c"]"#, r#"{"cursor":c"}"#, r#"{cursor:"c"}"#] {
            assert_eq!(member(broken, "cursor"), None, "{broken}");
        }
        assert_eq!(member(r#"{"cursor":"c"}"#, "cursor"), Some(r#""c""#));
    }
}
