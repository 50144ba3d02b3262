//! Every record and enum the binding exports, and their conversions from and to the engine's
//! types. The answer records (`Assessment` … `TierChange`) are the core's views
//! ([`smartlib::view`]) field by field, in the same order: the binding copies, it never works
//! out what an answer says.
//!
//! Counts and levels are `i32` (Kotlin `Int`, Swift `Int32`), so apps compare them with plain
//! integer literals. The answer records derive serde with their own field names, which is the
//! one JSON shape `assessmentToJson` / `assessmentFromJson` read and write.

use serde::{Deserialize, Serialize};
use smartlib::view;

/// A count as the bindings carry it (`i32`; a count past `i32::MAX` saturates, which no
/// catalog comes near).
pub(crate) fn count(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

fn strings(ids: &[smartlib::Id]) -> Vec<String> {
    ids.iter().map(ToString::to_string).collect()
}

// ---- input ---------------------------------------------------------------------------------

/// What an id names, in `SmartlibError.UnknownId`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum IdKind {
    /// A program or service.
    Program,
    /// A tier.
    Tier,
    /// A smart-citizen role.
    Role,
    /// A contribution area.
    Area,
    /// A goal: a role or a contribution area.
    Goal,
    /// An example library.
    ExampleLibrary,
}

impl IdKind {
    /// The word messages use for it.
    pub(crate) fn noun(self) -> &'static str {
        match self {
            IdKind::Program => "program",
            IdKind::Tier => "tier",
            IdKind::Role => "role",
            IdKind::Area => "contribution area",
            IdKind::Goal => "goal",
            IdKind::ExampleLibrary => "example library",
        }
    }
}

/// A file format for catalogs and profiles.
#[derive(Debug, Clone, Copy, uniffi::Enum)]
pub enum Format {
    /// TOML.
    Toml,
    /// JSON.
    Json,
    /// YAML.
    Yaml,
}

impl From<Format> for smartlib::Format {
    fn from(format: Format) -> smartlib::Format {
        match format {
            Format::Toml => smartlib::Format::Toml,
            Format::Json => smartlib::Format::Json,
            Format::Yaml => smartlib::Format::Yaml,
        }
    }
}

/// Low, medium or high: a library's budget, staff or space for something new.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "lowercase")]
pub enum Scale {
    /// Little.
    Low,
    /// Some.
    Medium,
    /// Much.
    High,
}

/// How to read the programs of unknown status, to see one end of the level range by itself
/// (`Catalog.assessAssuming`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum AssumeUnknown {
    /// Every unknown program offered: the upper end of the range.
    Offered,
    /// Every unknown program not offered: the lower end of the range.
    NotOffered,
}

impl From<AssumeUnknown> for smartlib::AssumeUnknown {
    fn from(assume: AssumeUnknown) -> smartlib::AssumeUnknown {
        match assume {
            AssumeUnknown::Offered => smartlib::AssumeUnknown::Offered,
            AssumeUnknown::NotOffered => smartlib::AssumeUnknown::NotOffered,
        }
    }
}

impl From<Scale> for smartlib::Scale {
    fn from(scale: Scale) -> smartlib::Scale {
        match scale {
            Scale::Low => smartlib::Scale::Low,
            Scale::Medium => smartlib::Scale::Medium,
            Scale::High => smartlib::Scale::High,
        }
    }
}

impl From<smartlib::Scale> for Scale {
    fn from(scale: smartlib::Scale) -> Scale {
        match scale {
            smartlib::Scale::Low => Scale::Low,
            smartlib::Scale::Medium => Scale::Medium,
            smartlib::Scale::High => Scale::High,
        }
    }
}

/// What one library offers now. Programs not listed are not offered.
#[derive(Debug, Clone, Default, PartialEq, uniffi::Record)]
pub struct Profile {
    /// The library's name.
    #[uniffi(default)]
    pub name: Option<String>,
    /// Programs it runs now.
    #[uniffi(default)]
    pub offers: Vec<String>,
    /// Programs it is piloting.
    #[uniffi(default)]
    pub piloting: Vec<String>,
    /// Programs it plans.
    #[uniffi(default)]
    pub planned: Vec<String>,
    /// Programs whose status is not known.
    #[uniffi(default)]
    pub unknown: Vec<String>,
    /// Roles or contribution areas to emphasise.
    #[uniffi(default)]
    pub goals: Vec<String>,
    /// The budget it can give.
    #[uniffi(default)]
    pub budget: Option<Scale>,
    /// The staff time it can give.
    #[uniffi(default)]
    pub staff: Option<Scale>,
    /// The room it can give.
    #[uniffi(default)]
    pub space: Option<Scale>,
}

