//! Loaders never panic: arbitrary bytes, and valid files with random damage, in every format.
//! Also export → load round-trips.

use proptest::prelude::*;
use smartlib_content::{Format, default_catalog, export_catalog, parse_catalog, parse_profile};

fn valid_texts() -> Vec<(String, Format)> {
    let data = default_catalog().data().clone();
    vec![
        (export_catalog(&data, Format::Json).expect("json"), Format::Json),
        (export_catalog(&data, Format::Toml).expect("toml"), Format::Toml),
        ("name: Tiny\nversion: '1'\nstart_message: Go.\ntiers:\n  - {id: a, name: A, message: M}\nprograms:\n  - {id: p, name: P, tier: a, summary: S}\n".to_owned(), Format::Yaml),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let text = String::from_utf8_lossy(&bytes);
        let catalog = default_catalog();
        for format in Format::ALL {
            let _ = parse_catalog(&text, format, "fuzz");
            let _ = parse_profile(&text, format, "fuzz", &catalog);
        }
    }

    #[test]
    fn damaged_valid_files_never_panic(which in 0usize..3, at in any::<prop::sample::Index>(), len in 0usize..40, junk in "[\\[\\]{}:,\"'#=\\-\n a-z0-9*&!|>]{0,20}") {
        let texts = valid_texts();
        let (text, format) = &texts[which];
        let start = at.index(text.len());
        let start = (0..=start).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
        let end = (start + len).min(text.len());
        let end = (end..=text.len()).find(|&i| text.is_char_boundary(i)).unwrap_or(text.len());
        let damaged = format!("{}{}{}", &text[..start], junk, &text[end..]);
        if let Err(error) = parse_catalog(&damaged, *format, "damaged") {
            // Every diagnostic names its origin and says something.
            for diagnostic in error.diagnostics() {
                prop_assert_eq!(&diagnostic.origin, "damaged");
                prop_assert!(!diagnostic.message.is_empty());
            }
        }
    }
}

#[test]
fn export_then_load_round_trips() {
    let catalog = default_catalog();
    for format in [Format::Json, Format::Toml] {
        let text = export_catalog(catalog.data(), format).expect("export");
        let loaded = parse_catalog(&text, format, "exported").unwrap_or_else(|e| panic!("{format}: {e}"));
        assert_eq!(loaded.data(), catalog.data(), "{format}");
        assert_eq!(loaded.content().fingerprint, catalog.content().fingerprint);
    }
    assert!(export_catalog(catalog.data(), Format::Yaml).is_err());
}

#[test]
fn an_edited_export_loads_with_the_edit() {
    let catalog = default_catalog();
    let text = export_catalog(catalog.data(), Format::Toml).expect("export");
    let edited = text.replacen("established_share = 0.6", "established_share = 0.4", 1);
    assert_ne!(edited, text, "the export spells out the policy");
    let loaded = parse_catalog(&edited, Format::Toml, "edited.toml").expect("valid");
    assert_eq!(loaded.policy().established_share, 0.4);
    assert_ne!(loaded.content().fingerprint, catalog.content().fingerprint);
}
