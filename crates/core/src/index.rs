//! The indexes a validated catalog keeps beside its data, so the engine's inner loops read
//! positions and bit sets instead of ids.

use std::collections::HashMap;

use crate::model::Id;

/// Id → catalog position. foldhash: id lookups are on the batch path, and SipHash's
/// flooding resistance buys nothing for a catalog's own ids.
pub(crate) type IdMap = HashMap<Id, usize, foldhash::fast::RandomState>;

/// A program reduced to what the engine reads in its inner loops.
#[derive(Debug)]
pub(crate) struct Compiled {
    pub(crate) tier: usize,
    pub(crate) builds_on: Box<[usize]>,
    pub(crate) roles: u64,
    pub(crate) areas: u64,
    /// Its stated needs as small numbers (see [`crate::engine::need_ranks`]), for scoring.
    pub(crate) need_ranks: [u8; 3],
    /// What its stated needs add up to, for breaking ties: low 1, medium 2, high 3 for each of
    /// budget, staff and space (0 when not stated).
    pub(crate) cost: u8,
}

/// What validation hands the catalog: id lookups, compiled programs and an order that puts
/// every program after all it builds on (ties in catalog order).
pub(crate) struct Index {
    pub(crate) program_index: IdMap,
    pub(crate) role_index: IdMap,
    pub(crate) area_index: IdMap,
    pub(crate) programs: Vec<Compiled>,
    pub(crate) topological: Vec<usize>,
}
