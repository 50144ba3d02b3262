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
    /// The version of the catalog format the file is written in, `"MAJOR.MINOR"` (`"1.0"`).
    /// `None` is read as `"1.0"`, the format as it was before files said. The content crate
    /// checks it: a newer minor version's unknown fields are warnings, a newer major version is
    /// refused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(pattern(r"^[0-9]+\.[0-9]+$"))]
    pub schema_version: Option<String>,
    /// The catalog's name.
    pub name: String,
    /// The content version (for example a date or a semantic version).
    pub version: String,
    /// The headline when no tier is established yet.
    pub start_message: String,
    /// The advice when no tier is established yet: the catalog's own reading, since the
    /// toolbox does not describe that stage.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub start_advice: Vec<AdviceItem>,
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
    /// The headline once this is the highest tier the library has established.
    pub message: String,
    /// The advice at that stage, each item the toolbox's guidance in the catalog's words with
    /// its source, or the catalog's own reading.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub advice: Vec<AdviceItem>,
}

/// One piece of a catalog's advice for a stage: the toolbox's guidance, paraphrased, with the
/// URL it paraphrases; or, without a source, the catalog's own reading.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AdviceItem {
    /// The advice, in the catalog's words.
    pub text: String,
    /// The page it paraphrases; omit it for the catalog's own reading.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
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
    /// The programs this one leverages, each with why; the roadmap never schedules it before
    /// them.
    #[serde(default)]
    pub builds_on: Vec<Link>,
    /// Ids of the organizational processes that help to start it.
    #[serde(default)]
    pub processes: Vec<Id>,
    /// Ids of the marketing and outreach tools that help it reach residents.
    #[serde(default)]
    pub outreach: Vec<Id>,
    /// Ids of example libraries that run it.
    #[serde(default)]
    pub libraries: Vec<Id>,
    /// What it takes to run, each with why; compared with a profile's constraints.
    #[serde(default, skip_serializing_if = "Needs::is_empty")]
    pub needs: Needs,
    /// Where the facts come from (URLs).
    #[serde(default)]
    pub sources: Vec<String>,
}

/// A program another builds on: its id, why (a clause completing "builds on X, which you
/// offer: …"), and the source the link rests on (none: the catalog's own reading).
///
/// In files, a plain id is still read (`builds_on = ["wifi-access"]`), and so is a table:
/// `{ program = "wifi-access", why = "…", source = "https://…" }`.
#[derive(Clone, Debug, PartialEq)]
pub struct Link {
    /// The program built on.
    pub program: Id,
    /// Why, as a clause: "after-hours access keeps this network on past closing".
    pub why: Option<String>,
    /// The URL the link rests on; `None` when it is the catalog's own reading.
    pub source: Option<String>,
}

impl From<&str> for Link {
    fn from(program: &str) -> Link {
        Link { program: Id::from(program), why: None, source: None }
    }
}

impl From<Id> for Link {
    fn from(program: Id) -> Link {
        Link { program, why: None, source: None }
    }
}

/// A link written as a table: the program, why, and the source.
#[derive(Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct LinkTable {
    /// The program built on.
    program: Id,
    /// Why, as a clause completing "builds on X, which you offer: …".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    why: Option<String>,
    /// The URL the link rests on; omit it when the link is the catalog's own reading.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    source: Option<String>,
}

impl Serialize for Link {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.why.is_none() && self.source.is_none() {
            serializer.serialize_str(&self.program)
        } else {
            let table = LinkTable { program: self.program.clone(), why: self.why.clone(), source: self.source.clone() };
            table.serialize(serializer)
        }
    }
}

impl<'de> Deserialize<'de> for Link {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Link, D::Error> {
        deserializer
            .deserialize_any(PlainOrTable::<LinkTable>::visitor(
                "a program id, or a table with program, why and source",
            ))
            .map(|form| match form {
                PlainOrTable::Plain(program) => Link::from(program.as_str()),
                PlainOrTable::Table(table) => Link { program: table.program, why: table.why, source: table.source },
            })
    }
}

impl JsonSchema for Link {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Link".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let table = generator.subschema_for::<LinkTable>();
        schemars::json_schema!({
            "description": "A program this one builds on: its id, or a table with its id, why, and the source the link rests on.",
            "anyOf": [{ "type": "string", "description": "A program id." }, table]
        })
    }
}

/// What running a program takes in one resource: the amount, why, and the source (none: an
/// estimate by the catalog's authors).
///
/// In files, a plain amount is still read (`budget = "high"`), and so is a table:
/// `{ level = "high", why = "…", source = "https://…" }`.
#[derive(Clone, Debug, PartialEq)]
pub struct Need {
    /// How much.
    pub level: Scale,
    /// Why, as a clause: "3D printers and laser cutters cost thousands of dollars".
    pub why: Option<String>,
    /// The URL the amount rests on; `None` for an estimate.
    pub source: Option<String>,
}

/// A need written as a table: the amount, why, and the source.
#[derive(Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct NeedTable {
    /// How much: low, medium or high.
    level: Scale,
    /// Why, as a clause.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    why: Option<String>,
    /// The URL the amount rests on; omit it for an estimate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    source: Option<String>,
}