impl From<Profile> for smartlib::Profile {
    fn from(p: Profile) -> smartlib::Profile {
        smartlib::Profile {
            name: p.name,
            offers: p.offers,
            piloting: p.piloting,
            planned: p.planned,
            unknown: p.unknown,
            goals: p.goals,
            constraints: smartlib::Resources {
                budget: p.budget.map(Into::into),
                staff: p.staff.map(Into::into),
                space: p.space.map(Into::into),
            },
            ..smartlib::Profile::default()
        }
    }
}

impl From<smartlib::Profile> for Profile {
    fn from(p: smartlib::Profile) -> Profile {
        Profile {
            name: p.name,
            offers: p.offers,
            piloting: p.piloting,
            planned: p.planned,
            unknown: p.unknown,
            goals: p.goals,
            budget: p.constraints.budget.map(Into::into),
            staff: p.constraints.staff.map(Into::into),
            space: p.constraints.space.map(Into::into),
        }
    }
}

/// One cell of a table, as a spreadsheet or a form holds it, before it means anything. The
/// engine reads it by one vocabulary for every front end (see the README): `Text("Yes")`,
/// `Bool(true)` and `Number(1.0)` are all "offered".
///
/// Kotlin calls the list case `Cell.Ids` (a nested `Cell.List` would hide Kotlin's `List`
/// type inside the generated class); Swift calls it `.list`.
#[derive(Debug, Clone, PartialEq, uniffi::Enum)]
pub enum Cell {
    /// No value (a blank cell, `null`).
    Missing,
    /// A real boolean.
    Bool(bool),
    /// A real number (`NaN` reads as missing).
    Number(f64),
    /// Text as written; surrounding spaces and case do not matter.
    Text(String),
    /// A list of ids (for `offers`, `piloting`, `planned`, `unknown` and `goals`).
    List(Vec<String>),
}

impl Cell {
    /// The engine's cell, borrowing the text.
    pub(crate) fn as_core(&self) -> smartlib::Cell<'_> {
        match self {
            Cell::Missing => smartlib::Cell::Missing,
            Cell::Bool(flag) => smartlib::Cell::Bool(*flag),
            Cell::Number(number) => smartlib::Cell::Number(*number),
            Cell::Text(text) => smartlib::Cell::Text(text),
            Cell::List(items) => smartlib::Cell::List(items.iter().map(|item| smartlib::Cell::Text(item)).collect()),
        }
    }
}

// ---- the catalog -----------------------------------------------------------------------------

/// A tier of the toolbox.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Tier {
    /// Stable id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// What it stands for.
    pub summary: String,
    /// The advice once it is the highest tier established.
    pub message: String,
}

impl From<&smartlib::Tier> for Tier {
    fn from(t: &smartlib::Tier) -> Tier {
        Tier { id: t.id.to_string(), name: t.name.clone(), summary: t.summary.clone(), message: t.message.clone() }
    }
}

/// A program or service.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Program {
    /// Stable id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Its tier's id.
    pub tier: String,
    /// What it is and why it matters.
    pub summary: String,
    /// Example items or formats (such as hotspots).
    pub items: Vec<String>,
    /// Smart-citizen roles it develops.
    pub roles: Vec<String>,
    /// Contribution areas it serves.
    pub areas: Vec<String>,
    /// Programs it builds on.
    pub builds_on: Vec<String>,
    /// Organizational processes that help.
    pub processes: Vec<String>,
    /// Outreach tools that help.
    pub outreach: Vec<String>,
    /// Example libraries that run it.
    pub libraries: Vec<String>,
    /// Where the facts come from.
    pub sources: Vec<String>,
}

impl From<&smartlib::Program> for Program {
    fn from(p: &smartlib::Program) -> Program {
        Program {
            id: p.id.to_string(),
            name: p.name.clone(),
            tier: p.tier.to_string(),
            summary: p.summary.clone(),
            items: p.items.clone(),
            roles: strings(&p.roles),
            areas: strings(&p.areas),
            builds_on: p.builds_on.iter().map(|link| link.program.to_string()).collect(),
            processes: strings(&p.processes),
            outreach: strings(&p.outreach),
            libraries: strings(&p.libraries),
            sources: p.sources.clone(),
        }
    }
}

