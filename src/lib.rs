//! smartlib: the *Public Libraries in Smart Cities and Communities Toolbox* (Center for
//! Technology in Government, University at Albany, with ALA) as an embeddable engine.
//!
//! This facade is what `cargo add smartlib` gives you: the engine ([`smartlib_core`],
//! re-exported at the top level) and the content ([`content`]: file formats, schemas and the
//! embedded default catalog, with its most used calls re-exported here).
//!
//! ```
//! let catalog = smartlib::default_catalog();
//! let profile = smartlib::Profile::offering(["computer-labs", "wifi-access", "digital-resources"]);
//! let assessment = catalog.assess(&profile)?;
//! assert_eq!(assessment.reached.as_deref(), Some("getting-started"));
//! println!("next: {}", assessment.recommendations[0].program);
//! # Ok::<(), smartlib::Error>(())
//! ```
#![deny(missing_docs)]

pub use smartlib_content as content;
pub use smartlib_content::{
    CATALOG_VERSION, ContentError, Format, default_catalog, export_catalog, load_catalog, load_profile, parse_catalog,
    parse_profile,
};
pub use smartlib_core::*;

/// The README's Rust snippet runs as a doctest, so it cannot drift from the API.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
