//! smartlib: the *Public Libraries in Smart Cities and Communities Toolbox* as an embeddable
//! engine. This facade re-exports the engine ([`smartlib_core`]); the content crate joins it
//! as it lands.
#![deny(missing_docs)]

pub use smartlib_core::*;
