//! Kotlin and Swift bindings for smartlib (uniffi proc-macros, no UDL).
//!
//! One thread-safe [`Catalog`] object (an `Arc` around the engine's catalog) and plain records
//! in and out. Kotlin sees the package `org.smartlib`, Swift the module `SmartLib`. Errors are
//! one [`SmartlibError`] enum with the cases a caller acts on: Kotlin `SmartlibException.*`,
//! Swift `throws SmartlibError`. A Rust panic is caught by uniffi and surfaces as an exception,
//! never as a crashed process.

use std::sync::Arc;

uniffi::setup_scaffolding!();

/// Why a call was refused.
#[derive(Debug, thiserror::Error, uniffi::Error)]
pub enum SmartlibError {
    /// A program id the catalog does not have.
    #[error("{description}")]
    UnknownProgram {
        /// The id as given.
        id: String,
        /// The nearest valid id.
        suggestion: Option<String>,
        /// The whole message, with the position (`offers[2]`).
        description: String,
    },
    /// A profile that does not fit: an unknown goal, a program under two statuses, bad JSON.
    #[error("{description}")]
    Profile {
        /// What is wrong and where.
        description: String,
    },
    /// A catalog that cannot be used, with the position of its first problem.
    #[error("{description}")]
    Content {
        /// The first problem, as `file:line:column: path: message`.
        description: String,
        /// Line of the first problem, from 1, when known.
        line: Option<u32>,
        /// Column of the first problem, from 1, when known.
        column: Option<u32>,
        /// How many problems were found.
        problems: u32,
    },
}

impl From<smartlib::Error> for SmartlibError {
    fn from(error: smartlib::Error) -> SmartlibError {
        let message = error.to_string();
        match error.kind {
            smartlib::ErrorKind::UnknownProgram { id, suggestion, .. } => SmartlibError::UnknownProgram {
                id,
                suggestion: suggestion.map(|s| s.to_string()),
                description: message,
            },
            smartlib::ErrorKind::Catalog(error) => SmartlibError::Content {
                description: message,
                line: None,
                column: None,
                problems: count(error.problems().len()),
            },
            _ => SmartlibError::Profile { description: message },
        }
    }
}

