//! One view of every answer for front ends: the same fields, with display names beside ids
//! and each reason's details taken apart, so the CLI, Python, Kotlin, Swift and JS only copy
//! fields and never work out what an answer says.
//!
//! [`VIEW_FIELDS`] lists every view type with its fields; the bindings expose exactly these
//! names (snake_case in Python, camelCase in Kotlin and Swift), and their tests check it.

use schemars::JsonSchema;
use serde::Serialize;

use crate::assess::{Assessment, Coverage};
use crate::catalog::Catalog;
use crate::model::{Dimension, Id, Status};
use crate::reason::{Reason, Recommendation};
use crate::roadmap::{Phase, Roadmap};
use crate::what_if::WhatIf;

/// Every view type and its fields, in declaration order: the contract each binding keeps.
pub const VIEW_FIELDS: &[(&str, &[&str])] = &[
    (
        "Assessment",
        &[
            "profile",
            "headline",
            "level",
            "level_min",
            "level_max",
            "level_note",
            "reached",
            "reached_name",
            "tiers",
            "roles",
            "areas",
            "to_next_level",
            "to_next_level_names",
            "to_next_level_actions",
            "to_next_level_steps",
            "to_confirm",
            "to_confirm_names",
            "assumed_unknown",
            "assumed",
            "recommendations",
            "message_key",
            "message",
            "advice",
            "content_name",
            "content_version",
            "content_fingerprint",
        ],
    ),
    (
        "TierStatus",
        &["id", "name", "offered", "total", "share", "needed", "established", "piloting", "planned", "unknown"],
    ),
    ("Coverage", &["id", "name", "programs", "program_names"]),
    ("Advice", &["kind", "text", "source", "provisional"]),
    (
        "Recommendation",
        &[
            "program",
            "name",
            "summary",
            "tier",
            "tier_name",
            "action",
            "score",
            "reasons",
            "processes",
            "process_names",
            "outreach",
            "outreach_names",
            "examples",
            "example_names",
        ],
    ),
    (
        "Reason",
        &[
            "kind",
            "points",
            "text",
            "ids",
            "names",
            "phases",
            "tier",
            "tier_name",
            "tiers_ahead",
            "resource",
            "needs",
            "has",
            "status",
        ],
    ),
    ("Roadmap", &["level", "phases"]),
    ("Phase", &["number", "programs", "level_after", "reached_after", "reached_after_name"]),
    (
        "WhatIf",
        &[
            "added",
            "added_names",
            "removed",
            "removed_names",
            "level_before",
            "level_after",
            "reached_before",
            "reached_before_name",
            "reached_after",
            "reached_after_name",
            "tiers",
            "roles_gained",
            "roles_lost",
            "areas_gained",
            "areas_lost",
            "before",
            "after",
        ],
    ),
    ("TierChange", &["id", "name", "offered_before", "offered_after", "established_before", "established_after"]),
];

