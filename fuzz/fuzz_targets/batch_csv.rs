//! A CSV header and rows as `smartlib batch` reads them.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| smartlib_fuzz::batch_csv(data));