impl From<smartlib::ContentError> for SmartlibError {
    fn from(error: smartlib::ContentError) -> SmartlibError {
        let first = &error.diagnostics()[0];
        SmartlibError::Content {
            description: error.to_string(),
            line: first.position.map(|p| count(p.line)),
            column: first.position.map(|p| count(p.column)),
            problems: count(error.diagnostics().len()),
        }
    }
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn strings(ids: &[smartlib::Id]) -> Vec<String> {
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
    fn new(catalog: &smartlib::Catalog, reason: &smartlib::Reason) -> Reason {
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
    fn new(catalog: &smartlib::Catalog, r: &smartlib::Recommendation) -> Recommendation {
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
    fn new(catalog: &smartlib::Catalog, a: &smartlib::Assessment) -> Assessment {
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

/// A validated catalog: the embedded toolbox or your own. Immutable and safe to use from many
/// threads at once.
#[derive(uniffi::Object)]
pub struct Catalog {
    inner: smartlib::Catalog,
}

#[uniffi::export]
impl Catalog {
    /// The embedded toolbox catalog (works offline).
    #[uniffi::constructor]
    pub fn toolbox() -> Arc<Catalog> {
        Arc::new(Catalog { inner: smartlib::default_catalog() })
    }

    /// A catalog from text (TOML, JSON or YAML).
    #[uniffi::constructor]
    pub fn from_text(text: String, format: Format) -> Result<Arc<Catalog>, SmartlibError> {
        let inner = smartlib::parse_catalog(&text, format.into(), "<text>")?;
        Ok(Arc::new(Catalog { inner }))
    }

    /// A catalog from a file or a catalog directory.
    #[uniffi::constructor]
    pub fn from_path(path: String) -> Result<Arc<Catalog>, SmartlibError> {
        Ok(Arc::new(Catalog { inner: smartlib::load_catalog(&path)? }))
    }

    /// The same catalog with policy changes given as JSON, such as
    /// `{"established_share": 0.8, "weights": {"goal": 30}}`.
    pub fn with_policy_json(&self, changes: String) -> Result<Arc<Catalog>, SmartlibError> {
        let profile_error = |e: serde_json::Error| SmartlibError::Profile { description: format!("policy: {e}") };
        let changes: serde_json::Value = serde_json::from_str(&changes).map_err(profile_error)?;
        let policy = self.inner.policy().with_changes(&changes).map_err(profile_error)?;
        let inner = self.inner.with_policy(policy).map_err(smartlib::Error::from)?;
        Ok(Arc::new(Catalog { inner }))
    }

    /// The catalog's name.
    pub fn name(&self) -> String {
        self.inner.content().name.to_string()
    }

    /// The content version.
    pub fn version(&self) -> String {
        self.inner.content().version.to_string()
    }

    /// A hash of the whole content.
    pub fn fingerprint(&self) -> String {
        self.inner.content().fingerprint.to_string()
    }

    /// The tiers, first to last.
    pub fn tiers(&self) -> Vec<Tier> {
        self.inner
            .tiers()
            .iter()
            .map(|t| Tier {
                id: t.id.to_string(),
                name: t.name.clone(),
                summary: t.summary.clone(),
                message: t.message.clone(),
            })
            .collect()
    }

    /// The programs, in catalog order.
    pub fn programs(&self) -> Vec<Program> {
        self.inner.programs().iter().map(program).collect()
    }

    /// One program; `UnknownProgram` names the nearest valid id.
    pub fn program(&self, id: String) -> Result<Program, SmartlibError> {
        match self.inner.program(&id) {
            Some(found) => Ok(program(found)),
            None => Err(self.inner.unknown_program(&id, smartlib::Path::root()).into()),
        }
    }

    /// The smart-citizen roles.
    pub fn roles(&self) -> Vec<Dimension> {
        self.inner.roles().iter().map(dimension).collect()
    }

    /// The contribution areas.
    pub fn areas(&self) -> Vec<Dimension> {
        self.inner.areas().iter().map(dimension).collect()
    }

    /// The organizational processes.
    pub fn processes(&self) -> Vec<Guide> {
        self.inner.processes().iter().map(guide).collect()
    }

    /// The marketing and outreach tools.
    pub fn outreach(&self) -> Vec<Guide> {
        self.inner.outreach().iter().map(guide).collect()
    }

    /// The example libraries.
    pub fn example_libraries(&self) -> Vec<ExampleLibrary> {
        self.inner
            .examples()
            .iter()
            .map(|l| ExampleLibrary {
                id: l.id.to_string(),
                name: l.name.clone(),
                location: l.location.clone(),
                summary: l.summary.clone(),
            })
            .collect()
    }

    /// Assesses a library: level, tiers, roles, next steps and recommendations.
    pub fn assess(&self, profile: Profile) -> Result<Assessment, SmartlibError> {
        let assessment = self.inner.assess(&profile.into())?;
        Ok(Assessment::new(&self.inner, &assessment))
    }

    /// Every program not offered yet (or the best `limit`), best first.
    pub fn recommend(&self, profile: Profile, limit: Option<u32>) -> Result<Vec<Recommendation>, SmartlibError> {
        let limit = limit.map_or(usize::MAX, |n| n as usize);
        let recommendations = self.inner.recommend(&profile.into(), limit)?;
        Ok(recommendations.iter().map(|r| Recommendation::new(&self.inner, r)).collect())
    }

    /// Every program not offered yet, in phases.
    pub fn roadmap(&self, profile: Profile) -> Result<Roadmap, SmartlibError> {
        let roadmap = self.inner.roadmap(&profile.into())?;
        Ok(Roadmap {
            level: count(roadmap.level),
            phases: roadmap
                .phases
                .iter()
                .map(|phase| Phase {
                    number: count(phase.number),
                    programs: phase.programs.iter().map(|r| Recommendation::new(&self.inner, r)).collect(),
                    level_after: count(phase.level_after),
                    reached_after: phase.reached_after.as_ref().map(ToString::to_string),
                })
                .collect(),
        })
    }

    /// What changes if the library offers `add` and stops offering `remove`.
    pub fn what_if(&self, profile: Profile, add: Vec<String>, remove: Vec<String>) -> Result<WhatIf, SmartlibError> {
        let change = self.inner.what_if(&profile.into(), &add, &remove)?;
        Ok(WhatIf {
            added: strings(&change.added),
            removed: strings(&change.removed),
            level_before: count(change.level_before),
            level_after: count(change.level_after),
            roles_gained: strings(&change.roles_gained),
            roles_lost: strings(&change.roles_lost),
            after: Assessment::new(&self.inner, &change.after),
        })
    }

    /// Assesses a profile given as JSON (the profile file format) and answers with the
    /// assessment's JSON (the CLI's `--format json`).
    pub fn assess_json(&self, profile: String) -> Result<String, SmartlibError> {
        let profile = smartlib::parse_profile(&profile, smartlib::Format::Json, "<profile>", &self.inner)?;
        let assessment = self.inner.assess(&profile)?;
        serde_json::to_string(&assessment).map_err(|e| SmartlibError::Profile { description: e.to_string() })
    }

    /// A profile from JSON text (the profile file format), checked against this catalog.
    pub fn profile_from_json(&self, text: String) -> Result<Profile, SmartlibError> {
        let p = smartlib::parse_profile(&text, smartlib::Format::Json, "<profile>", &self.inner)?;
        let scale = |s: Option<smartlib::Scale>| {
            s.map(|s| match s {
                smartlib::Scale::Low => Scale::Low,
                smartlib::Scale::Medium => Scale::Medium,
                smartlib::Scale::High => Scale::High,
            })
        };
        Ok(Profile {
            name: p.name,
            offers: p.offers,
            piloting: p.piloting,
            planned: p.planned,
            unknown: p.unknown,
            goals: p.goals,
            budget: scale(p.constraints.budget),
            staff: scale(p.constraints.staff),
            space: scale(p.constraints.space),
        })
    }

    /// The whole catalog as JSON (the format `from_text` reads).
    pub fn to_json(&self) -> String {
        smartlib::export_catalog(self.inner.data(), smartlib::Format::Json).unwrap_or_default()
    }
}

fn program(p: &smartlib::Program) -> Program {
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

fn dimension(d: &smartlib::Dimension) -> Dimension {
    Dimension { id: d.id.to_string(), name: d.name.clone(), summary: d.summary.clone() }
}

fn guide(g: &smartlib::Guide) -> Guide {
    Guide {
        id: g.id.to_string(),
        name: g.name.clone(),
        summary: g.summary.clone(),
        parent: g.parent.as_ref().map(ToString::to_string),
    }
}

/// The version of the embedded toolbox content.
#[uniffi::export]
pub fn content_version() -> String {
    smartlib::CATALOG_VERSION.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_map_to_the_cases_callers_act_on() {
        let catalog = Catalog::toolbox();
        let unknown = catalog.assess(Profile { offers: vec!["wifi-acess".into()], ..Profile::default() });
        assert!(
            matches!(unknown, Err(SmartlibError::UnknownProgram { ref suggestion, .. }) if suggestion.as_deref() == Some("wifi-access"))
        );
        let conflict = catalog.assess(Profile {
            offers: vec!["wifi-access".into()],
            planned: vec!["wifi-access".into()],
            ..Profile::default()
        });
        assert!(matches!(conflict, Err(SmartlibError::Profile { .. })));
        let broken = Catalog::from_text("name = \"x\"\nversion =".into(), Format::Toml);
        assert!(matches!(broken, Err(SmartlibError::Content { line: Some(2), .. })));
    }
}
