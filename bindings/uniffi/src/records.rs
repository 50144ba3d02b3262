//! Every record and enum the binding exports, and their conversions from and to the engine's
//! types.

pub(crate) fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

pub(crate) fn strings(ids: &[smartlib::Id]) -> Vec<String> {
    ids.iter().map(ToString::to_string).collect()
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
#[derive(Debug, Clone, Copy, uniffi::Enum)]
pub enum Scale {
    /// Little.
    Low,
    /// Some.
    Medium,
    /// Much.
    High,
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

/// What one library offers now. Programs not listed are not offered.
#[derive(Debug, Clone, Default, uniffi::Record)]
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

/// A tier of the toolbox.
#[derive(Debug, Clone, uniffi::Record)]
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

/// A program or service.
#[derive(Debug, Clone, uniffi::Record)]
pub struct Program {
    /// Stable id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Its tier's id.
    pub tier: String,
    /// What it is and why it matters.
    pub summary: String,
    /// Example items or formats.
    pub examples: Vec<String>,
    /// Smart-citizen roles it develops.
    pub roles: Vec<String>,
    /// Contribution areas it serves.
    pub contributions: Vec<String>,
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

/// A smart-citizen role or contribution area.
#[derive(Debug, Clone, uniffi::Record)]
pub struct Dimension {
    /// Stable id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// What it means.
    pub summary: String,
}

/// An organizational process or outreach tool.
#[derive(Debug, Clone, uniffi::Record)]
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

/// A real library whose practice illustrates programs.
#[derive(Debug, Clone, uniffi::Record)]
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

/// One tier's standing.
#[derive(Debug, Clone, uniffi::Record)]
pub struct TierStatus {
    /// The tier's id.
    pub id: String,
    /// Offered programs of the tier.
    pub offered: u32,
    /// Programs in the tier.
    pub total: u32,
    /// offered / total.
    pub share: f64,
    /// Programs needed to establish it.
    pub needed: u32,
    /// Whether it is established.
    pub established: bool,
    /// Programs of unknown status.
    pub unknown: u32,
}

/// The offered programs serving one role or area.
#[derive(Debug, Clone, uniffi::Record)]
pub struct Coverage {
    /// The role or area id.
    pub id: String,
    /// The offered programs serving it.
    pub programs: Vec<String>,
}

/// Why a program ranks where it does.
#[derive(Debug, Clone, uniffi::Record)]
pub struct Reason {
    /// `next-tier`, `builds-on`, `goals`, `role-gap`, `constraint`, …
    pub kind: String,
    /// Points it added (negative: taken off).
    pub points: f64,
    /// The reason in words, with display names.
    pub text: String,
    /// The ids it rests on: programs built on or missing, goals served, roles filled.
    pub ids: Vec<String>,
    /// The tier it concerns, for tier reasons.
    pub tier: Option<String>,
}

impl Reason {
    pub(crate) fn new(catalog: &smartlib::Catalog, reason: &smartlib::Reason) -> Reason {
        let (ids, tier) = match reason {
            smartlib::Reason::NextTier { tier, .. }
            | smartlib::Reason::LowerTierGap { tier, .. }
            | smartlib::Reason::HigherTier { tier, .. } => (Vec::new(), Some(tier.to_string())),
            smartlib::Reason::BuildsOn { programs, .. } | smartlib::Reason::MissingPrerequisites { programs, .. } => {
                (strings(programs), None)
            }
            smartlib::Reason::Goals { goals, .. } => (strings(goals), None),
            smartlib::Reason::RoleGap { roles, .. } => (strings(roles), None),
            _ => (Vec::new(), None),
        };
        Reason { kind: reason.kind().to_owned(), points: reason.points(), text: catalog.explain(reason), ids, tier }
    }
}

/// A program to start, with its score and reasons.
#[derive(Debug, Clone, uniffi::Record)]
pub struct Recommendation {
    /// The program's id.
    pub program: String,
    /// Its display name.
    pub name: String,
    /// Its tier's id.
    pub tier: String,
    /// Sum of the reasons' points.
    pub score: f64,
    /// Why, one reason per principle that applied.
    pub reasons: Vec<Reason>,
    /// Processes to read next.
    pub processes: Vec<String>,
    /// Outreach tools to read next.
    pub outreach: Vec<String>,
    /// Example libraries that run it.
    pub examples: Vec<String>,
}

impl Recommendation {
    pub(crate) fn new(catalog: &smartlib::Catalog, r: &smartlib::Recommendation) -> Recommendation {
        Recommendation {
            program: r.program.to_string(),
            name: catalog.program(&r.program).map_or_else(|| r.program.to_string(), |p| p.name.clone()),
            tier: r.tier.to_string(),
            score: r.score,
            reasons: r.reasons.iter().map(|reason| Reason::new(catalog, reason)).collect(),
            processes: strings(&r.processes),
            outreach: strings(&r.outreach),
            examples: strings(&r.examples),
        }
    }
}

/// Where a library stands.
#[derive(Debug, Clone, uniffi::Record)]
pub struct Assessment {
    /// Tiers established in a row from the first.
    pub level: u32,
    /// The highest established tier, if any.
    pub reached: Option<String>,
    /// The level with unknown programs read as not offered.
    pub level_min: u32,
    /// The level with unknown programs read as offered.
    pub level_max: u32,
    /// Each tier's standing.
    pub tiers: Vec<TierStatus>,
    /// Offered programs per smart-citizen role.
    pub roles: Vec<Coverage>,
    /// Offered programs per contribution area.
    pub areas: Vec<Coverage>,
    /// The fewest programs that raise the level by one.
    pub to_next_level: Vec<String>,
    /// The best next programs.
    pub recommendations: Vec<Recommendation>,
    /// A stable key for the advice (`not-started` or the tier reached).
    pub message_key: String,
    /// What the toolbox advises at this level.
    pub message: String,
    /// The content version used.
    pub content_version: String,
}

impl Assessment {
    pub(crate) fn new(catalog: &smartlib::Catalog, a: &smartlib::Assessment) -> Assessment {
        let coverage = |list: &[smartlib::Coverage]| {
            list.iter().map(|c| Coverage { id: c.id.to_string(), programs: strings(&c.programs) }).collect()
        };
        Assessment {
            level: count(a.level),
            reached: a.reached.as_ref().map(ToString::to_string),
            level_min: count(a.level_range[0]),
            level_max: count(a.level_range[1]),
            tiers: a
                .tiers
                .iter()
                .map(|t| TierStatus {
                    id: t.id.to_string(),
                    offered: count(t.offered),
                    total: count(t.total),
                    share: t.share,
                    needed: count(t.needed),
                    established: t.established,
                    unknown: count(t.unknown),
                })
                .collect(),
            roles: coverage(&a.roles),
            areas: coverage(&a.areas),
            to_next_level: strings(&a.to_next_level),
            recommendations: a.recommendations.iter().map(|r| Recommendation::new(catalog, r)).collect(),
            message_key: a.message.key.to_string(),
            message: a.message.text.to_string(),
            content_version: a.content.version.to_string(),
        }
    }
}

/// One phase of a roadmap.
#[derive(Debug, Clone, uniffi::Record)]
pub struct Phase {
    /// 1 for the first phase.
    pub number: u32,
    /// Programs to start in it, best first.
    pub programs: Vec<Recommendation>,
    /// The level once it is done.
    pub level_after: u32,
    /// The tier reached once it is done.
    pub reached_after: Option<String>,
}

/// Every program not offered yet, in phases that respect what builds on what.
#[derive(Debug, Clone, uniffi::Record)]
pub struct Roadmap {
    /// The level now.
    pub level: u32,
    /// The phases, first to do first.
    pub phases: Vec<Phase>,
}

/// What offering or dropping programs would change.
#[derive(Debug, Clone, uniffi::Record)]
pub struct WhatIf {
    /// Programs that became offered.
    pub added: Vec<String>,
    /// Programs that stopped being offered.
    pub removed: Vec<String>,
    /// Level before.
    pub level_before: u32,
    /// Level after.
    pub level_after: u32,
    /// Roles that gained their first offered program.
    pub roles_gained: Vec<String>,
    /// Roles that lost their last offered program.
    pub roles_lost: Vec<String>,
    /// The assessment after the change.
    pub after: Assessment,
}

pub(crate) fn program(p: &smartlib::Program) -> Program {
    Program {
        id: p.id.to_string(),
        name: p.name.clone(),
        tier: p.tier.to_string(),
        summary: p.summary.clone(),
        examples: p.items.clone(),
        roles: strings(&p.roles),
        contributions: strings(&p.areas),
        builds_on: strings(&p.builds_on),
        processes: strings(&p.processes),
        outreach: strings(&p.outreach),
        libraries: strings(&p.libraries),
        sources: p.sources.clone(),
    }
}

pub(crate) fn dimension(d: &smartlib::Dimension) -> Dimension {
    Dimension { id: d.id.to_string(), name: d.name.clone(), summary: d.summary.clone() }
}

pub(crate) fn guide(g: &smartlib::Guide) -> Guide {
    Guide {
        id: g.id.to_string(),
        name: g.name.clone(),
        summary: g.summary.clone(),
        parent: g.parent.as_ref().map(ToString::to_string),
    }
}
