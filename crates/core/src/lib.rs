//! The smartlib engine: the *Public Libraries in Smart Cities and Communities Toolbox*
//! (Center for Technology in Government, University at Albany, with ALA) as a model, an
//! assessment and an explainable recommendation engine. No file or network I/O: catalogs
//! arrive as [`CatalogData`] (the `smartlib-content` crate loads them from files).
//!
//! - A [`Catalog`] is validated data: tiers in order, programs with their `builds_on` links,
//!   roles, contribution areas, guides, example libraries and the [`Policy`].
//! - A [`Profile`] says what one library offers, pilots, plans or does not know.
//! - [`Catalog::assess`] places the library by the toolbox's rule: its level is the number of
//!   consecutive tiers, from the first, in which it offers at least the policy's share of the
//!   programs. It also ranks what to do next ([`Recommendation`]), each with [`Reason`]s that
//!   name the ids they rest on.
//! - [`Catalog::roadmap`] groups every next program into phases that respect `builds_on`;
//!   [`Catalog::what_if`] shows what adding or dropping programs would change.
//! - Loose input is read here for every front end: a [`Cell`] of a table or JSON becomes a
//!   [`Status`] or an amount by one vocabulary, and [`Catalog::columns`] says what each
//!   column of a table means; [`Catalog::summarize_many`] scores many rows in parallel, in
//!   input order.
//! - [`view`] gives every answer the one shape the bindings expose, with display names.
//!
//! ```
//! use smartlib_core::{Catalog, Profile, Reason};
//!
//! // A small demonstration catalog; real code loads the toolbox with smartlib-content.
//! let catalog = Catalog::new(smartlib_core::testing::small_catalog())?;
//! let profile = Profile::offering(["lab", "wifi", "classes"]).with_goal("creators");
//! let assessment = catalog.assess(&profile)?;
//!
//! assert_eq!(assessment.level, 1);
//! assert_eq!(assessment.reached.as_deref(), Some("basics"));
//! // `advanced` builds on `classes`, which is offered, and serves the goal.
//! let best = &assessment.recommendations[0];
//! assert_eq!(&*best.program, "advanced");
//! assert!(best.reasons.iter().any(|r| matches!(r, Reason::BuildsOn { programs, .. } if &*programs[0] == "classes")));
//! # Ok::<(), smartlib_core::Error>(())
//! ```
//!
//! Unknown ids are errors that name the nearest valid id, never panics:
//!
//! ```
//! # use smartlib_core::{Catalog, Profile};
//! # let catalog = Catalog::new(smartlib_core::testing::small_catalog()).unwrap();
//! let error = catalog.assess(&Profile::offering(["wfii"])).unwrap_err();
//! assert_eq!(error.to_string(), r#"offers[0]: unknown program "wfii" (did you mean "wifi"?)"#);
//! ```
#![deny(missing_docs)]

mod advice;
mod assess;
mod batch;
mod bits;
mod catalog;
mod cell;
mod engine;
mod error;
mod fingerprint;
mod index;
mod model;
mod policy;
mod profile;
mod reason;
mod recommend;
mod roadmap;
pub mod suggest;
mod table;
#[cfg(feature = "testing")]
pub mod testing;
mod validate;
pub mod view;
mod what_if;

pub use advice::{Advice, AdviceKind};
pub use assess::{Assessment, Coverage, Message, Scored, Summary, TierStatus};
pub use batch::{BatchError, BatchOptions, Worker};
pub use catalog::{Catalog, ContentStamp};
pub use cell::Cell;
pub use error::{CatalogError, CellValue, Echo, Error, ErrorKind, Kind, Located, Path, Problem, Result, Segment};
pub use model::{
    Action, AdviceItem, CatalogData, Dimension, ExampleLibrary, Guide, Id, Link, Need, Needs, Program, Resource,
    Resources, Scale, Status, Tier,
};
pub use policy::{Policy, Rule, Weights};
pub use profile::{AssumeUnknown, Assumed, Profile, ResolvedProfile};
pub use reason::{Reason, ReasonKind, ReasonKinds, Recommendation};
pub use roadmap::{Phase, Roadmap};
pub use table::{Column, ColumnBuffers, Columns, Field};
pub use what_if::{TierChange, WhatIf};

/// The engine's version (this crate's, `MAJOR.MINOR.PATCH`): what an app reports, and what a
/// content server can be told. The catalog format has its own version, in `smartlib-content`.
///
/// ```
/// assert_eq!(smartlib_core::VERSION.split('.').count(), 3);
/// ```
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
