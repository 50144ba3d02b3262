//! Kotlin and Swift bindings for smartlib (uniffi proc-macros, no UDL).
//!
//! One thread-safe [`Catalog`] object (an `Arc` around the engine's catalog) and plain records
//! in and out. Kotlin sees the package `org.smartlib`, Swift the module `SmartLib`. Errors are
//! one [`SmartlibError`] enum with the cases a caller acts on: Kotlin `SmartlibException.*`,
//! Swift `throws SmartlibError`. A Rust panic is caught by uniffi and surfaces as an exception,
//! never as a crashed process.
//!
//! - `error.rs`: [`SmartlibError`] and how the engine's errors map to it;
//! - `records.rs`: every record and enum, and their conversions (the answer records are the
//!   core's views, field by field);
//! - `catalog.rs`: the [`Catalog`] object and its methods.

mod catalog;
mod error;
mod records;

pub use catalog::Catalog;
pub use error::SmartlibError;
pub use records::{
    Assessment, Coverage, Dimension, ExampleLibrary, Format, Guide, Phase, Profile, Program, Reason, Recommendation,
    Roadmap, Scale, Tier, TierChange, TierStatus, WhatIf,
};

uniffi::setup_scaffolding!();

/// The version of the embedded toolbox content.
#[uniffi::export]
pub fn content_version() -> String {
    smartlib::CATALOG_VERSION.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_map_to_the_cases_callers_act_on() {
        let catalog = Catalog::toolbox();
        let unknown = catalog.assess(Profile { offers: vec!["wifi-acess".into()], ..Profile::default() });
        assert!(
            matches!(unknown, Err(SmartlibError::UnknownProgram { ref suggestion, .. }) if suggestion.as_deref() == Some("wifi-access"))
        );
        let conflict = catalog.assess(Profile {
            offers: vec!["wifi-access".into()],
            planned: vec!["wifi-access".into()],
            ..Profile::default()
        });
        assert!(matches!(conflict, Err(SmartlibError::Profile { .. })));
        let broken = Catalog::from_text("name = \"x\"\nversion =".into(), Format::Toml);
        assert!(matches!(broken, Err(SmartlibError::Content { line: Some(2), .. })));
    }
}
