//! The toolbox's vocabulary as plain data: tiers, programs, roles, areas, guides, example libraries.
//!
//! These types are what catalog files deserialize into. They hold ids, not references, so they
//! stay plain owned data that crosses FFI and serde boundaries unchanged; [`crate::Catalog`]
//! checks every id when it is built.

use std::fmt;
use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A stable, kebab-case identifier (`wifi-access`). Shared, so cloning one is a reference count.
pub type Id = Arc<str>;

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
    /// Example items or formats (hotspots, laptops, 3D printers, …).
    #[serde(default)]
    pub examples: Vec<String>,
    /// Ids of the smart-citizen roles the program develops.
    #[serde(default)]
    pub roles: Vec<Id>,
    /// Ids of the library contribution areas the program serves.
    #[serde(default)]
    pub contributions: Vec<Id>,
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
