//! A catalog in TOML, JSON or YAML.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| smartlib_fuzz::catalog(data));