/// Where a library stands, as front ends show it.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct AssessmentView {
    /// The library's name, when the profile gave one.
    pub profile: Option<String>,
    /// The level in a few words, for a title: "Level 1 of 3: Getting started", "Level 0 of 3:
    /// no tier established yet", or, when programs of unknown status widen the range, "Level
    /// 0–3 of 3: 13 programs are unknown".
    pub headline: String,
    /// Tiers established in a row from the first (unknown programs read as not offered).
    pub level: usize,
    /// The level with unknown programs read as not offered (equal to `level`).
    pub level_min: usize,
    /// The level with unknown programs read as offered.
    pub level_max: usize,
    /// Why the level is not higher, when a tier above it is established by itself.
    pub level_note: Option<String>,
    /// The highest established tier's id.
    pub reached: Option<String>,
    /// Its display name.
    pub reached_name: Option<String>,
    /// Each tier's standing, first to last.
    pub tiers: Vec<TierStatusView>,
    /// For each smart-citizen role, the offered programs that develop it.
    pub roles: Vec<CoverageView>,
    /// For each contribution area, the offered programs that serve it.
    pub areas: Vec<CoverageView>,
    /// The fewest programs that raise the level by one: those of unknown status first, each
    /// group best first.
    pub to_next_level: Vec<String>,
    /// Their display names.
    pub to_next_level_names: Vec<String>,
    /// What to do with each: `start`, `make-permanent`, `carry-out-plan` or `verify`.
    pub to_next_level_actions: Vec<String>,
    /// Each step in words: "make Advanced training permanent", "start Wi-Fi access after hours".
    pub to_next_level_steps: Vec<String>,
    /// When programs of unknown status widen the level range: the fewest of them that,
    /// confirmed as offered, raise the lower end of the range, best first. Empty when the
    /// level is settled.
    pub to_confirm: Vec<String>,
    /// Their display names.
    pub to_confirm_names: Vec<String>,
    /// When the profile read its unknown programs one way to show one end of the range:
    /// `offered` or `not-offered` (see [`crate::Profile::assuming_unknown`]); otherwise none.
    pub assumed_unknown: Option<String>,
    /// The programs whose status was unknown and was so assumed.
    pub assumed: Vec<String>,
    /// The best next programs, best first.
    pub recommendations: Vec<RecommendationView>,
    /// A stable key for the advice: `not-started`, or the tier reached.
    pub message_key: String,
    /// The headline for this level.
    pub message: String,
    /// What the assessment says, each piece with what it rests on.
    pub advice: Vec<AdviceView>,
    /// The catalog's name.
    pub content_name: String,
    /// The catalog's version.
    pub content_version: String,
    /// A hash of the catalog's data.
    pub content_fingerprint: String,
}

/// One tier's standing.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct TierStatusView {
    /// The tier's id.
    pub id: String,
    /// Its display name.
    pub name: String,
    /// Programs of the tier that count as offered.
    pub offered: usize,
    /// Programs in the tier.
    pub total: usize,
    /// `offered / total`.
    pub share: f64,
    /// Programs needed to establish it.
    pub needed: usize,
    /// Whether it is established.
    pub established: bool,
    /// Programs of the tier the library is piloting.
    pub piloting: usize,
    /// Programs of the tier the library plans.
    pub planned: usize,
    /// Programs of the tier whose status is unknown.
    pub unknown: usize,
}

/// The offered programs serving one role or area.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct CoverageView {
    /// The role or area id.
    pub id: String,
    /// Its display name.
    pub name: String,
    /// The offered programs serving it, in catalog order.
    pub programs: Vec<String>,
    /// Their display names.
    pub program_names: Vec<String>,
}

/// One piece of advice and what it rests on.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct AdviceView {
    /// `fact` (worked out from the profile), `reading` (smartlib's or the catalog's own
    /// reading) or `toolbox` (the toolbox's guidance, paraphrased).
    pub kind: String,
    /// The advice in words.
    pub text: String,
    /// The page it paraphrases (`toolbox` advice).
    pub source: Option<String>,
    /// True when it is the advice for the lower end of a level range that programs of unknown
    /// status widen: it depends on the answers the first piece of advice asks for.
    pub provisional: bool,
}

/// A program to start, with its score and reasons.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct RecommendationView {
    /// The program's id.
    pub program: String,
    /// Its display name.
    pub name: String,
    /// What it is and why it matters, from the catalog.
    pub summary: String,
    /// Its tier's id.
    pub tier: String,
    /// The tier's display name.
    pub tier_name: String,
    /// What to do: `start`, `make-permanent`, `carry-out-plan` or `verify` (see
    /// [`Action::label`](crate::Action::label) for the words).
    pub action: String,
    /// The sum of the reasons' points.
    pub score: f64,
    /// Why, one reason per ranking principle that applied.
    pub reasons: Vec<ReasonView>,
    /// Organizational processes that help to start it (ids).
    pub processes: Vec<String>,
    /// Their display names.
    pub process_names: Vec<String>,
    /// Marketing and outreach tools that help it reach residents (ids).
    pub outreach: Vec<String>,
    /// Their display names.
    pub outreach_names: Vec<String>,
    /// Example libraries that run it (ids).
    pub examples: Vec<String>,
    /// Their names with their places: "Chicago Public Library (Chicago, Illinois)".
    pub example_names: Vec<String>,
}