/// A smart-citizen role or contribution area.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Dimension {
    /// Stable id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// What it means.
    pub summary: String,
}

impl From<&smartlib::Dimension> for Dimension {
    fn from(d: &smartlib::Dimension) -> Dimension {
        Dimension { id: d.id.to_string(), name: d.name.clone(), summary: d.summary.clone() }
    }
}

/// An organizational process or outreach tool.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Guide {
    /// Stable id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// What it is.
    pub summary: String,
    /// The guide it belongs under.
    pub parent: Option<String>,
}

impl From<&smartlib::Guide> for Guide {
    fn from(g: &smartlib::Guide) -> Guide {
        Guide {
            id: g.id.to_string(),
            name: g.name.clone(),
            summary: g.summary.clone(),
            parent: g.parent.as_ref().map(ToString::to_string),
        }
    }
}

/// A real library whose practice illustrates programs.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct ExampleLibrary {
    /// Stable id.
    pub id: String,
    /// Name.
    pub name: String,
    /// City and state or region.
    pub location: String,
    /// What it does.
    pub summary: String,
}

impl From<&smartlib::ExampleLibrary> for ExampleLibrary {
    fn from(l: &smartlib::ExampleLibrary) -> ExampleLibrary {
        ExampleLibrary {
            id: l.id.to_string(),
            name: l.name.clone(),
            location: l.location.clone(),
            summary: l.summary.clone(),
        }
    }
}

// ---- answers: the core's views, field by field ---------------------------------------------

/// Where a library stands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, uniffi::Record)]
pub struct Assessment {
    /// The library's name, when the profile gave one.
    pub profile: Option<String>,
    /// The level in a few words, for a title: "Level 1 of 3: Getting started", or, when
    /// unknown programs widen the range, "Level 0–3 of 3: 13 programs are unknown".
    pub headline: String,
    /// Tiers established in a row from the first (unknown programs read as not offered).
    pub level: i32,
    /// The level with unknown programs read as not offered (equal to `level`).
    pub level_min: i32,
    /// The level with unknown programs read as offered.
    pub level_max: i32,
    /// Why the level is not higher, when a tier above it is established by itself.
    pub level_note: Option<String>,
    /// The highest established tier's id.
    pub reached: Option<String>,
    /// Its display name.
    pub reached_name: Option<String>,
    /// Each tier's standing, first to last.
    pub tiers: Vec<TierStatus>,
    /// For each smart-citizen role, the offered programs that develop it.
    pub roles: Vec<Coverage>,
    /// For each contribution area, the offered programs that serve it.
    pub areas: Vec<Coverage>,
    /// The fewest programs that raise the level by one: those of unknown status first, each
    /// group best first.
    pub to_next_level: Vec<String>,
    /// Their display names.
    pub to_next_level_names: Vec<String>,
    /// What to do with each: `start`, `make-permanent`, `carry-out-plan` or `verify`.
    pub to_next_level_actions: Vec<String>,
    /// Each step in words: "make Advanced training permanent".
    pub to_next_level_steps: Vec<String>,
    /// When unknown programs widen the level range: the fewest of them that, confirmed as
    /// offered, raise `levelMin`, best first; empty when the level is settled. The first
    /// piece of advice asks to confirm them.
    pub to_confirm: Vec<String>,
    /// Their display names.
    pub to_confirm_names: Vec<String>,
    /// `offered` or `not-offered` when the assessment read every unknown program that way
    /// (`assessAssuming`); otherwise null.
    pub assumed_unknown: Option<String>,
    /// The programs whose status was unknown and was so read.
    pub assumed: Vec<String>,
    /// The best next programs, best first.
    pub recommendations: Vec<Recommendation>,
    /// A stable key for the advice: `not-started`, or the tier reached.
    pub message_key: String,
    /// The advice for this level.
    pub message: String,
    /// What the assessment says, each piece with what it rests on.
    pub advice: Vec<Advice>,
    /// The catalog's name.
    pub content_name: String,
    /// The catalog's version.
    pub content_version: String,
    /// A hash of the catalog's data.
    pub content_fingerprint: String,
}

