//! "What changes if we add X (or drop Y)": both assessments and the differences that matter.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::assess::{Assessment, Coverage};
use crate::catalog::Catalog;
use crate::error::{Error, ErrorKind, Path, Result};
use crate::model::{Id, Status};
use crate::profile::Profile;

/// The effect of offering some programs and dropping others.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct WhatIf {
    /// Programs that became offered (those already offered are left out).
    pub added: Vec<Id>,
    /// Programs that stopped being offered (those not offered are left out).
    pub removed: Vec<Id>,
    /// The level before.
    pub level_before: usize,
    /// The level after.
    pub level_after: usize,
    /// The highest established tier before.
    pub reached_before: Option<Id>,
    /// The highest established tier after.
    pub reached_after: Option<Id>,
    /// Tiers whose count of offered programs changed.
    pub tiers: Vec<TierChange>,
    /// Roles that gained their first offered program.
    pub roles_gained: Vec<Id>,
    /// Roles that lost their last offered program.
    pub roles_lost: Vec<Id>,
    /// Areas that gained their first offered program.
    pub areas_gained: Vec<Id>,
    /// Areas that lost their last offered program.
    pub areas_lost: Vec<Id>,
    /// The assessment before.
    pub before: Assessment,
    /// The assessment after.
    pub after: Assessment,
}

/// How one tier's standing changed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct TierChange {
    /// The tier's id.
    pub id: Id,
    /// Offered programs before.
    pub offered_before: usize,
    /// Offered programs after.
    pub offered_after: usize,
    /// Whether it was established before.
    pub established_before: bool,
    /// Whether it is established after.
    pub established_after: bool,
}

impl Catalog {
    /// Assesses the profile as it is and with `add` offered and `remove` not offered.
    ///
    /// # Errors
    /// As [`Catalog::resolve`]; unknown ids in `add` or `remove` name the nearest valid id, and
    /// a program in both lists is a [`ErrorKind::ConflictingStatus`].
    pub fn what_if<A, R>(&self, profile: &Profile, add: &[A], remove: &[R]) -> Result<WhatIf>
    where
        A: AsRef<str>,
        R: AsRef<str>,
    {
        let before_profile = self.resolve(profile)?;
        let mut after_profile = before_profile.clone();
        let mut added = Vec::new();
        let mut removed = Vec::new();
        let mut to_add = Vec::new();
        for (field, ids, status) in [
            ("add", add.iter().map(AsRef::as_ref).collect::<Vec<_>>(), Status::Offered),
            ("remove", remove.iter().map(AsRef::as_ref).collect(), Status::NotOffered),
        ] {
            for (position, id) in ids.into_iter().enumerate() {
                let path = Path::root().key(field).index(position);
                let index = self.program_index(id).ok_or_else(|| self.unknown_program(id, path.clone()))?;
                let program = self.programs()[index].id.clone();
                if status == Status::Offered {
                    to_add.push(index);
                } else if to_add.contains(&index) {
                    let kind = ErrorKind::ConflictingStatus { id: program, first: Status::Offered, second: status };
                    return Err(Error::new(path, kind));
                }
                let was = before_profile.status(index);
                after_profile.set_status(index, status)?;
                match status {
                    Status::Offered if was != Status::Offered => added.push(program),
                    Status::NotOffered if was == Status::Offered => removed.push(program),
                    _ => {}
                }
            }
        }
        let before = self.assess_resolved(&before_profile)?;
        let after = self.assess_resolved(&after_profile)?;
        let tiers = before
            .tiers
            .iter()
            .zip(&after.tiers)
            .filter(|(b, a)| b.offered != a.offered)
            .map(|(b, a)| TierChange {
                id: b.id.clone(),
                offered_before: b.offered,
                offered_after: a.offered,
                established_before: b.established,
                established_after: a.established,
            })
            .collect();
        let (roles_gained, roles_lost) = coverage_changes(&before.roles, &after.roles);
        let (areas_gained, areas_lost) = coverage_changes(&before.areas, &after.areas);
        Ok(WhatIf {
            added,
            removed,
            level_before: before.level,
            level_after: after.level,
            reached_before: before.reached.clone(),
            reached_after: after.reached.clone(),
            tiers,
            roles_gained,
            roles_lost,
            areas_gained,
            areas_lost,
            before,
            after,
        })
    }
}

/// Ids that went from no programs to some (gained) and from some to none (lost).
fn coverage_changes(before: &[Coverage], after: &[Coverage]) -> (Vec<Id>, Vec<Id>) {
    let mut gained = Vec::new();
    let mut lost = Vec::new();
    for (b, a) in before.iter().zip(after) {
        match (b.programs.is_empty(), a.programs.is_empty()) {
            (true, false) => gained.push(b.id.clone()),
            (false, true) => lost.push(b.id.clone()),
            _ => {}
        }
    }
    (gained, lost)
}
