//! KooDrive's `X-Date`: any text parses or not without a panic, and every time written reads back.
#![no_main]

use drivekit_core::koodrive::x_date;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (u64, &str)| {
    let (unix_ms, text) = input;
    let _ = x_date::parse(text);
    let _ = x_date::check(text, unix_ms);
    let unix_ms = unix_ms % 253_402_300_800_000; // up to the year 9999
    let written = x_date::format(unix_ms);
    assert_eq!(x_date::parse(&written), Some((unix_ms / 1000) as i64), "{written}");
});