impl From<view::AssessmentView> for Assessment {
    fn from(v: view::AssessmentView) -> Assessment {
        Assessment {
            profile: v.profile,
            headline: v.headline,
            level: count(v.level),
            level_min: count(v.level_min),
            level_max: count(v.level_max),
            level_note: v.level_note,
            reached: v.reached,
            reached_name: v.reached_name,
            tiers: v.tiers.into_iter().map(Into::into).collect(),
            roles: v.roles.into_iter().map(Into::into).collect(),
            areas: v.areas.into_iter().map(Into::into).collect(),
            to_next_level: v.to_next_level,
            to_next_level_names: v.to_next_level_names,
            to_next_level_actions: v.to_next_level_actions,
            to_next_level_steps: v.to_next_level_steps,
            to_confirm: v.to_confirm,
            to_confirm_names: v.to_confirm_names,
            assumed_unknown: v.assumed_unknown,
            assumed: v.assumed,
            recommendations: v.recommendations.into_iter().map(Into::into).collect(),
            message_key: v.message_key,
            message: v.message,
            advice: v.advice.into_iter().map(Advice::from).collect(),
            content_name: v.content_name,
            content_version: v.content_version,
            content_fingerprint: v.content_fingerprint,
        }
    }
}

/// One tier's standing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, uniffi::Record)]
pub struct TierStatus {
    /// The tier's id.
    pub id: String,
    /// Its display name.
    pub name: String,
    /// Programs of the tier that count as offered.
    pub offered: i32,
    /// Programs in the tier.
    pub total: i32,
    /// `offered / total`.
    pub share: f64,
    /// Programs needed to establish it.
    pub needed: i32,
    /// Whether it is established.
    pub established: bool,
    /// Programs of the tier the library is piloting.
    pub piloting: i32,
    /// Programs of the tier the library plans.
    pub planned: i32,
    /// Programs of the tier whose status is unknown.
    pub unknown: i32,
}

impl From<view::TierStatusView> for TierStatus {
    fn from(v: view::TierStatusView) -> TierStatus {
        TierStatus {
            id: v.id,
            name: v.name,
            offered: count(v.offered),
            total: count(v.total),
            share: v.share,
            needed: count(v.needed),
            established: v.established,
            piloting: count(v.piloting),
            planned: count(v.planned),
            unknown: count(v.unknown),
        }
    }
}

/// The offered programs serving one role or area.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, uniffi::Record)]
pub struct Coverage {
    /// The role or area id.
    pub id: String,
    /// Its display name.
    pub name: String,
    /// The offered programs serving it, in catalog order.
    pub programs: Vec<String>,
    /// Their display names.
    pub program_names: Vec<String>,
}

impl From<view::CoverageView> for Coverage {
    fn from(v: view::CoverageView) -> Coverage {
        Coverage { id: v.id, name: v.name, programs: v.programs, program_names: v.program_names }
    }
}

/// One piece of advice and what it rests on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, uniffi::Record)]
pub struct Advice {
    /// `fact` (worked out from the profile), `reading` (smartlib's own reading) or `toolbox`
    /// (the toolbox's guidance, paraphrased).
    pub kind: String,
    /// The advice in words.
    pub text: String,
    /// The page it paraphrases (`toolbox` advice).
    pub source: Option<String>,
    /// True when it is the advice for the lower end of a level range that unknown programs
    /// widen: it depends on the answers the first piece of advice asks for.
    pub provisional: bool,
}

impl From<view::AdviceView> for Advice {
    fn from(v: view::AdviceView) -> Advice {
        Advice { kind: v.kind, text: v.text, source: v.source, provisional: v.provisional }
    }
}

