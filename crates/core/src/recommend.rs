//! Ranked recommendations with structured reasons, each naming the ids it rests on.

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::catalog::Catalog;
use crate::engine::Situation;
use crate::error::Result;
use crate::model::{Id, Resource, Scale};
use crate::profile::{Profile, Status};

/// A program the library does not offer yet, with its score and why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Recommendation {
    /// The program's id.
    pub program: Id,
    /// Its tier's id.
    pub tier: Id,
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
    /// It builds on programs the library does not offer yet.
    MissingPrerequisites {
        /// The programs it builds on that are missing.
        programs: Vec<Id>,
        /// Points taken off (negative).
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
            | Reason::MissingPrerequisites { points, .. }
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
            Reason::MissingPrerequisites { .. } => "missing-prerequisites",
            Reason::Goals { .. } => "goals",
            Reason::RoleGap { .. } => "role-gap",
            Reason::Constraint { .. } => "constraint",
            Reason::InProgress { .. } => "in-progress",
            Reason::StatusUnknown { .. } => "status-unknown",
        }
    }
}

/// A short English explanation with ids, such as `builds on wifi-access, digital-resources`.
impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let list = |ids: &[Id]| ids.iter().map(|id| id.as_ref()).collect::<Vec<_>>().join(", ");
        match self {
            Reason::NextTier { tier, .. } => write!(f, "in {tier}, the tier to build next"),
            Reason::LowerTierGap { tier, .. } => write!(f, "fills a gap in {tier}, already established"),
            Reason::HigherTier { tier, tiers_ahead, .. } => {
                write!(f, "in {tier}, {tiers_ahead} tier{} ahead", if *tiers_ahead == 1 { "" } else { "s" })
            }
            Reason::BuildsOn { programs, .. } => write!(f, "builds on {}", list(programs)),
            Reason::MissingPrerequisites { programs, .. } => write!(f, "first needs {}", list(programs)),
            Reason::Goals { goals, .. } => write!(f, "serves your goals: {}", list(goals)),
            Reason::RoleGap { roles, .. } => write!(f, "develops roles nothing offered yet develops: {}", list(roles)),
            Reason::Constraint { resource, needs, has, .. } => {
                write!(f, "needs {needs} {resource}; you have {has}")
            }
            Reason::InProgress { status, .. } => write!(f, "already {status}"),
            Reason::StatusUnknown { .. } => f.write_str("status unknown: check whether you offer it"),
        }
    }
}

impl Catalog {
    /// A reason in words, with display names instead of ids:
    /// "builds on Wi-Fi access and Digital resources, which you offer".
    ///
    /// ```
    /// # let catalog = smartlib_core::Catalog::new(smartlib_core::testing::small_catalog()).unwrap();
    /// use smartlib_core::Reason;
    /// let reason = Reason::BuildsOn { programs: vec!["wifi".into()], points: 12.0 };
    /// assert_eq!(catalog.explain(&reason), "builds on Program wifi, which you offer");
    /// ```
    pub fn explain(&self, reason: &Reason) -> String {
        let program = |id: &Id| self.program(id).map_or(id.to_string(), |p| p.name.clone());
        let tier = |id: &Id| self.tier(id).map_or(id.to_string(), |t| t.name.clone());
        let dimension = |id: &Id| self.dimension(id).map_or(id.to_string(), |d| d.name.clone());
        match reason {
            Reason::NextTier { tier: id, .. } => format!("in {}, the tier to build next", tier(id)),
            Reason::LowerTierGap { tier: id, .. } => {
                format!("fills a gap in {}, a tier you have established", tier(id))
            }
            Reason::HigherTier { tier: id, tiers_ahead, .. } => {
                let ahead = if *tiers_ahead == 1 {
                    "the tier after next".to_owned()
                } else {
                    format!("{} tiers beyond the next", tiers_ahead)
                };
                format!("in {}, {ahead}", tier(id))
            }
            Reason::BuildsOn { programs, .. } => {
                format!("builds on {}, which you offer", and_list(programs.iter().map(program)))
            }
            Reason::MissingPrerequisites { programs, .. } => {
                format!("builds on {}, which you do not offer yet", and_list(programs.iter().map(program)))
            }
            Reason::Goals { goals, .. } => {
                format!("serves your goal{}: {}", plural(goals.len()), and_list(goals.iter().map(dimension)))
            }
            Reason::RoleGap { roles, .. } => {
                format!("develops {}, which nothing you offer develops yet", and_list(roles.iter().map(dimension)))
            }
            Reason::Constraint { resource, needs, has, .. } => format!("needs {needs} {resource}; you have {has}"),
            Reason::InProgress { status: Status::Planned, .. } => "you already plan it".to_owned(),
            Reason::InProgress { .. } => "you are already piloting it".to_owned(),
            Reason::StatusUnknown { .. } => "its status is unknown: check whether you offer it".to_owned(),
        }
    }

    /// Programs the profile does not offer yet, best first, at most `limit` of them
    /// (`usize::MAX` for all).
    ///
    /// # Errors
    /// As [`Catalog::resolve`].
    pub fn recommend(&self, profile: &Profile, limit: usize) -> Result<Vec<Recommendation>> {
        let resolved = self.resolve(profile)?;
        let situation = Situation::new(self, &resolved)?;
        Ok(situation.ranked(limit).into_iter().map(|(_, p)| situation.recommendation(p)).collect())
    }
}

fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}

/// "a", "a and b", "a, b and c".
fn and_list(items: impl Iterator<Item = String>) -> String {
    let items: Vec<String> = items.collect();
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}
