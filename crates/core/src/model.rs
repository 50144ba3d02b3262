//! The toolbox's vocabulary as plain data: a whole catalog ([`CatalogData`]) with its tiers,
//! programs, roles, areas, guides and example libraries, and the [`Status`] a library gives a
//! program.
//!
//! These types are what catalog files deserialize into. They hold ids, not references, so they
//! stay plain owned data that crosses FFI and serde boundaries unchanged; [`crate::Catalog`]
//! checks every id when it is built. Apart from the [`Policy`] a catalog carries, this module
//! imports nothing else of the crate.

use std::fmt;
use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::policy::Policy;

/// A stable, kebab-case identifier (`wifi-access`). Shared, so cloning one is a reference count.
pub type Id = Arc<str>;

/// A whole toolbox as plain data: what catalog files hold and what [`crate::Catalog::data`]
/// exports.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CatalogData {
    /// JSON Schema reference, so editors can check catalog files; ignored by the engine.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// The catalog's name.
    pub name: String,
    /// The content version (for example a date or a semantic version).
    pub version: String,
    /// What to do when no tier is established yet.
    pub start_message: String,
    /// The assessment threshold and ranking weights.
    #[serde(default)]
    pub policy: Policy,
    /// The tiers, first to last.
    pub tiers: Vec<Tier>,
    /// The smart-citizen roles.
    #[serde(default)]
    pub roles: Vec<Dimension>,
    /// The library contribution areas.
    #[serde(default)]
    pub areas: Vec<Dimension>,
    /// The programs and services, in catalog order (the final tie-breaker of every ranking).
    pub programs: Vec<Program>,
    /// Organizational processes.
    #[serde(default)]
    pub processes: Vec<Guide>,
    /// Marketing and outreach tools.
    #[serde(default)]
    pub outreach: Vec<Guide>,
    /// Example libraries.
    #[serde(default)]
    pub examples: Vec<ExampleLibrary>,
}

/// A tier of the toolbox: a stage a library passes through (`getting-started`, …).
///
/// Tiers are ordered by their position in the catalog, first to last.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Tier {
    /// Stable id, kebab-case.
    pub id: Id,
    /// Display name ("Getting started").
    pub name: String,
    /// One or two sentences on what the tier stands for.
    #[serde(default)]
    pub summary: String,
    /// What to do next once this is the highest tier the library has established.
    pub message: String,
}

/// A program or service a library can offer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Program {
    /// Stable id, kebab-case.
    pub id: Id,
    /// Display name.
    pub name: String,
    /// Id of the tier the program belongs to.
    pub tier: Id,
    /// What the program is and why it matters, in a few sentences.
    pub summary: String,
    /// Example items or formats (hotspots, laptops, 3D printers, …). Older files call them
    /// `examples`, which now only means example libraries.
    #[serde(default, alias = "examples")]
    pub items: Vec<String>,
    /// Ids of the smart-citizen roles the program develops.
    #[serde(default)]
    pub roles: Vec<Id>,
    /// Ids of the library contribution areas the program serves (`contributions` in older files).
    #[serde(default, alias = "contributions")]
    pub areas: Vec<Id>,
    /// Ids of programs this one leverages; the roadmap never schedules it before them.
    #[serde(default)]
    pub builds_on: Vec<Id>,
    /// Ids of the organizational processes that help to start it.
    #[serde(default)]
    pub processes: Vec<Id>,
    /// Ids of the marketing and outreach tools that help it reach residents.
    #[serde(default)]
    pub outreach: Vec<Id>,
    /// Ids of example libraries that run it.
    #[serde(default)]
    pub libraries: Vec<Id>,
    /// What it takes to run; compared with a profile's constraints.
    #[serde(default, skip_serializing_if = "Resources::is_empty")]
    pub needs: Resources,
    /// Where the facts come from (URLs).
    #[serde(default)]
    pub sources: Vec<String>,
}

/// A smart-citizen role (`ict-users`, …) or a library contribution area
/// (`developing-smart-citizens`, …): something a program can serve and a library can aim for.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Dimension {
    /// Stable id, kebab-case; unique across roles and areas, since goals name either.
    pub id: Id,
    /// Display name.
    pub name: String,
    /// What it means.
    #[serde(default)]
    pub summary: String,
    /// Where the facts come from (URLs).
    #[serde(default)]
    pub sources: Vec<String>,
}

/// A guide page of the toolbox: an organizational process (strategic planning, SWOT analysis, …)
/// or a marketing and outreach tool (social media, distribution lists, …).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Guide {
    /// Stable id, kebab-case.
    pub id: Id,
    /// Display name.
    pub name: String,
    /// What it is and when it helps.
    pub summary: String,
    /// Id of the guide of the same kind this one belongs under, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<Id>,
    /// Where the facts come from (URLs).
    #[serde(default)]
    pub sources: Vec<String>,
}

/// A real library whose practice illustrates one or more programs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExampleLibrary {
    /// Stable id, kebab-case.
    pub id: Id,
    /// The library's name.
    pub name: String,
    /// City and state or region.
    pub location: String,
    /// What it does that the toolbox points to.
    pub summary: String,
    /// Where the facts come from (URLs).
    #[serde(default)]
    pub sources: Vec<String>,
}