/// A program to start, with its score and reasons.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, uniffi::Record)]
pub struct Recommendation {
    /// The program's id.
    pub program: String,
    /// Its display name.
    pub name: String,
    /// What it is and why it matters.
    pub summary: String,
    /// Its tier's id.
    pub tier: String,
    /// The tier's display name.
    pub tier_name: String,
    /// What to do: `start`, `make-permanent` (piloting), `carry-out-plan` (planned) or
    /// `verify` (status unknown).
    pub action: String,
    /// The sum of the reasons' points.
    pub score: f64,
    /// Why, one reason per ranking principle that applied.
    pub reasons: Vec<Reason>,
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

impl From<view::RecommendationView> for Recommendation {
    fn from(v: view::RecommendationView) -> Recommendation {
        Recommendation {
            program: v.program,
            name: v.name,
            summary: v.summary,
            tier: v.tier,
            tier_name: v.tier_name,
            action: v.action,
            score: v.score,
            reasons: v.reasons.into_iter().map(Into::into).collect(),
            processes: v.processes,
            process_names: v.process_names,
            outreach: v.outreach,
            outreach_names: v.outreach_names,
            examples: v.examples,
            example_names: v.example_names,
        }
    }
}

/// Why a program ranks where it does: the ranking principle with its details (`kind`, an enum
/// to `when`/`switch` over), the points it added and the sentence that says it (`text`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, uniffi::Record)]
pub struct Reason {
    /// Which principle applied, with the ids, names and values it rests on.
    #[serde(flatten)]
    pub kind: ReasonKind,
    /// Points it added (negative: taken off).
    pub points: f64,
    /// The reason in words, with display names.
    pub text: String,
}

/// The ranking principle behind a [`Reason`] and its details. Program, goal and role ids come
/// with their display names, in the same order. In JSON the case is the `kind` field
/// (`next-tier`, `builds-on`, …), as in the CLI's JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, uniffi::Enum)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum ReasonKind {
    /// It belongs to the first tier not yet established: the one to build now.
    NextTier {
        /// The tier's id.
        tier: String,
        /// Its display name.
        tier_name: String,
    },
    /// It fills a gap in a tier that is already established.
    LowerTierGap {
        /// The tier's id.
        tier: String,
        /// Its display name.
        tier_name: String,
    },
    /// It belongs to a tier beyond the next one.
    HigherTier {
        /// The tier's id.
        tier: String,
        /// Its display name.
        tier_name: String,
        /// How many tiers beyond the one to build next (1: the tier after next).
        tiers_ahead: i32,
    },
    /// It builds on programs the library offers.
    BuildsOn {
        /// Those programs.
        ids: Vec<String>,
        /// Their display names.
        names: Vec<String>,
    },
    /// In a roadmap: it builds on programs an earlier phase starts.
    BuildsOnEarlierPhases {
        /// Those programs.
        ids: Vec<String>,
        /// Their display names.
        names: Vec<String>,
        /// The phase that starts each of them, from 1.
        phases: Vec<i32>,
    },
    /// It builds on programs the library does not offer yet (points taken off).
    MissingPrerequisites {
        /// Those programs.
        ids: Vec<String>,
        /// Their display names.
        names: Vec<String>,
    },
    /// It builds on programs of unknown status: neither leverage nor a gap (always 0 points).
    BuildsOnUnknown {
        /// Those programs.
        ids: Vec<String>,
        /// Their display names.
        names: Vec<String>,
    },
    /// It serves goals the library set.
    Goals {
        /// The goals (role or area ids).
        ids: Vec<String>,
        /// Their display names.
        names: Vec<String>,
    },
    /// It develops smart-citizen roles nothing offered develops yet.
    RoleGap {
        /// Those roles.
        ids: Vec<String>,
        /// Their display names.
        names: Vec<String>,
    },
    /// It needs more of a resource than the library has (points taken off).
    Constraint {
        /// Which resource.
        resource: Resource,
        /// What the program needs.
        needs: Scale,
        /// What the library has.
        has: Scale,
    },
    /// The library is already piloting or planning it.
    InProgress {
        /// Piloting or planned.
        status: Progress,
    },
    /// Nobody knows whether the library offers it: check first.
    StatusUnknown {},
}

/// Budget, staff or space.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "lowercase")]
pub enum Resource {
    /// Money.
    Budget,
    /// People.
    Staff,
    /// Room.
    Space,
}

/// How far a library has got with a program it does not offer yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "lowercase")]
pub enum Progress {
    /// It runs a pilot.
    Piloting,
    /// It plans it.
    Planned,
}

impl From<view::ReasonView> for Reason {
    /// A reason the binding cannot type is a bug (a core with a reason kind this binding does
    /// not know yet): it panics, and the exported call answers `Internal`.
    fn from(v: view::ReasonView) -> Reason {
        Reason::from_view(v).unwrap_or_else(|e| panic!("cannot type a reason: {e}"))
    }
}

