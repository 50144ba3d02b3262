//! A profile in TOML, JSON or YAML against the default catalog.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| smartlib_fuzz::profile(data));