impl Serialize for Need {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.why.is_none() && self.source.is_none() {
            self.level.serialize(serializer)
        } else {
            NeedTable { level: self.level, why: self.why.clone(), source: self.source.clone() }.serialize(serializer)
        }
    }
}

impl<'de> Deserialize<'de> for Need {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Need, D::Error> {
        let form = deserializer.deserialize_any(PlainOrTable::<NeedTable>::visitor(
            "low, medium or high, or a table with level, why and source",
        ))?;
        match form {
            PlainOrTable::Plain(text) => {
                let level = Scale::deserialize(serde::de::value::StrDeserializer::<D::Error>::new(&text))?;
                Ok(Need { level, why: None, source: None })
            }
            PlainOrTable::Table(table) => Ok(Need { level: table.level, why: table.why, source: table.source }),
        }
    }
}

impl JsonSchema for Need {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Need".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let level = generator.subschema_for::<Scale>();
        let table = generator.subschema_for::<NeedTable>();
        schemars::json_schema!({
            "description": "What running the program takes in one resource: an amount, or a table with the amount, why, and its source.",
            "anyOf": [level, table]
        })
    }
}

/// A plain value (a string) or a table, read with the table's own field checks.
enum PlainOrTable<T> {
    Plain(String),
    Table(T),
}

impl<T> PlainOrTable<T> {
    /// A visitor for either form; `expecting` names them in messages.
    fn visitor(expecting: &'static str) -> PlainOrTableVisitor<T> {
        PlainOrTableVisitor { expecting, table: std::marker::PhantomData }
    }
}

struct PlainOrTableVisitor<T> {
    expecting: &'static str,
    table: std::marker::PhantomData<T>,
}

impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for PlainOrTableVisitor<T> {
    type Value = PlainOrTable<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.expecting)
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Self::Value, E> {
        Ok(PlainOrTable::Plain(text.to_owned()))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        T::deserialize(serde::de::value::MapAccessDeserializer::new(map)).map(PlainOrTable::Table)
    }
}

/// Budget, staff and space a program takes, each with why and source. A missing value means
/// "not stated" and never penalises anything.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Needs {
    /// Money.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<Need>,
    /// People.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub staff: Option<Need>,
    /// Room.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub space: Option<Need>,
}

impl Needs {
    /// What is stated for one resource.
    pub fn get(&self, resource: Resource) -> Option<&Need> {
        match resource {
            Resource::Budget => self.budget.as_ref(),
            Resource::Staff => self.staff.as_ref(),
            Resource::Space => self.space.as_ref(),
        }
    }

    /// The amounts alone.
    pub fn levels(&self) -> Resources {
        Resources {
            budget: self.budget.as_ref().map(|need| need.level),
            staff: self.staff.as_ref().map(|need| need.level),
            space: self.space.as_ref().map(|need| need.level),
        }
    }

    /// True when nothing is stated.
    pub fn is_empty(&self) -> bool {
        self.budget.is_none() && self.staff.is_none() && self.space.is_none()
    }
}

impl From<Resources> for Needs {
    fn from(levels: Resources) -> Needs {
        let need = |level: Option<Scale>| level.map(|level| Need { level, why: None, source: None });
        Needs { budget: need(levels.budget), staff: need(levels.staff), space: need(levels.space) }
    }
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
    /// Every action, in the order of [`Status::ALL`]'s statuses.
    pub const ALL: [Action; 5] =
        [Action::Keep, Action::MakePermanent, Action::CarryOutPlan, Action::Start, Action::Verify];

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

    /// The action named by [`Action::as_str`] (`"verify"`), if it is one.
    pub fn from_name(name: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|action| action.as_str() == name)
    }

    /// The action in a few words, with the status it comes from, as reports label a
    /// recommendation: "verify first: status unknown". Every front end shows these words.
    pub fn label(self) -> &'static str {
        match self {
            Action::Start => "start: not offered yet",
            Action::MakePermanent => "make permanent: piloting now",
            Action::CarryOutPlan => "carry out your plan: already planned",
            Action::Verify => "verify first: status unknown",
            Action::Keep => "keep: offered already",
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

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
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

    #[test]
    fn each_status_has_its_action() {
        let pairs: Vec<(Status, &str)> = Status::ALL.iter().map(|&s| (s, Action::for_status(s).as_str())).collect();
        assert_eq!(
            pairs,
            [
                (Status::Offered, "keep"),
                (Status::Piloting, "make-permanent"),
                (Status::Planned, "carry-out-plan"),
                (Status::NotOffered, "start"),
                (Status::Unknown, "verify"),
            ]
        );
        for (status, action) in Status::ALL.into_iter().zip(Action::ALL) {
            assert_eq!(Action::for_status(status), action, "ALL follows Status::ALL");
            assert_eq!(Action::from_name(action.as_str()), Some(action));
            assert_eq!(serde_json::to_value(action).expect("serializes"), action.as_str());
        }
        assert_eq!(Action::from_name("check"), None);
        assert_eq!(Action::Verify.label(), "verify first: status unknown");
    }
}
