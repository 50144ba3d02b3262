//! The uniffi bindings generator, built from this workspace so its version always matches the
//! library's: `cargo run -p smartlib-uniffi --bin uniffi-bindgen -- generate …`.

fn main() {
    uniffi::uniffi_bindgen_main()
}
