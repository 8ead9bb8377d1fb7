//! The AccessKey string to sign over any path, query and headers: never a panic, and the same text for the same
//! request however its headers are ordered.
#![no_main]

use drivekit_core::http::Method;
use drivekit_core::pds::signature::string_to_sign;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (&str, Vec<(&str, &str)>, Vec<(String, String)>)| {
    let (path, query, headers) = input;
    let text = string_to_sign(Method::Post, path, &query, &headers);
    let mut reversed = headers.clone();
    reversed.reverse();
    let unique = |headers: &[(String, String)]| {
        let mut names: Vec<String> = headers.iter().map(|(name, _)| name.to_ascii_lowercase()).collect();
        names.sort();
        names.windows(2).all(|pair| pair[0] != pair[1])
    };
    if unique(&headers) {
        assert_eq!(string_to_sign(Method::Post, path, &query, &reversed), text);
    }
});