impl Reason {
    /// The typed reason from the core's view. The view names its kind and fills exactly the
    /// fields that kind uses; a kind this binding does not know is a bug (a newer core), which
    /// the caller gets as `Internal`.
    pub(crate) fn from_view(v: view::ReasonView) -> Result<Reason, String> {
        let tier = || v.tier.clone().ok_or_else(|| format!("reason {} has no tier", v.kind));
        let tier_name = || v.tier_name.clone().ok_or_else(|| format!("reason {} has no tier name", v.kind));
        let parse = |field: &Option<String>, what: &str| -> Result<String, String> {
            field.clone().ok_or_else(|| format!("reason {} has no {what}", v.kind))
        };
        let scale = |value: String| match value.as_str() {
            "low" => Ok(Scale::Low),
            "medium" => Ok(Scale::Medium),
            "high" => Ok(Scale::High),
            other => Err(format!("unknown scale \"{other}\"")),
        };
        let (ids, names) = (v.ids.clone(), v.names.clone());
        let kind = match v.kind.as_str() {
            "next-tier" => ReasonKind::NextTier { tier: tier()?, tier_name: tier_name()? },
            "lower-tier-gap" => ReasonKind::LowerTierGap { tier: tier()?, tier_name: tier_name()? },
            "higher-tier" => ReasonKind::HigherTier {
                tier: tier()?,
                tier_name: tier_name()?,
                tiers_ahead: count(v.tiers_ahead.ok_or("reason higher-tier has no tiers_ahead")?),
            },
            "builds-on" => ReasonKind::BuildsOn { ids, names },
            "builds-on-earlier-phases" => {
                ReasonKind::BuildsOnEarlierPhases { ids, names, phases: v.phases.iter().map(|&p| count(p)).collect() }
            }
            "missing-prerequisites" => ReasonKind::MissingPrerequisites { ids, names },
            "builds-on-unknown" => ReasonKind::BuildsOnUnknown { ids, names },
            "goals" => ReasonKind::Goals { ids, names },
            "role-gap" => ReasonKind::RoleGap { ids, names },
            "constraint" => ReasonKind::Constraint {
                resource: match parse(&v.resource, "resource")?.as_str() {
                    "budget" => Resource::Budget,
                    "staff" => Resource::Staff,
                    "space" => Resource::Space,
                    other => return Err(format!("unknown resource \"{other}\"")),
                },
                needs: scale(parse(&v.needs, "needs")?)?,
                has: scale(parse(&v.has, "has")?)?,
            },
            "in-progress" => ReasonKind::InProgress {
                status: match parse(&v.status, "status")?.as_str() {
                    "piloting" => Progress::Piloting,
                    "planned" => Progress::Planned,
                    other => return Err(format!("unknown progress \"{other}\"")),
                },
            },
            "status-unknown" => ReasonKind::StatusUnknown {},
            other => return Err(format!("unknown reason kind \"{other}\"")),
        };
        Ok(Reason { kind, points: v.points, text: v.text })
    }
}

/// Every program not offered yet, in phases that respect what builds on what.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, uniffi::Record)]
pub struct Roadmap {
    /// The level now.
    pub level: i32,
    /// The phases, first to do first.
    pub phases: Vec<Phase>,
}

impl From<view::RoadmapView> for Roadmap {
    fn from(v: view::RoadmapView) -> Roadmap {
        Roadmap { level: count(v.level), phases: v.phases.into_iter().map(Into::into).collect() }
    }
}

/// One phase of a roadmap.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, uniffi::Record)]
pub struct Phase {
    /// 1 for the first phase.
    pub number: i32,
    /// The programs to start in it, best first.
    pub programs: Vec<Recommendation>,
    /// The level once it and every phase before it are done.
    pub level_after: i32,
    /// The tier reached then.
    pub reached_after: Option<String>,
    /// Its display name.
    pub reached_after_name: Option<String>,
}

impl From<view::PhaseView> for Phase {
    fn from(v: view::PhaseView) -> Phase {
        Phase {
            number: count(v.number),
            programs: v.programs.into_iter().map(Into::into).collect(),
            level_after: count(v.level_after),
            reached_after: v.reached_after,
            reached_after_name: v.reached_after_name,
        }
    }
}

/// What offering or dropping programs would change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, uniffi::Record)]
pub struct WhatIf {
    /// Programs that became offered.
    pub added: Vec<String>,
    /// Their display names.
    pub added_names: Vec<String>,
    /// Programs that stopped being offered.
    pub removed: Vec<String>,
    /// Their display names.
    pub removed_names: Vec<String>,
    /// The level before.
    pub level_before: i32,
    /// The level after.
    pub level_after: i32,
    /// The highest established tier before.
    pub reached_before: Option<String>,
    /// Its display name.
    pub reached_before_name: Option<String>,
    /// The highest established tier after.
    pub reached_after: Option<String>,
    /// Its display name.
    pub reached_after_name: Option<String>,
    /// Tiers whose count of offered programs changed.
    pub tiers: Vec<TierChange>,
    /// Roles that gained their first offered program.
    pub roles_gained: Vec<String>,
    /// Roles that lost their last offered program.
    pub roles_lost: Vec<String>,
    /// Areas that gained their first offered program.
    pub areas_gained: Vec<String>,
    /// Areas that lost their last offered program.
    pub areas_lost: Vec<String>,
    /// The assessment before.
    pub before: Assessment,
    /// The assessment after.
    pub after: Assessment,
}