/// Why a program ranks where it does, taken apart: every field a reason kind does not use is
/// empty (`None` or an empty list).
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct ReasonView {
    /// `next-tier`, `lower-tier-gap`, `higher-tier`, `builds-on`, `builds-on-earlier-phases`,
    /// `missing-prerequisites`, `builds-on-unknown`, `goals`, `role-gap`, `constraint`,
    /// `in-progress` or `status-unknown`.
    pub kind: String,
    /// Points it added (negative: taken off).
    pub points: f64,
    /// The reason in words, with display names.
    pub text: String,
    /// The ids it rests on: programs built on, missing or of unknown status, goals served,
    /// roles filled.
    pub ids: Vec<String>,
    /// Their display names.
    pub names: Vec<String>,
    /// In a roadmap, the phase that starts each of `ids` (`builds-on-earlier-phases`).
    pub phases: Vec<usize>,
    /// The tier it concerns (tier reasons).
    pub tier: Option<String>,
    /// Its display name.
    pub tier_name: Option<String>,
    /// How many tiers beyond the one to build next (`higher-tier`).
    pub tiers_ahead: Option<usize>,
    /// `budget`, `staff` or `space` (`constraint`).
    pub resource: Option<String>,
    /// What the program needs (`constraint`).
    pub needs: Option<String>,
    /// What the library has (`constraint`).
    pub has: Option<String>,
    /// The program's status: `piloting` or `planned` (`in-progress`), `unknown`
    /// (`status-unknown`).
    pub status: Option<String>,
}

/// Every program not offered yet, in phases.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct RoadmapView {
    /// The level now.
    pub level: usize,
    /// The phases, first to do first.
    pub phases: Vec<PhaseView>,
}

/// One phase of a roadmap.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct PhaseView {
    /// 1 for the first phase.
    pub number: usize,
    /// The programs to start in it, best first.
    pub programs: Vec<RecommendationView>,
    /// The level once it and every phase before it are done.
    pub level_after: usize,
    /// The tier reached then.
    pub reached_after: Option<String>,
    /// Its display name.
    pub reached_after_name: Option<String>,
}

/// What offering or dropping programs would change.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct WhatIfView {
    /// Programs that became offered.
    pub added: Vec<String>,
    /// Their display names.
    pub added_names: Vec<String>,
    /// Programs that stopped being offered.
    pub removed: Vec<String>,
    /// Their display names.
    pub removed_names: Vec<String>,
    /// The level before.
    pub level_before: usize,
    /// The level after.
    pub level_after: usize,
    /// The highest established tier before.
    pub reached_before: Option<String>,
    /// Its display name.
    pub reached_before_name: Option<String>,
    /// The highest established tier after.
    pub reached_after: Option<String>,
    /// Its display name.
    pub reached_after_name: Option<String>,
    /// Tiers whose count of offered programs changed.
    pub tiers: Vec<TierChangeView>,
    /// Roles that gained their first offered program.
    pub roles_gained: Vec<String>,
    /// Roles that lost their last offered program.
    pub roles_lost: Vec<String>,
    /// Areas that gained their first offered program.
    pub areas_gained: Vec<String>,
    /// Areas that lost their last offered program.
    pub areas_lost: Vec<String>,
    /// The assessment before.
    pub before: AssessmentView,
    /// The assessment after.
    pub after: AssessmentView,
}

/// How one tier's standing changed.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct TierChangeView {
    /// The tier's id.
    pub id: String,
    /// Its display name.
    pub name: String,
    /// Offered programs before.
    pub offered_before: usize,
    /// Offered programs after.
    pub offered_after: usize,
    /// Whether it was established before.
    pub established_before: bool,
    /// Whether it is established after.
    pub established_after: bool,
}

fn strings(ids: &[Id]) -> Vec<String> {
    ids.iter().map(ToString::to_string).collect()
}

impl Catalog {
    /// A program's display name (its id if the catalog does not have it).
    pub fn program_name(&self, id: &str) -> String {
        self.program(id).map_or_else(|| id.to_owned(), |p| p.name.clone())
    }

