//! The CLI's row readers against plain references, any row limit and buffer size.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| smartlib_fuzz::batch_rows(data));
