//! Workspace-level tests, one module per concern.

/// The shared test vectors in `tests/vectors/*.json`, which every language binding also runs.
mod vectors;

/// Invariants over random catalogs and profiles (proptest).
mod properties;

/// The committed JSON Schemas match the types and the content.
mod schema;

/// The binding READMEs list the core's view fields.
mod view_fields;

/// The fuzz targets' seeds and past crashes, through the targets' own checks.
mod fuzz_regressions;

/// Every test RELIABILITY.md names exists.
mod reliability_doc;