    /// A tier's display name (its id if the catalog does not have it).
    pub fn tier_name(&self, id: &str) -> String {
        self.tier(id).map_or_else(|| id.to_owned(), |t| t.name.clone())
    }

    /// A role's or area's display name (its id if the catalog does not have it).
    pub fn dimension_name(&self, id: &str) -> String {
        self.dimension(id).map_or_else(|| id.to_owned(), |d| d.name.clone())
    }

    /// A process's or outreach tool's display name (its id if the catalog does not have it).
    pub fn guide_name(&self, id: &str) -> String {
        self.guide(id).map_or_else(|| id.to_owned(), |g| g.name.clone())
    }

    /// An example library's name with its place: "Chicago Public Library (Chicago, Illinois)".
    pub fn example_library_name(&self, id: &str) -> String {
        self.example_library(id).map_or_else(|| id.to_owned(), |l| format!("{} ({})", l.name, l.location))
    }

    fn program_names(&self, ids: &[Id]) -> Vec<String> {
        ids.iter().map(|id| self.program_name(id)).collect()
    }

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
        let programs = |ids: &[Id]| and_list(self.program_names(ids));
        let dimensions = |ids: &[Id]| and_list(ids.iter().map(|id| self.dimension_name(id)).collect());
        match reason {
            Reason::NextTier { tier, .. } => format!("in {}, the tier to build next", self.tier_name(tier)),
            Reason::LowerTierGap { tier, .. } => {
                format!("fills a gap in {}, a tier you have established", self.tier_name(tier))
            }
            Reason::HigherTier { tier, tiers_ahead, .. } => {
                let ahead = if *tiers_ahead == 1 {
                    "the tier after next".to_owned()
                } else {
                    format!("{tiers_ahead} tiers beyond the next")
                };
                format!("in {}, {ahead}", self.tier_name(tier))
            }
            Reason::BuildsOn { programs: ids, .. } => format!("builds on {}, which you offer", programs(ids)),
            Reason::BuildsOnEarlierPhases { programs: ids, phases, .. } => match (ids.as_slice(), phases.as_slice()) {
                ([id], [phase]) => format!("builds on {}, started in phase {phase}", self.program_name(id)),
                _ => {
                    let each =
                        ids.iter().zip(phases).map(|(id, phase)| format!("{} (phase {phase})", self.program_name(id)));
                    format!("builds on {}, started in earlier phases", and_list(each.collect()))
                }
            },
            Reason::MissingPrerequisites { programs: ids, .. } => {
                format!("builds on {}, which you do not offer yet", programs(ids))
            }
            Reason::BuildsOnUnknown { programs: ids, .. } => {
                let whose = if ids.len() == 1 { "whose status is" } else { "whose statuses are" };
                format!("builds on {}, {whose} unknown", programs(ids))
            }
            Reason::Goals { goals, .. } => {
                format!("serves your goal{}: {}", if goals.len() == 1 { "" } else { "s" }, dimensions(goals))
            }
            Reason::RoleGap { roles, .. } => {
                format!("develops {}, which nothing you offer develops yet", dimensions(roles))
            }
            Reason::Constraint { resource, needs, has, .. } => format!("needs {needs} {resource}; you have {has}"),
            Reason::InProgress { status: Status::Planned, .. } => "you already plan it".to_owned(),
            Reason::InProgress { .. } => "you are already piloting it".to_owned(),
            Reason::StatusUnknown { .. } => "its status is unknown: check whether you offer it".to_owned(),
        }
    }

    /// A reason of `program`'s recommendation in words, with the catalog's why for each link
    /// or need it rests on, labelled when no source backs it: "builds on Computer labs, which
    /// you offer: the classes use the lab's machines (smartlib's reading)".
    pub fn explain_for(&self, program: &str, reason: &Reason) -> String {
        let text = self.explain(reason);
        let Some(data) = self.program(program) else { return text };
        let labelled = |why: &String, source: &Option<String>, label: &str| match source {
            Some(_) => why.clone(),
            None => format!("{why} ({label})"),
        };
        let whys: Vec<String> = match reason {
            Reason::BuildsOn { programs, .. }
            | Reason::MissingPrerequisites { programs, .. }
            | Reason::BuildsOnUnknown { programs, .. }
            | Reason::BuildsOnEarlierPhases { programs, .. } => programs
                .iter()
                .filter_map(|id| data.builds_on.iter().find(|link| &link.program == id))
                .filter_map(|link| link.why.as_ref().map(|why| labelled(why, &link.source, "smartlib's reading")))
                .collect(),
            Reason::Constraint { resource, .. } => (data.needs.get(*resource))
                .and_then(|need| need.why.as_ref().map(|why| labelled(why, &need.source, "smartlib's estimate")))
                .into_iter()
                .collect(),
            _ => Vec::new(),
        };
        if whys.is_empty() { text } else { format!("{text}: {}", whys.join("; ")) }
    }

    /// A reason of `program`'s recommendation taken apart for front ends.
    pub fn view_reason(&self, program: &str, reason: &Reason) -> ReasonView {
        let mut view = ReasonView {
            kind: reason.kind().to_owned(),
            points: reason.points(),
            text: self.explain_for(program, reason),
            ids: Vec::new(),
            names: Vec::new(),
            phases: Vec::new(),
            tier: None,
            tier_name: None,
            tiers_ahead: None,
            resource: None,
            needs: None,
            has: None,
            status: None,
        };
        match reason {
            Reason::NextTier { tier, .. } | Reason::LowerTierGap { tier, .. } => {
                view.tier = Some(tier.to_string());
                view.tier_name = Some(self.tier_name(tier));
            }
            Reason::HigherTier { tier, tiers_ahead, .. } => {
                view.tier = Some(tier.to_string());
                view.tier_name = Some(self.tier_name(tier));
                view.tiers_ahead = Some(*tiers_ahead);
            }
            Reason::BuildsOn { programs, .. }
            | Reason::MissingPrerequisites { programs, .. }
            | Reason::BuildsOnUnknown { programs, .. } => {
                view.ids = strings(programs);
                view.names = self.program_names(programs);
            }
            Reason::BuildsOnEarlierPhases { programs, phases, .. } => {
                view.ids = strings(programs);
                view.names = self.program_names(programs);
                view.phases.clone_from(phases);
            }
            Reason::Goals { goals: ids, .. } | Reason::RoleGap { roles: ids, .. } => {
                view.ids = strings(ids);
                view.names = ids.iter().map(|id| self.dimension_name(id)).collect();
            }
            Reason::Constraint { resource, needs, has, .. } => {
                view.resource = Some(resource.as_str().to_owned());
                view.needs = Some(needs.as_str().to_owned());
                view.has = Some(has.as_str().to_owned());
            }
            Reason::InProgress { status, .. } => view.status = Some(status.as_str().to_owned()),
            Reason::StatusUnknown { .. } => view.status = Some(Status::Unknown.as_str().to_owned()),
        }
        view
    }

    /// A recommendation for front ends.
    pub fn view_recommendation(&self, recommendation: &Recommendation) -> RecommendationView {
        RecommendationView {
            program: recommendation.program.to_string(),
            name: self.program_name(&recommendation.program),
            summary: self.program(&recommendation.program).map_or_else(String::new, |p| p.summary.clone()),
            tier: recommendation.tier.to_string(),
            tier_name: self.tier_name(&recommendation.tier),
            action: recommendation.action.as_str().to_owned(),
            score: recommendation.score,
            reasons: recommendation
                .reasons
                .iter()
                .map(|reason| self.view_reason(&recommendation.program, reason))
                .collect(),
            processes: strings(&recommendation.processes),
            process_names: recommendation.processes.iter().map(|id| self.guide_name(id)).collect(),
            outreach: strings(&recommendation.outreach),
            outreach_names: recommendation.outreach.iter().map(|id| self.guide_name(id)).collect(),
            examples: strings(&recommendation.examples),
            example_names: recommendation.examples.iter().map(|id| self.example_library_name(id)).collect(),
        }
    }

    /// The level in a few words, for a title (see [`AssessmentView::headline`]).
    ///
    /// ```
    /// # let catalog = smartlib_core::Catalog::new(smartlib_core::testing::small_catalog()).unwrap();
    /// use smartlib_core::Profile;
    /// let settled = catalog.assess(&Profile::offering(["lab", "wifi"]))?;
    /// assert_eq!(catalog.headline(&settled), "Level 1 of 3: Tier basics");
    /// let open = catalog.assess(&Profile { unknown: vec!["wifi".into(), "classes".into()], ..Profile::offering(["lab"]) })?;
    /// assert_eq!(catalog.headline(&open), "Level 0–1 of 3: 2 programs are unknown");
    /// # Ok::<(), smartlib_core::Error>(())
    /// ```
    pub fn headline(&self, assessment: &Assessment) -> String {
        let mut headline = self.level_headline(assessment);
        if let Some(assumed) = assessment.assumed.as_ref().filter(|a| !a.programs.is_empty()) {
            let n = assumed.programs.len();
            let how = match assumed.unknown_as {
                crate::AssumeUnknown::Offered => "offered",
                crate::AssumeUnknown::NotOffered => "not offered",
            };
            let programs = if n == 1 { "program" } else { "programs" };
            headline.push_str(&format!(" ({n} unknown {programs} read as {how})"));
        }
        headline
    }

    fn level_headline(&self, assessment: &Assessment) -> String {
        let tiers = assessment.tiers.len();
        let [low, high] = assessment.level_range;
        if high > low {
            let unknown: usize = assessment.tiers.iter().map(|tier| tier.unknown).sum();
            let (programs, are) = if unknown == 1 { ("program", "is") } else { ("programs", "are") };
            return format!("Level {low}–{high} of {tiers}: {unknown} {programs} {are} unknown");
        }
        match &assessment.reached {
            Some(tier) => format!("Level {} of {tiers}: {}", assessment.level, self.tier_name(tier)),
            None => format!("Level {} of {tiers}: no tier established yet", assessment.level),
        }
    }

    /// An assessment for front ends.
    pub fn view_assessment(&self, assessment: &Assessment) -> AssessmentView {
        let coverage = |list: &[Coverage], dimensions: &[Dimension]| -> Vec<CoverageView> {
            list.iter()
                .map(|c| CoverageView {
                    id: c.id.to_string(),
                    name: dimensions.iter().find(|d| d.id == c.id).map_or_else(|| c.id.to_string(), |d| d.name.clone()),
                    programs: strings(&c.programs),
                    program_names: self.program_names(&c.programs),
                })
                .collect()
        };
        AssessmentView {
            profile: assessment.profile.clone(),
            headline: self.headline(assessment),
            level: assessment.level,
            level_min: assessment.level_range[0],
            level_max: assessment.level_range[1],
            level_note: assessment.level_note.clone(),
            reached: assessment.reached.as_ref().map(ToString::to_string),
            reached_name: assessment.reached.as_ref().map(|id| self.tier_name(id)),
            tiers: assessment
                .tiers
                .iter()
                .map(|t| TierStatusView {
                    id: t.id.to_string(),
                    name: self.tier_name(&t.id),
                    offered: t.offered,
                    total: t.total,
                    share: t.share,
                    needed: t.needed,
                    established: t.established,
                    piloting: t.piloting,
                    planned: t.planned,
                    unknown: t.unknown,
                })
                .collect(),
            roles: coverage(&assessment.roles, self.roles()),
            areas: coverage(&assessment.areas, self.areas()),
            to_next_level: strings(&assessment.to_next_level),
            to_next_level_names: self.program_names(&assessment.to_next_level),
            to_next_level_actions: assessment.to_next_level_actions.iter().map(|a| a.as_str().to_owned()).collect(),
            to_next_level_steps: (assessment.to_next_level.iter().zip(&assessment.to_next_level_actions))
                .map(|(id, action)| action.step(&self.program_name(id)))
                .collect(),
            to_confirm: strings(&assessment.to_confirm),
            to_confirm_names: self.program_names(&assessment.to_confirm),
            assumed_unknown: assessment.assumed.as_ref().map(|a| a.unknown_as.as_str().to_owned()),
            assumed: assessment.assumed.as_ref().map_or_else(Vec::new, |a| a.programs.clone()),
            recommendations: assessment.recommendations.iter().map(|r| self.view_recommendation(r)).collect(),
            message_key: assessment.message.key.to_string(),
            message: assessment.message.text.to_string(),
            advice: (assessment.advice.iter())
                .map(|a| AdviceView {
                    kind: a.kind.as_str().to_owned(),
                    text: a.text.to_string(),
                    source: a.source.as_deref().map(String::from),
                    provisional: a.provisional,
                })
                .collect(),
            content_name: assessment.content.name.to_string(),
            content_version: assessment.content.version.to_string(),
            content_fingerprint: assessment.content.fingerprint.to_string(),
        }
    }

    /// A roadmap for front ends.
    pub fn view_roadmap(&self, roadmap: &Roadmap) -> RoadmapView {
        let phase = |phase: &Phase| PhaseView {
            number: phase.number,
            programs: phase.programs.iter().map(|r| self.view_recommendation(r)).collect(),
            level_after: phase.level_after,
            reached_after: phase.reached_after.as_ref().map(ToString::to_string),
            reached_after_name: phase.reached_after.as_ref().map(|id| self.tier_name(id)),
        };
        RoadmapView { level: roadmap.level, phases: roadmap.phases.iter().map(phase).collect() }
    }

    /// A what-if answer for front ends.
    pub fn view_what_if(&self, change: &WhatIf) -> WhatIfView {
        WhatIfView {
            added: strings(&change.added),
            added_names: self.program_names(&change.added),
            removed: strings(&change.removed),
            removed_names: self.program_names(&change.removed),
            level_before: change.level_before,
            level_after: change.level_after,
            reached_before: change.reached_before.as_ref().map(ToString::to_string),
            reached_before_name: change.reached_before.as_ref().map(|id| self.tier_name(id)),
            reached_after: change.reached_after.as_ref().map(ToString::to_string),
            reached_after_name: change.reached_after.as_ref().map(|id| self.tier_name(id)),
            tiers: change
                .tiers
                .iter()
                .map(|t| TierChangeView {
                    id: t.id.to_string(),
                    name: self.tier_name(&t.id),
                    offered_before: t.offered_before,
                    offered_after: t.offered_after,
                    established_before: t.established_before,
                    established_after: t.established_after,
                })
                .collect(),
            roles_gained: strings(&change.roles_gained),
            roles_lost: strings(&change.roles_lost),
            areas_gained: strings(&change.areas_gained),
            areas_lost: strings(&change.areas_lost),
            before: self.view_assessment(&change.before),
            after: self.view_assessment(&change.after),
        }
    }
}

