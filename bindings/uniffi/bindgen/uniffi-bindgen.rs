//! The uniffi bindings generator, built from this workspace so its version always matches the
//! library's: `cargo run -p smartlib-uniffi-bindgen -- generate …` (or
//! `bindings/uniffi/scripts/generate.sh`).

fn main() {
    uniffi::uniffi_bindgen_main()
}
