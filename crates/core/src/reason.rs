//! What a recommendation is: a program, its score, and structured [`Reason`]s that each name
//! the ids they rest on and the points they add.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::{Action, Id, Resource, Scale, Status};

/// A program the library does not offer yet, with its score and why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Recommendation {
    /// The program's id.
    pub program: Id,
    /// Its tier's id.
    pub tier: Id,
    /// What to do, from the program's status: `start` (not offered), `make-permanent`
    /// (piloting), `carry-out-plan` (planned) or `verify` (unknown). Never `keep`: offered
    /// programs are not recommended.
    pub action: Action,
    /// The sum of the reasons' points; higher is better.
    pub score: f64,
    /// One reason per ranking principle that applied, in order of the principles.
    pub reasons: Vec<Reason>,
    /// Organizational processes that help to start it.
    pub processes: Vec<Id>,
    /// Marketing and outreach tools that help it reach residents.
    pub outreach: Vec<Id>,
    /// Example libraries that run it.
    pub examples: Vec<Id>,
}

/// Why a program ranks where it does. Each reason carries the points it added.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Reason {
    /// It belongs to the first tier not yet established: the one to build now.
    NextTier {
        /// That tier.
        tier: Id,
        /// Points added.
        points: f64,
    },
    /// It fills a gap in a tier that is already established.
    LowerTierGap {
        /// That tier.
        tier: Id,
        /// Points added.
        points: f64,
    },
    /// It belongs to a tier beyond the next one.
    HigherTier {
        /// That tier.
        tier: Id,
        /// How many tiers beyond the first one not yet established (1 = the one right after).
        tiers_ahead: usize,
        /// Points added.
        points: f64,
    },
    /// It builds on programs the library already offers.
    BuildsOn {
        /// The offered programs it builds on.
        programs: Vec<Id>,
        /// Points added.
        points: f64,
    },
    /// In a roadmap: it builds on programs an earlier phase of the plan starts.
    BuildsOnEarlierPhases {
        /// Those programs.
        programs: Vec<Id>,
        /// The phase that starts each of them, from 1.
        phases: Vec<usize>,
        /// Points added.
        points: f64,
    },
    /// It builds on programs the library does not offer yet.
    MissingPrerequisites {
        /// The programs it builds on that are missing.
        programs: Vec<Id>,
        /// Points taken off (negative).
        points: f64,
    },
    /// It builds on programs whose status is unknown: neither leverage nor a gap, so it adds
    /// nothing and takes nothing off; the reason only says so.
    BuildsOnUnknown {
        /// The programs it builds on whose status is unknown.
        programs: Vec<Id>,
        /// Always 0: an unknown prerequisite is not scored.
        points: f64,
    },
    /// It serves goals the library set.
    Goals {
        /// The goals (role or area ids) it serves.
        goals: Vec<Id>,
        /// Points added.
        points: f64,
    },
    /// It develops smart-citizen roles no offered program develops yet.
    RoleGap {
        /// Those roles.
        roles: Vec<Id>,
        /// Points added.
        points: f64,
    },
    /// It needs more of a resource than the library has.
    Constraint {
        /// Which resource.
        resource: Resource,
        /// What the program needs.
        needs: Scale,
        /// What the library has.
        has: Scale,
        /// Points taken off (negative).
        points: f64,
    },
    /// The library is already piloting or planning it.
    InProgress {
        /// `piloting` or `planned`.
        status: Status,
        /// Points added.
        points: f64,
    },
    /// Nobody knows whether the library offers it; worth checking first.
    StatusUnknown {
        /// Points added.
        points: f64,
    },
}

impl Reason {
    /// The points this reason added to the score (negative when it took points off).
    pub fn points(&self) -> f64 {
        match self {
            Reason::NextTier { points, .. }
            | Reason::LowerTierGap { points, .. }
            | Reason::HigherTier { points, .. }
            | Reason::BuildsOn { points, .. }
            | Reason::BuildsOnEarlierPhases { points, .. }
            | Reason::MissingPrerequisites { points, .. }
            | Reason::BuildsOnUnknown { points, .. }
            | Reason::Goals { points, .. }
            | Reason::RoleGap { points, .. }
            | Reason::Constraint { points, .. }
            | Reason::InProgress { points, .. }
            | Reason::StatusUnknown { points } => *points,
        }
    }

    /// The `kind` tag used in JSON (`next-tier`, `builds-on`, …).
    pub fn kind(&self) -> &'static str {
        match self {
            Reason::NextTier { .. } => "next-tier",
            Reason::LowerTierGap { .. } => "lower-tier-gap",
            Reason::HigherTier { .. } => "higher-tier",
            Reason::BuildsOn { .. } => "builds-on",
            Reason::BuildsOnEarlierPhases { .. } => "builds-on-earlier-phases",
            Reason::MissingPrerequisites { .. } => "missing-prerequisites",
            Reason::BuildsOnUnknown { .. } => "builds-on-unknown",
            Reason::Goals { .. } => "goals",
            Reason::RoleGap { .. } => "role-gap",
            Reason::Constraint { .. } => "constraint",
            Reason::InProgress { .. } => "in-progress",
            Reason::StatusUnknown { .. } => "status-unknown",
        }
    }
}
