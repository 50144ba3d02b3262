//! Rows of JSON Lines as `smartlib batch` reads them.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| smartlib_fuzz::batch_jsonl(data));