/// A coarse amount on a three-step scale, for budgets, staff and space.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Scale {
    /// Little.
    Low,
    /// Some.
    Medium,
    /// Much.
    High,
}

impl Scale {
    /// The lowercase name used in files (`low`, `medium`, `high`).
    pub fn as_str(self) -> &'static str {
        match self {
            Scale::Low => "low",
            Scale::Medium => "medium",
            Scale::High => "high",
        }
    }

    fn rank(self) -> u8 {
        self as u8
    }

    /// How many steps `self` exceeds `other` by (0 when it does not).
    pub fn shortfall(self, other: Scale) -> u8 {
        self.rank().saturating_sub(other.rank())
    }
}

impl fmt::Display for Scale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One kind of resource a program needs and a library has.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Resource {
    /// Money to start and run it.
    Budget,
    /// People and their skills.
    Staff,
    /// Room in the building.
    Space,
}

impl Resource {
    /// Every resource kind, in display order.
    pub const ALL: [Resource; 3] = [Resource::Budget, Resource::Staff, Resource::Space];

    /// The lowercase name used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Resource::Budget => "budget",
            Resource::Staff => "staff",
            Resource::Space => "space",
        }
    }
}

impl fmt::Display for Resource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Budget, staff and space: what a program needs, or what a library has to give.
/// A missing value means "not stated" and never penalises anything.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Resources {
    /// Money.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<Scale>,
    /// People.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub staff: Option<Scale>,
    /// Room.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub space: Option<Scale>,
}

impl Resources {
    /// The amount stated for one resource.
    pub fn get(&self, resource: Resource) -> Option<Scale> {
        match resource {
            Resource::Budget => self.budget,
            Resource::Staff => self.staff,
            Resource::Space => self.space,
        }
    }

    /// True when nothing is stated.
    pub fn is_empty(&self) -> bool {
        self.budget.is_none() && self.staff.is_none() && self.space.is_none()
    }
}

/// Where a library stands with one program.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Runs it now. The only status that counts for the level by default.
    Offered,
    /// Trying it out.
    Piloting,
    /// Intends to start it.
    Planned,
    /// Does not offer it.
    #[default]
    NotOffered,
    /// Nobody knows, as with survey data that observes only some programs.
    Unknown,
}

impl Status {
    /// Every status, in the order files and tables list them.
    pub const ALL: [Status; 5] =
        [Status::Offered, Status::Piloting, Status::Planned, Status::NotOffered, Status::Unknown];

    /// The words a table cell may hold for this status, lower case; matching ignores case and
    /// surrounding spaces. The first is the status's own name; `""` (an empty cell) is unknown.
    pub fn words(self) -> &'static [&'static str] {
        match self {
            Status::Offered => &["offered", "yes", "y", "true", "1", "1.0"],
            Status::Piloting => &["piloting", "pilot"],
            Status::Planned => &["planned"],
            Status::NotOffered => &["not-offered", "no", "n", "false", "0", "0.0"],
            Status::Unknown => &["unknown", "?", "na", "n/a", "nan", "null", ""],
        }
    }

    /// The kebab-case name used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Offered => "offered",
            Status::Piloting => "piloting",
            Status::Planned => "planned",
            Status::NotOffered => "not-offered",
            Status::Unknown => "unknown",
        }
    }
}

/// What a library would do to offer a program, by the program's status now.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Action {
    /// Not offered: start it.
    Start,
    /// Piloting: make it permanent.
    MakePermanent,
    /// Planned: carry out the plan.
    CarryOutPlan,
    /// Status unknown: check whether the library offers it.
    Verify,
    /// Offered already: nothing to do.
    Keep,
}

impl Action {
    /// The action for a program with this status.
    pub fn for_status(status: Status) -> Action {
        match status {
            Status::NotOffered => Action::Start,
            Status::Piloting => Action::MakePermanent,
            Status::Planned => Action::CarryOutPlan,
            Status::Unknown => Action::Verify,
            Status::Offered => Action::Keep,
        }
    }

    /// The kebab-case name used in files and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Start => "start",
            Action::MakePermanent => "make-permanent",
            Action::CarryOutPlan => "carry-out-plan",
            Action::Verify => "verify",
            Action::Keep => "keep",
        }
    }

    /// The step in words for a program called `name`: "make Advanced training permanent".
    pub fn step(self, name: &str) -> String {
        match self {
            Action::Start => format!("start {name}"),
            Action::MakePermanent => format!("make {name} permanent"),
            Action::CarryOutPlan => format!("carry out your plan for {name}"),
            Action::Verify => format!("check whether you offer {name}"),
            Action::Keep => format!("keep {name}"),
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn older_field_names_still_load() {
        let old = r#"{"id": "lab", "name": "Lab", "tier": "t", "summary": "s",
                      "examples": ["laptops"], "contributions": ["inclusion"]}"#;
        let program: Program = serde_json::from_str(old).expect("old names load");
        assert_eq!((&program.items, &program.areas), (&vec!["laptops".to_owned()], &vec![Id::from("inclusion")]));
        let written = serde_json::to_value(Program { items: vec!["x".into()], ..program }).expect("serializes");
        assert!(written.get("items").is_some() && written.get("examples").is_none());
    }
}
