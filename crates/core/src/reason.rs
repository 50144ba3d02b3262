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
        self.reason_kind().as_str()
    }

    /// Which principle this reason comes from, without its details.
    pub fn reason_kind(&self) -> ReasonKind {
        match self {
            Reason::NextTier { .. } => ReasonKind::NextTier,
            Reason::LowerTierGap { .. } => ReasonKind::LowerTierGap,
            Reason::HigherTier { .. } => ReasonKind::HigherTier,
            Reason::BuildsOn { .. } => ReasonKind::BuildsOn,
            Reason::BuildsOnEarlierPhases { .. } => ReasonKind::BuildsOnEarlierPhases,
            Reason::MissingPrerequisites { .. } => ReasonKind::MissingPrerequisites,
            Reason::BuildsOnUnknown { .. } => ReasonKind::BuildsOnUnknown,
            Reason::Goals { .. } => ReasonKind::Goals,
            Reason::RoleGap { .. } => ReasonKind::RoleGap,
            Reason::Constraint { .. } => ReasonKind::Constraint,
            Reason::InProgress { .. } => ReasonKind::InProgress,
            Reason::StatusUnknown { .. } => ReasonKind::StatusUnknown,
        }
    }
}

/// The kind of a [`Reason`]: one ranking principle, without the ids and points.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ReasonKind {
    /// [`Reason::NextTier`].
    NextTier,
    /// [`Reason::LowerTierGap`].
    LowerTierGap,
    /// [`Reason::HigherTier`].
    HigherTier,
    /// [`Reason::BuildsOn`].
    BuildsOn,
    /// [`Reason::BuildsOnEarlierPhases`].
    BuildsOnEarlierPhases,
    /// [`Reason::MissingPrerequisites`].
    MissingPrerequisites,
    /// [`Reason::BuildsOnUnknown`].
    BuildsOnUnknown,
    /// [`Reason::Goals`].
    Goals,
    /// [`Reason::RoleGap`].
    RoleGap,
    /// [`Reason::Constraint`].
    Constraint,
    /// [`Reason::InProgress`].
    InProgress,
    /// [`Reason::StatusUnknown`].
    StatusUnknown,
}

impl ReasonKind {
    /// Every kind, in the order a recommendation lists its reasons. A kind's position here is
    /// its bit in [`ReasonKinds::bits`].
    pub const ALL: [ReasonKind; 12] = [
        ReasonKind::NextTier,
        ReasonKind::LowerTierGap,
        ReasonKind::HigherTier,
        ReasonKind::BuildsOn,
        ReasonKind::BuildsOnEarlierPhases,
        ReasonKind::MissingPrerequisites,
        ReasonKind::BuildsOnUnknown,
        ReasonKind::Goals,
        ReasonKind::RoleGap,
        ReasonKind::Constraint,
        ReasonKind::InProgress,
        ReasonKind::StatusUnknown,
    ];

    /// The `kind` tag used in JSON (`next-tier`, `builds-on`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            ReasonKind::NextTier => "next-tier",
            ReasonKind::LowerTierGap => "lower-tier-gap",
            ReasonKind::HigherTier => "higher-tier",
            ReasonKind::BuildsOn => "builds-on",
            ReasonKind::BuildsOnEarlierPhases => "builds-on-earlier-phases",
            ReasonKind::MissingPrerequisites => "missing-prerequisites",
            ReasonKind::BuildsOnUnknown => "builds-on-unknown",
            ReasonKind::Goals => "goals",
            ReasonKind::RoleGap => "role-gap",
            ReasonKind::Constraint => "constraint",
            ReasonKind::InProgress => "in-progress",
            ReasonKind::StatusUnknown => "status-unknown",
        }
    }

    fn bit(self) -> u16 {
        // The discriminants are the positions in `ALL`.
        1 << self as u16
    }
}

/// A set of reason kinds: which principles gave a program its score, as a bit set that batch
/// outputs carry without building the reasons.
///
/// ```
/// use smartlib_core::{ReasonKind, ReasonKinds};
/// let mut kinds = ReasonKinds::default();
/// kinds.insert(ReasonKind::Goals);
/// kinds.insert(ReasonKind::NextTier);
/// assert_eq!(kinds.iter().map(ReasonKind::as_str).collect::<Vec<_>>(), ["next-tier", "goals"]);
/// assert_eq!(kinds.bits(), 0b1000_0001);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct ReasonKinds(u16);

impl ReasonKinds {
    /// No kinds.
    pub(crate) const EMPTY: ReasonKinds = ReasonKinds(0);

    /// The kinds of these reasons.
    pub fn of(reasons: &[Reason]) -> ReasonKinds {
        let mut kinds = ReasonKinds::default();
        for reason in reasons {
            kinds.insert(reason.reason_kind());
        }
        kinds
    }

    /// Adds a kind.
    #[inline]
    pub fn insert(&mut self, kind: ReasonKind) {
        self.0 |= kind.bit();
    }

    /// Whether the set holds `kind`.
    pub fn contains(self, kind: ReasonKind) -> bool {
        self.0 & kind.bit() != 0
    }

    /// The kinds held, in the order of [`ReasonKind::ALL`].
    pub fn iter(self) -> impl Iterator<Item = ReasonKind> {
        ReasonKind::ALL.into_iter().filter(move |&kind| self.contains(kind))
    }

    /// The set as bits: bit `i` stands for `ReasonKind::ALL[i]`.
    pub fn bits(self) -> u16 {
        self.0
    }
}