/// "a", "a and b", "a, b and c".
pub(crate) fn and_list(items: Vec<String>) -> String {
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Need, Resource, Scale};
    use crate::policy::Policy;
    use crate::profile::Profile;
    use crate::testing::small_catalog;

    fn keys(value: &impl Serialize) -> Vec<String> {
        match serde_json::to_value(value) {
            Ok(serde_json::Value::Object(map)) => map.keys().cloned().collect(),
            other => panic!("not an object: {other:?}"),
        }
    }

    fn fields(name: &str) -> Vec<String> {
        let (_, fields) = VIEW_FIELDS.iter().find(|(type_name, _)| *type_name == name).expect("listed");
        let mut fields: Vec<String> = fields.iter().map(|f| (*f).to_owned()).collect();
        fields.sort();
        fields
    }

    #[test]
    fn the_field_list_is_the_views_fields() {
        let mut data = small_catalog();
        data.programs[3].needs.budget = Some(Need { level: Scale::High, why: None, source: None });
        data.policy = Policy { recommendations: 8, ..Policy::default() };
        let catalog = Catalog::new(data).expect("valid");
        let mut profile = Profile::offering(["lab"]).with_goal("creators");
        profile.constraints.budget = Some(Scale::Low);
        let assessment = catalog.view_assessment(&catalog.assess(&profile).expect("assesses"));
        let change = catalog.view_what_if(&catalog.what_if(&profile, &["wifi"], &[] as &[&str]).expect("what-if"));
        let roadmap = catalog.view_roadmap(&catalog.roadmap(&profile).expect("roadmap"));
        let recommendation = &assessment.recommendations[0];
        let checks: [(&str, Vec<String>); 10] = [
            ("Assessment", keys(&assessment)),
            ("TierStatus", keys(&assessment.tiers[0])),
            ("Coverage", keys(&assessment.roles[0])),
            ("Advice", keys(&assessment.advice[0])),
            ("Recommendation", keys(recommendation)),
            ("Reason", keys(&recommendation.reasons[0])),
            ("Roadmap", keys(&roadmap)),
            ("Phase", keys(&roadmap.phases[0])),
            ("WhatIf", keys(&change)),
            ("TierChange", keys(&change.tiers[0])),
        ];
        for (name, mut got) in checks {
            got.sort();
            assert_eq!(got, fields(name), "{name}");
        }
        assert_eq!(VIEW_FIELDS.len(), 10);
    }

    #[test]
    fn reasons_are_taken_apart() {
        let catalog = Catalog::new(small_catalog()).expect("valid");
        let reason =
            Reason::Constraint { resource: Resource::Budget, needs: Scale::High, has: Scale::Low, points: -20.0 };
        let view = catalog.view_reason("makerspace", &reason);
        assert_eq!(
            (view.resource.as_deref(), view.needs.as_deref(), view.has.as_deref()),
            (Some("budget"), Some("high"), Some("low"))
        );
        let view = catalog.view_reason("lending", &Reason::BuildsOn { programs: vec!["wifi".into()], points: 12.0 });
        assert_eq!((view.ids, view.names), (vec!["wifi".to_owned()], vec!["Program wifi".to_owned()]));
        let tier = &catalog.tiers()[1];
        let view = catalog.view_reason("lending", &Reason::NextTier { tier: tier.id.clone(), points: 100.0 });
        assert_eq!((view.tier.as_deref(), view.tier_name.as_deref()), (Some(&*tier.id), Some(tier.name.as_str())));
    }

    #[test]
    fn a_what_if_names_the_tiers_it_reaches() {
        let catalog = Catalog::new(small_catalog()).expect("valid");
        let profile = Profile::offering(["lab"]);
        let change = catalog.view_what_if(&catalog.what_if(&profile, &["wifi"], &[] as &[&str]).expect("what-if"));
        let first = &catalog.tiers()[0];
        assert_eq!((change.reached_before.as_deref(), change.reached_before_name.as_deref()), (None, None));
        assert_eq!(change.reached_after.as_deref(), Some(&*first.id));
        assert_eq!(change.reached_after_name.as_deref(), Some(first.name.as_str()));
    }

    #[test]
    fn reasons_say_why_and_label_what_no_source_backs() {
        let mut data = small_catalog();
        let lending = data.programs.iter_mut().find(|p| &*p.id == "lending").expect("lending");
        lending.builds_on[0].why = Some("hotspots extend the network".into());
        let makerspace = data.programs.iter_mut().find(|p| &*p.id == "makerspace").expect("makerspace");
        makerspace.builds_on[0].why = Some("the classes teach the machines".into());
        makerspace.builds_on[0].source = Some("https://example.org/makers".into());
        makerspace.needs.budget.as_mut().expect("budget").why = Some("machines cost money".into());
        let catalog = Catalog::new(data).expect("valid");
        let builds_on = |program: &str, id: &str| {
            catalog.explain_for(program, &Reason::BuildsOn { programs: vec![id.into()], points: 12.0 })
        };
        assert_eq!(
            builds_on("lending", "wifi"),
            "builds on Program wifi, which you offer: hotspots extend the network (smartlib's reading)"
        );
        assert_eq!(
            builds_on("makerspace", "advanced"),
            "builds on Program advanced, which you offer: the classes teach the machines"
        );
        let constraint =
            Reason::Constraint { resource: Resource::Budget, needs: Scale::High, has: Scale::Low, points: -20.0 };
        assert_eq!(
            catalog.explain_for("makerspace", &constraint),
            "needs high budget; you have low: machines cost money (smartlib's estimate)"
        );
        // A link with no why says no more than before.
        assert_eq!(builds_on("open-data", "classes"), "builds on Program classes, which you offer");
    }
}