impl From<view::WhatIfView> for WhatIf {
    fn from(v: view::WhatIfView) -> WhatIf {
        WhatIf {
            added: v.added,
            added_names: v.added_names,
            removed: v.removed,
            removed_names: v.removed_names,
            level_before: count(v.level_before),
            level_after: count(v.level_after),
            reached_before: v.reached_before,
            reached_before_name: v.reached_before_name,
            reached_after: v.reached_after,
            reached_after_name: v.reached_after_name,
            tiers: v.tiers.into_iter().map(Into::into).collect(),
            roles_gained: v.roles_gained,
            roles_lost: v.roles_lost,
            areas_gained: v.areas_gained,
            areas_lost: v.areas_lost,
            before: v.before.into(),
            after: v.after.into(),
        }
    }
}

/// How one tier's standing changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, uniffi::Record)]
pub struct TierChange {
    /// The tier's id.
    pub id: String,
    /// Its display name.
    pub name: String,
    /// Offered programs before.
    pub offered_before: i32,
    /// Offered programs after.
    pub offered_after: i32,
    /// Whether it was established before.
    pub established_before: bool,
    /// Whether it is established after.
    pub established_after: bool,
}

impl From<view::TierChangeView> for TierChange {
    fn from(v: view::TierChangeView) -> TierChange {
        TierChange {
            id: v.id,
            name: v.name,
            offered_before: count(v.offered_before),
            offered_after: count(v.offered_after),
            established_before: v.established_before,
            established_after: v.established_after,
        }
    }
}

// ---- tables and the field list ---------------------------------------------------------------

/// One row of a table, summarized: the level and the best next programs, or why the row could
/// not be read.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct RowSummary {
    /// Tiers established in a row from the first (0 when the row has an error).
    pub level: i32,
    /// The level with unknown programs read as not offered.
    pub level_min: i32,
    /// The level with unknown programs read as offered.
    pub level_max: i32,
    /// The highest established tier's id (the tier at position `level`).
    pub reached: Option<String>,
    /// Its display name.
    pub reached_name: Option<String>,
    /// The ids of the best next programs, best first (at most `top`).
    pub recommendations: Vec<String>,
    /// Their display names.
    pub recommendation_names: Vec<String>,
    /// Why the row could not be read, as `row 4, column "computer-labs": …`; the other fields
    /// are then empty.
    pub error: Option<String>,
}

impl RowSummary {
    /// A row that was read: ids in place of the catalog positions of the engine's summary.
    pub(crate) fn new(catalog: &smartlib::Catalog, summary: &smartlib::Summary) -> RowSummary {
        let reached = catalog.reached_tier(summary.level).map(|tier| tier.id.to_string());
        let recommendations: Vec<String> = summary.top.iter().map(|&p| catalog.programs()[p].id.to_string()).collect();
        RowSummary {
            level: count(summary.level),
            level_min: count(summary.level_range[0]),
            level_max: count(summary.level_range[1]),
            reached_name: reached.as_deref().map(|id| catalog.tier_name(id)),
            reached,
            recommendation_names: recommendations.iter().map(|id| catalog.program_name(id)).collect(),
            recommendations,
            error: None,
        }
    }

    /// A row that could not be read.
    pub(crate) fn failed(error: &smartlib::Error) -> RowSummary {
        RowSummary {
            level: 0,
            level_min: 0,
            level_max: 0,
            reached: None,
            reached_name: None,
            recommendations: Vec::new(),
            recommendation_names: Vec::new(),
            error: Some(error.to_string()),
        }
    }
}

/// An answer record and its fields, in order, as the core lists them (snake_case; Kotlin and
/// Swift spell them in camelCase).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct ViewType {
    /// The record's name (`Assessment`, `TierStatus`, …).
    pub name: String,
    /// Its fields, in declaration order.
    pub fields: Vec<String>,
}
