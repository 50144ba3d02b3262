//! The Python-side value classes: catalog entries, and answers that copy the core's views
//! (`smartlib::view`) field for field, with `to_dict()` / `to_json()` (the CLI's JSON),
//! readable `repr`s and notebook HTML. No answer is worked out here.
//!
//! Every class is immutable and its state is its serde JSON form (the views' fields, or the
//! engine's answer for the lazy ones): pickling carries that text, and `==` and `hash()`
//! compare it.

use std::hash::{Hash, Hasher};
use std::sync::OnceLock;

use pyo3::PyClass;
use pyo3::prelude::*;
use pyo3::pyclass::boolean_struct::True;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use smartlib::view;

/// `json.loads(text)`: answers become plain dicts through their JSON form.
fn json_to_python<'py>(py: Python<'py>, value: &impl Serialize) -> PyResult<Bound<'py, PyAny>> {
    let text = serde_json::to_string(value).map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))?;
    py.import("json")?.call_method1("loads", (text,))
}

fn to_json(value: &impl Serialize, indent: Option<usize>) -> PyResult<String> {
    let result = match indent {
        None => serde_json::to_string(value),
        Some(_) => serde_json::to_string_pretty(value),
    };
    result.map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))
}

/// What a class is equal, hashed and pickled by: its JSON form (for answers built lazily, the
/// catalog's fingerprint and the engine's answer).
pub(crate) trait Content {
    fn content(&self) -> String;
}

/// Equality and hashing by [`Content`], for `#[pyclass(eq, hash)]`: equal text, equal objects,
/// equal hashes.
macro_rules! by_content {
    ($($class:ty),* $(,)?) => {$(
        impl PartialEq for $class {
            fn eq(&self, other: &Self) -> bool {
                self.content() == other.content()
            }
        }

        impl Eq for $class {}

        impl Hash for $class {
            fn hash<H: Hasher>(&self, hasher: &mut H) {
                self.content().hash(hasher);
            }
        }
    )*};
}

/// Classes whose whole state is their serde JSON form.
macro_rules! json_content {
    ($($class:ty),* $(,)?) => {$(
        impl Content for $class {
            fn content(&self) -> String {
                // Plain strings, numbers and lists: serializing them cannot fail.
                serde_json::to_string(self).unwrap_or_default()
            }
        }
        by_content!($class);
    )*};
}

/// `__reduce__` for a class rebuilt from its JSON alone: `(cls._from_json, (text,))`.
fn reduce<'py, T>(slf: &Bound<'py, T>) -> PyResult<(Bound<'py, PyAny>, (String,))>
where
    T: PyClass<Frozen = True> + Content + Sync,
{
    Ok((slf.as_any().get_type().getattr("_from_json")?, (slf.get().content(),)))
}

/// The other half of [`reduce`]: a value from the JSON that pickling carried.
fn from_json<T: DeserializeOwned>(text: &str, class: &str) -> PyResult<T> {
    serde_json::from_str(text)
        .map_err(|e| pyo3::exceptions::PyValueError::new_err(format!("cannot rebuild a {class} from its JSON: {e}")))
}

json_content!(
    Program,
    Tier,
    Dimension,
    Guide,
    ExampleLibrary,
    TierStatus,
    Coverage,
    Advice,
    Reason,
    Recommendation,
    Phase,
    TierChange
);

pub(crate) fn strings(ids: &[smartlib::Id]) -> Vec<String> {
    ids.iter().map(ToString::to_string).collect()
}

/// A Python string literal, for reprs: `'wifi-access'`.
pub(crate) fn py_str(text: &str) -> String {
    format!("'{}'", text.replace('\\', "\\\\").replace('\'', "\\'"))
}

/// An optional string as Python shows it: `'x'` or `None`.
pub(crate) fn py_opt(text: Option<&str>) -> String {
    text.map_or_else(|| "None".to_owned(), py_str)
}

/// A list of strings as Python shows it: `['a', 'b']`.
pub(crate) fn py_list(items: impl IntoIterator<Item = impl AsRef<str>>) -> String {
    let items: Vec<String> = items.into_iter().map(|item| py_str(item.as_ref())).collect();
    format!("[{}]", items.join(", "))
}

/// A bool as Python shows it.
fn py_bool(flag: bool) -> &'static str {
    if flag { "True" } else { "False" }
}

/// Minimal HTML escaping for notebook tables.
pub(crate) fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// A program or service of the catalog.
#[pyclass(frozen, get_all, eq, hash, module = "smartlib")]
#[derive(Clone, Serialize, Deserialize)]
pub(crate) struct Program {
    /// The program's id (kebab-case, such as `"wifi-access"`), as profiles and tables use it.
    id: String,
    /// Its display name.
    name: String,
    /// The id of the tier it belongs to (one of `Catalog.tiers`).
    tier: String,
    /// What it is and why it matters.
    summary: String,
    /// The concrete services it covers, as the toolbox lists them.
    items: Vec<String>,
    /// The smart-citizen roles it develops (ids of `Catalog.roles`).
    roles: Vec<String>,
    /// The contribution areas it serves (ids of `Catalog.areas`).
    areas: Vec<String>,
    /// The programs it builds on (program ids); empty when it stands alone.
    builds_on: Vec<String>,
    /// Organizational processes that help to start it (ids of `Catalog.processes`).
    processes: Vec<String>,
    /// Marketing and outreach tools that help it reach residents (ids of `Catalog.outreach`).
    outreach: Vec<String>,
    /// Example libraries that run it (ids of `Catalog.examples`).
    libraries: Vec<String>,
    /// What it needs, by resource: keys `budget`, `staff`, `space`, values `low`, `medium`
    /// or `high`; a resource it makes no claim on is left out.
    needs: std::collections::BTreeMap<String, String>,
    /// Where the catalog took it from (page titles or addresses).
    sources: Vec<String>,
}

impl From<&smartlib::Program> for Program {
    fn from(p: &smartlib::Program) -> Program {
        let needs = smartlib::Resource::ALL
            .into_iter()
            .filter_map(|r| p.needs.get(r).map(|need| (r.as_str().to_owned(), need.level.as_str().to_owned())))
            .collect();
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
            needs,
            sources: p.sources.clone(),
        }
    }
}

#[pymethods]
impl Program {
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        reduce(slf)
    }

    /// Rebuilds a pickled program.
    #[staticmethod]
    fn _from_json(text: &str) -> PyResult<Self> {
        from_json(text, "Program")
    }

    fn __repr__(&self) -> String {
        format!("Program(id={}, name={}, tier={})", py_str(&self.id), py_str(&self.name), py_str(&self.tier))
    }
}

/// A tier, first to last.
#[pyclass(frozen, get_all, eq, hash, module = "smartlib")]
#[derive(Clone, Serialize, Deserialize)]
pub(crate) struct Tier {
    /// The tier's id, such as `"getting-started"`.
    id: String,
    /// Its display name.
    name: String,
    /// What the tier is about.
    summary: String,
    /// The headline an assessment gives a library that has reached this tier.
    message: String,
}

impl From<&smartlib::Tier> for Tier {
    fn from(t: &smartlib::Tier) -> Tier {
        Tier { id: t.id.to_string(), name: t.name.clone(), summary: t.summary.clone(), message: t.message.clone() }
    }
}

#[pymethods]
impl Tier {
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        reduce(slf)
    }

    /// Rebuilds a pickled tier.
    #[staticmethod]
    fn _from_json(text: &str) -> PyResult<Self> {
        from_json(text, "Tier")
    }

    fn __repr__(&self) -> String {
        format!("Tier(id={}, name={})", py_str(&self.id), py_str(&self.name))
    }
}

/// A smart-citizen role or a library contribution area.
#[pyclass(frozen, get_all, eq, hash, module = "smartlib")]
#[derive(Clone, Serialize, Deserialize)]
pub(crate) struct Dimension {
    /// The role's or area's id, such as `"co-creators"`: what `goals` takes.
    id: String,
    /// Its display name.
    name: String,
    /// What it means.
    summary: String,
}

impl From<&smartlib::Dimension> for Dimension {
    fn from(d: &smartlib::Dimension) -> Dimension {
        Dimension { id: d.id.to_string(), name: d.name.clone(), summary: d.summary.clone() }
    }
}

#[pymethods]
impl Dimension {
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        reduce(slf)
    }

    /// Rebuilds a pickled role or area.
    #[staticmethod]
    fn _from_json(text: &str) -> PyResult<Self> {
        from_json(text, "Dimension")
    }

    fn __repr__(&self) -> String {
        format!("Dimension(id={}, name={})", py_str(&self.id), py_str(&self.name))
    }
}

/// An organizational process or a marketing and outreach tool.
#[pyclass(frozen, get_all, eq, hash, module = "smartlib")]
#[derive(Clone, Serialize, Deserialize)]
pub(crate) struct Guide {
    /// The process's or tool's id, such as `"swot-analysis"`.
    id: String,
    /// Its display name.
    name: String,
    /// What it is and how it helps.
    summary: String,
    /// The id of the process or tool it is part of, or `None` for a top-level one.
    parent: Option<String>,
    /// Where the catalog took it from.
    sources: Vec<String>,
}

impl From<&smartlib::Guide> for Guide {
    fn from(g: &smartlib::Guide) -> Guide {
        Guide {
            id: g.id.to_string(),
            name: g.name.clone(),
            summary: g.summary.clone(),
            parent: g.parent.as_ref().map(ToString::to_string),
            sources: g.sources.clone(),
        }
    }
}

#[pymethods]
impl Guide {
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        reduce(slf)
    }

    /// Rebuilds a pickled process or outreach tool.
    #[staticmethod]
    fn _from_json(text: &str) -> PyResult<Self> {
        from_json(text, "Guide")
    }

    fn __repr__(&self) -> String {
        format!("Guide(id={}, name={})", py_str(&self.id), py_str(&self.name))
    }
}

/// A real library whose practice illustrates programs.
#[pyclass(frozen, get_all, eq, hash, module = "smartlib")]
#[derive(Clone, Serialize, Deserialize)]
pub(crate) struct ExampleLibrary {
    /// The library's id, such as `"chattanooga-public-library"`.
    id: String,
    /// Its name.
    name: String,
    /// Where it is: city and state or country.
    location: String,
    /// What it does that the toolbox points to.
    summary: String,
    /// Where the catalog took it from.
    sources: Vec<String>,
}

impl From<&smartlib::ExampleLibrary> for ExampleLibrary {
    fn from(l: &smartlib::ExampleLibrary) -> ExampleLibrary {
        ExampleLibrary {
            id: l.id.to_string(),
            name: l.name.clone(),
            location: l.location.clone(),
            summary: l.summary.clone(),
            sources: l.sources.clone(),
        }
    }
}

#[pymethods]
impl ExampleLibrary {
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        reduce(slf)
    }

    /// Rebuilds a pickled example library.
    #[staticmethod]
    fn _from_json(text: &str) -> PyResult<Self> {
        from_json(text, "ExampleLibrary")
    }

    fn __repr__(&self) -> String {
        format!("ExampleLibrary(id={}, name={})", py_str(&self.id), py_str(&self.name))
    }
}

/// One tier's standing in an assessment.
#[pyclass(frozen, get_all, eq, hash, module = "smartlib")]
#[derive(Clone, Serialize, Deserialize)]
pub(crate) struct TierStatus {
    /// The tier's id.
    id: String,
    /// Its display name.
    name: String,
    /// Programs of the tier that count as offered (piloted ones too when the policy's
    /// `count_piloting` is on).
    offered: usize,
    /// Programs in the tier.
    total: usize,
    /// `offered / total`, from 0.0 to 1.0.
    share: f64,
    /// Programs that must count as offered to establish the tier (the policy's
    /// `established_share` of `total`, rounded up).
    needed: usize,
    /// Whether `offered >= needed`.
    established: bool,
    /// Programs of the tier the library is piloting.
    piloting: usize,
    /// Programs of the tier the library plans.
    planned: usize,
    /// Programs of the tier whose status is unknown (a missing value or column).
    unknown: usize,
}

impl From<view::TierStatusView> for TierStatus {
    fn from(v: view::TierStatusView) -> TierStatus {
        TierStatus {
            id: v.id,
            name: v.name,
            offered: v.offered,
            total: v.total,
            share: v.share,
            needed: v.needed,
            established: v.established,
            piloting: v.piloting,
            planned: v.planned,
            unknown: v.unknown,
        }
    }
}

#[pymethods]
impl TierStatus {
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        reduce(slf)
    }

    /// Rebuilds a pickled tier status.
    #[staticmethod]
    fn _from_json(text: &str) -> PyResult<Self> {
        from_json(text, "TierStatus")
    }

    fn __repr__(&self) -> String {
        format!(
            "TierStatus(id={}, offered={}, total={}, established={})",
            py_str(&self.id),
            self.offered,
            self.total,
            py_bool(self.established)
        )
    }
}

/// The offered programs that serve one smart-citizen role or contribution area.
#[pyclass(frozen, get_all, eq, hash, module = "smartlib")]
#[derive(Clone, Serialize, Deserialize)]
pub(crate) struct Coverage {
    /// The role's or area's id.
    id: String,
    /// Its display name.
    name: String,
    /// The offered programs serving it (ids, in catalog order); empty when none does.
    programs: Vec<String>,
    /// Their display names, in the same order.
    program_names: Vec<String>,
}

impl From<view::CoverageView> for Coverage {
    fn from(v: view::CoverageView) -> Coverage {
        Coverage { id: v.id, name: v.name, programs: v.programs, program_names: v.program_names }
    }
}

#[pymethods]
impl Coverage {
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        reduce(slf)
    }

    /// Rebuilds a pickled coverage.
    #[staticmethod]
    fn _from_json(text: &str) -> PyResult<Self> {
        from_json(text, "Coverage")
    }

    fn __repr__(&self) -> String {
        format!("Coverage(id={}, programs={})", py_str(&self.id), py_list(&self.programs))
    }
}

/// One piece of advice: `kind` (`fact`, `reading` or `toolbox`), `text`, the `source` it
/// paraphrases (toolbox advice), and whether it is `provisional`.
#[pyclass(frozen, get_all, eq, hash, module = "smartlib")]
#[derive(Clone, Serialize, Deserialize)]
pub(crate) struct Advice {
    /// What it rests on: `fact` (worked out from the profile), `reading` (smartlib's or the
    /// catalog's own reading of the rule) or `toolbox` (the toolbox's guidance, paraphrased).
    kind: String,
    /// The advice in words.
    text: String,
    /// The page it paraphrases (`toolbox` advice), otherwise `None`.
    source: Option<String>,
    /// True when it is the advice for the lower end of a level range that unknown programs
    /// widen: it depends on the answers the first piece of advice asks for.
    provisional: bool,
}

impl From<view::AdviceView> for Advice {
    fn from(v: view::AdviceView) -> Advice {
        Advice { kind: v.kind, text: v.text, source: v.source, provisional: v.provisional }
    }
}

#[pymethods]
impl Advice {
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        reduce(slf)
    }

    /// Rebuilds a pickled piece of advice.
    #[staticmethod]
    fn _from_json(text: &str) -> PyResult<Self> {
        from_json(text, "Advice")
    }

    fn __repr__(&self) -> String {
        format!("Advice(kind={}, text={})", py_str(&self.kind), py_str(&self.text))
    }

    fn __str__(&self) -> String {
        self.text.clone()
    }
}

/// Why a program ranks where it does: `kind`, the `points` it added, a sentence (`text`) and
/// its details (`ids` and their `names`, `phases`, `tier` and its `tier_name`, `tiers_ahead`, `resource`, `needs`, `has`,
/// `status`; `None` or empty where the kind does not use them).
#[pyclass(frozen, get_all, eq, hash, module = "smartlib")]
#[derive(Clone, Serialize, Deserialize)]
pub(crate) struct Reason {
    /// The ranking principle: `next-tier`, `lower-tier-gap`, `higher-tier`, `builds-on`,
    /// `builds-on-earlier-phases` (roadmaps), `missing-prerequisites`, `builds-on-unknown`
    /// (always 0 points: a prerequisite of unknown status is neither leverage nor a gap),
    /// `goals`, `role-gap`, `constraint`, `in-progress` or `status-unknown`.
    kind: String,
    /// Points it added to the score (negative: taken off); the policy's `weights` set them.
    points: f64,
    /// The reason in words, with display names.
    text: String,
    /// The ids it rests on: programs built on, missing or of unknown status, goals served,
    /// roles filled.
    ids: Vec<String>,
    /// Their display names, in the same order.
    names: Vec<String>,
    /// In a roadmap, the phase that starts each of `ids` (`builds-on-earlier-phases`).
    phases: Vec<usize>,
    /// The tier it concerns (tier reasons), otherwise `None`.
    tier: Option<String>,
    /// Its display name (tier reasons), otherwise `None`.
    tier_name: Option<String>,
    /// How many tiers beyond the one to build next (`higher-tier`), otherwise `None`.
    tiers_ahead: Option<usize>,
    /// `budget`, `staff` or `space` (`constraint`), otherwise `None`.
    resource: Option<String>,
    /// What the program needs of that resource: `low`, `medium` or `high` (`constraint`).
    needs: Option<String>,
    /// What the library has of it: `low`, `medium` or `high` (`constraint`).
    has: Option<String>,
    /// The program's status: `piloting` or `planned` (`in-progress`), `unknown`
    /// (`status-unknown`), otherwise `None`.
    status: Option<String>,
}

impl From<view::ReasonView> for Reason {
    fn from(v: view::ReasonView) -> Reason {
        Reason {
            kind: v.kind,
            points: v.points,
            text: v.text,
            ids: v.ids,
            names: v.names,
            phases: v.phases,
            tier: v.tier,
            tier_name: v.tier_name,
            tiers_ahead: v.tiers_ahead,
            resource: v.resource,
            needs: v.needs,
            has: v.has,
            status: v.status,
        }
    }
}

#[pymethods]
impl Reason {
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        reduce(slf)
    }

    /// Rebuilds a pickled reason.
    #[staticmethod]
    fn _from_json(text: &str) -> PyResult<Self> {
        from_json(text, "Reason")
    }

    fn __repr__(&self) -> String {
        format!("Reason(kind={}, points={:?}, text={})", py_str(&self.kind), self.points, py_str(&self.text))
    }

    fn __str__(&self) -> String {
        self.text.clone()
    }
}

/// A program the library does not offer yet, with its score and reasons.
#[pyclass(frozen, eq, hash, module = "smartlib")]
#[derive(Clone, Serialize, Deserialize)]
pub(crate) struct Recommendation {
    /// The program's id.
    #[pyo3(get)]
    program: String,
    /// Its display name.
    #[pyo3(get)]
    name: String,
    /// What it is and why it matters, from the catalog.
    #[pyo3(get)]
    summary: String,
    /// Its tier's id.
    #[pyo3(get)]
    tier: String,
    /// The tier's display name.
    #[pyo3(get)]
    tier_name: String,
    /// What to do: `start`, `make-permanent` (piloting), `carry-out-plan` (planned) or
    /// `verify` (status unknown).
    #[pyo3(get)]
    action: String,
    /// The sum of the reasons' points: higher ranks first.
    #[pyo3(get)]
    score: f64,
    /// Why, one reason per ranking principle that applied.
    #[pyo3(get)]
    reasons: Vec<Reason>,
    /// Organizational processes that help to start it (ids).
    #[pyo3(get)]
    processes: Vec<String>,
    /// Their display names, in the same order.
    #[pyo3(get)]
    process_names: Vec<String>,
    /// Marketing and outreach tools that help it reach residents (ids).
    #[pyo3(get)]
    outreach: Vec<String>,
    /// Their display names, in the same order.
    #[pyo3(get)]
    outreach_names: Vec<String>,
    /// Example libraries that run it (ids).
    #[pyo3(get)]
    examples: Vec<String>,
    /// Their names with their places: "Chicago Public Library (Chicago, Illinois)".
    #[pyo3(get)]
    example_names: Vec<String>,
    raw: smartlib::Recommendation,
}

impl Recommendation {
    pub(crate) fn new(catalog: &smartlib::Catalog, raw: &smartlib::Recommendation) -> Recommendation {
        Recommendation::of(raw, catalog.view_recommendation(raw))
    }

    /// From a recommendation and its view, when the view was built already.
    fn of(raw: &smartlib::Recommendation, v: view::RecommendationView) -> Recommendation {
        Recommendation {
            program: v.program,
            name: v.name,
            summary: v.summary,
            tier: v.tier,
            tier_name: v.tier_name,
            action: v.action,
            score: v.score,
            reasons: v.reasons.into_iter().map(Reason::from).collect(),
            processes: v.processes,
            process_names: v.process_names,
            outreach: v.outreach,
            outreach_names: v.outreach_names,
            examples: v.examples,
            example_names: v.example_names,
            raw: raw.clone(),
        }
    }
}

#[pymethods]
impl Recommendation {
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        reduce(slf)
    }

    /// Rebuilds a pickled recommendation.
    #[staticmethod]
    fn _from_json(text: &str) -> PyResult<Self> {
        from_json(text, "Recommendation")
    }

    /// The recommendation as plain data, as in the CLI's `--format json`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_to_python(py, &self.raw)
    }

    /// The recommendation as JSON text (indented when `indent` is given).
    #[pyo3(signature = (indent=None))]
    fn to_json(&self, indent: Option<usize>) -> PyResult<String> {
        to_json(&self.raw, indent)
    }

    fn __repr__(&self) -> String {
        format!(
            "Recommendation(program={}, tier={}, score={:?})",
            py_str(&self.program),
            py_str(&self.tier),
            self.score
        )
    }
}

/// Declares an answer class whose attributes are built from the core's view on first access:
/// making an answer costs only the engine's work (a batch of 20,000 `assess` calls does not
/// build 20,000 views nobody reads), and the first attribute read builds them all once.
///
/// Its state is the engine's answer and the catalog: it pickles as the catalog (see
/// `Catalog.__reduce__`) and the answer's JSON, and compares by the catalog's fingerprint and
/// that JSON.
macro_rules! lazy_answer {
    (
        $(#[$doc:meta])*
        $class:ident($raw:ty) with $fields:ident, built by $build:path;
        { $($(#[$field_doc:meta])* $field:ident: $ty:ty),* $(,)? }
        methods { $($methods:tt)* }
    ) => {
        /// The attributes of the class of the same name without this suffix.
        struct $fields {
            $($field: $ty,)*
        }

        $(#[$doc])*
        #[pyclass(frozen, eq, hash, module = "smartlib")]
        pub(crate) struct $class {
            raw: $raw,
            catalog: smartlib::Catalog,
            fields: OnceLock<$fields>,
        }

        impl $class {
            pub(crate) fn new(catalog: &smartlib::Catalog, raw: $raw) -> $class {
                $class { raw, catalog: catalog.clone(), fields: OnceLock::new() }
            }

            fn fields(&self) -> &$fields {
                self.fields.get_or_init(|| $build(&self.catalog, &self.raw))
            }
        }

        impl Content for $class {
            fn content(&self) -> String {
                let raw = serde_json::to_string(&self.raw).unwrap_or_default();
                format!("{} {raw}", self.catalog.content().fingerprint)
            }
        }

        by_content!($class);

        #[pymethods]
        impl $class {
            $(
                $(#[$field_doc])*
                #[getter]
                fn $field(&self) -> $ty {
                    self.fields().$field.clone()
                }
            )*

            fn __reduce__<'py>(
                slf: &Bound<'py, Self>,
            ) -> PyResult<(Bound<'py, PyAny>, (Py<crate::catalog::Catalog>, String))> {
                let py = slf.py();
                let this = slf.get();
                let catalog = crate::catalog::Catalog::shared(py, &this.catalog)?;
                let raw = to_json(&this.raw, None)?;
                Ok((slf.get_type().getattr("_from_json")?, (catalog, raw)))
            }

            /// Rebuilds a pickled answer: the engine's answer as JSON, with its catalog.
            #[staticmethod]
            fn _from_json(catalog: &Bound<'_, crate::catalog::Catalog>, text: &str) -> PyResult<Self> {
                Ok($class::new(&catalog.get().inner, from_json(text, stringify!($class))?))
            }

            /// The answer as plain data: the CLI's `--format json`.
            fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                json_to_python(py, &self.raw)
            }

            /// The answer as JSON text (indented when `indent` is given).
            #[pyo3(signature = (indent=None))]
            fn to_json(&self, indent: Option<usize>) -> PyResult<String> {
                to_json(&self.raw, indent)
            }

            $($methods)*
        }
    };
}

lazy_answer! {
    /// Where a library stands: level, tiers, roles, the shortest way up, advice, recommendations.
    Assessment(smartlib::Assessment) with AssessmentFields, built by assessment_fields;
    {
        /// The library's name, when the profile gave one (`name=`), otherwise `None`.
        profile: Option<String>,
        /// The level in a few words, for a title: "Level 1 of 3: Getting started", or, when
        /// unknown programs widen the range, "Level 0–3 of 3: 13 programs are unknown".
        headline: String,
        /// How many tiers, from the first, the library has established, from 0 to the number of
        /// tiers, with unknown programs read as not offered: what it has shown. Always equal
        /// to `level_min`; `level_max` is how high it could be once the unknowns are known.
        level: usize,
        /// The level with every unknown program read as not offered: the same as `level`.
        level_min: usize,
        /// The level with every unknown program read as offered: at least `level`. Equal to
        /// `level` when nothing is unknown; a program without a column or with a missing value
        /// is unknown, so missing data can give `level_max` up to the number of tiers.
        level_max: usize,
        /// Why the level is not higher when a tier above it is established by itself, otherwise
        /// `None`.
        level_note: Option<String>,
        /// The id of the tier the level stands on (the `level`-th), or `None` at level 0.
        reached: Option<String>,
        /// Its display name, or `None` at level 0.
        reached_name: Option<String>,
        /// Each tier's standing, first to last.
        tiers: Vec<TierStatus>,
        /// For each smart-citizen role, the offered programs that develop it.
        roles: Vec<Coverage>,
        /// For each contribution area, the offered programs that serve it.
        areas: Vec<Coverage>,
        /// The fewest programs that raise the level by one (ids): those of unknown status
        /// first, each group best first; empty at the top.
        to_next_level: Vec<String>,
        /// Their display names, in the same order.
        to_next_level_names: Vec<String>,
        /// What to do with each of them: `start`, `make-permanent` (piloting), `carry-out-plan`
        /// (planned) or `verify` (unknown).
        to_next_level_actions: Vec<String>,
        /// Each step in words: "make Advanced training permanent", "start Wi-Fi access".
        to_next_level_steps: Vec<String>,
        /// When unknown programs widen the level range: the fewest of them that, confirmed as
        /// offered, raise `level_min` (ids, best first); empty when the level is settled. The
        /// first piece of `advice` asks to confirm them.
        to_confirm: Vec<String>,
        /// Their display names, in the same order.
        to_confirm_names: Vec<String>,
        /// `"offered"` or `"not-offered"` when `assess` was given `assume_unknown`: every
        /// unknown program was read that way, to show one end of the level range; otherwise
        /// `None`.
        assumed_unknown: Option<String>,
        /// The programs whose status was unknown and was so read (ids); empty otherwise.
        assumed: Vec<String>,
        /// The best next programs, best first: the policy's `recommendations` of them (5 by
        /// default), or `top` when `assess` was given it.
        recommendations: Vec<Recommendation>,
        /// A stable key for the headline: `not-started`, or the id of the tier reached.
        message_key: String,
        /// The headline for this level, from the catalog.
        message: String,
        /// What the assessment says in words, each piece with what it rests on.
        advice: Vec<Advice>,
        /// The name of the catalog that gave the answer.
        content_name: String,
        /// Its version.
        content_version: String,
        /// Its fingerprint (`Catalog.fingerprint`): a hash of its whole data, policy included.
        content_fingerprint: String,
    }
    methods {
        fn __repr__(&self) -> String {
            let top: Vec<&str> = self.raw.recommendations.iter().map(|r| r.program.as_ref()).collect();
            format!(
                "Assessment(level={}, reached={}, recommendations={})",
                self.raw.level,
                py_opt(self.raw.reached.as_deref()),
                py_list(top)
            )
        }

    fn _repr_html_(&self) -> String {
        let f = self.fields();
        let mut html = String::from("<div class=\"smartlib-assessment\">");
        let title = f.profile.as_deref().unwrap_or("Assessment");
        html.push_str(&format!("<p><strong>{}</strong>: {}", escape(title), escape(&f.headline)));
        html.push_str(
            "</p><table><thead><tr><th>Tier</th><th>Offered</th><th>Needed</th><th></th></tr></thead><tbody>",
        );
        for tier in &f.tiers {
            html.push_str(&format!(
                "<tr><td>{}</td><td>{} of {}</td><td>{}</td><td>{}</td></tr>",
                escape(&tier.name),
                tier.offered,
                tier.total,
                tier.needed,
                if tier.established { "established" } else { "" }
            ));
        }
        html.push_str("</tbody></table><p>");
        html.push_str(&escape(&f.message));
        html.push_str(
            "</p><table><thead><tr><th>#</th><th>Next program</th><th>Score</th><th>Why</th></tr></thead><tbody>",
        );
        for (rank, recommendation) in f.recommendations.iter().enumerate() {
            let why: Vec<String> = recommendation.reasons.iter().map(|r| escape(&r.text)).collect();
            html.push_str(&format!(
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                rank + 1,
                escape(&recommendation.name),
                recommendation.score,
                why.join("; ")
            ));
        }
        html.push_str("</tbody></table></div>");
        html
    }    }
}

fn assessment_fields(catalog: &smartlib::Catalog, raw: &smartlib::Assessment) -> AssessmentFields {
    let v = catalog.view_assessment(raw);
    AssessmentFields {
        profile: v.profile,
        headline: v.headline,
        level: v.level,
        level_min: v.level_min,
        level_max: v.level_max,
        level_note: v.level_note,
        reached: v.reached,
        reached_name: v.reached_name,
        tiers: v.tiers.into_iter().map(TierStatus::from).collect(),
        roles: v.roles.into_iter().map(Coverage::from).collect(),
        areas: v.areas.into_iter().map(Coverage::from).collect(),
        to_next_level: v.to_next_level,
        to_next_level_names: v.to_next_level_names,
        to_next_level_actions: v.to_next_level_actions,
        to_next_level_steps: v.to_next_level_steps,
        to_confirm: v.to_confirm,
        to_confirm_names: v.to_confirm_names,
        assumed_unknown: v.assumed_unknown,
        assumed: v.assumed,
        recommendations: raw
            .recommendations
            .iter()
            .zip(v.recommendations)
            .map(|(r, v)| Recommendation::of(r, v))
            .collect(),
        message_key: v.message_key,
        message: v.message,
        advice: v.advice.into_iter().map(Advice::from).collect(),
        content_name: v.content_name,
        content_version: v.content_version,
        content_fingerprint: v.content_fingerprint,
    }
}

/// One phase of a roadmap.
#[pyclass(frozen, get_all, eq, hash, module = "smartlib")]
#[derive(Clone, Serialize, Deserialize)]
pub(crate) struct Phase {
    /// 1 for the first phase.
    number: usize,
    /// The programs to start in it, best first, ranked as they will stand when it starts.
    programs: Vec<Recommendation>,
    /// The level once it and every phase before it are done.
    level_after: usize,
    /// The id of the highest tier established then, or `None`.
    reached_after: Option<String>,
    /// Its display name, or `None`.
    reached_after_name: Option<String>,
}

impl Phase {
    fn new(raw: &smartlib::Phase, v: view::PhaseView) -> Phase {
        Phase {
            number: v.number,
            programs: raw.programs.iter().zip(v.programs).map(|(r, v)| Recommendation::of(r, v)).collect(),
            level_after: v.level_after,
            reached_after: v.reached_after,
            reached_after_name: v.reached_after_name,
        }
    }
}

#[pymethods]
impl Phase {
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        reduce(slf)
    }

    /// Rebuilds a pickled phase.
    #[staticmethod]
    fn _from_json(text: &str) -> PyResult<Self> {
        from_json(text, "Phase")
    }

    fn __repr__(&self) -> String {
        let ids: Vec<&str> = self.programs.iter().map(|r| r.program.as_str()).collect();
        format!("Phase(number={}, programs={}, level_after={})", self.number, py_list(ids), self.level_after)
    }
}

lazy_answer! {
    /// Every program not offered yet, in phases that respect `builds_on`.
    Roadmap(smartlib::Roadmap) with RoadmapFields, built by roadmap_fields;
    {
        /// The level now (as `Assessment.level`).
        level: usize,
        /// The phases, first to do first; empty when everything is offered.
        phases: Vec<Phase>,
    }
    methods {
        fn __repr__(&self) -> String {
            format!("Roadmap(level={}, phases={})", self.raw.level, self.raw.phases.len())
        }
    }
}

fn roadmap_fields(catalog: &smartlib::Catalog, raw: &smartlib::Roadmap) -> RoadmapFields {
    let v = catalog.view_roadmap(raw);
    let phases = raw.phases.iter().zip(v.phases).map(|(phase, view)| Phase::new(phase, view)).collect();
    RoadmapFields { level: v.level, phases }
}

/// How one tier's standing changes in a what-if.
#[pyclass(frozen, get_all, eq, hash, module = "smartlib")]
#[derive(Clone, Serialize, Deserialize)]
pub(crate) struct TierChange {
    /// The tier's id.
    id: String,
    /// Its display name.
    name: String,
    /// Programs of the tier offered before.
    offered_before: usize,
    /// Programs of the tier offered after.
    offered_after: usize,
    /// Whether the tier was established before.
    established_before: bool,
    /// Whether it is established after.
    established_after: bool,
}

impl From<view::TierChangeView> for TierChange {
    fn from(v: view::TierChangeView) -> TierChange {
        TierChange {
            id: v.id,
            name: v.name,
            offered_before: v.offered_before,
            offered_after: v.offered_after,
            established_before: v.established_before,
            established_after: v.established_after,
        }
    }
}

#[pymethods]
impl TierChange {
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        reduce(slf)
    }

    /// Rebuilds a pickled tier change.
    #[staticmethod]
    fn _from_json(text: &str) -> PyResult<Self> {
        from_json(text, "TierChange")
    }

    fn __repr__(&self) -> String {
        format!("TierChange(id={}, offered={} -> {})", py_str(&self.id), self.offered_before, self.offered_after)
    }
}

lazy_answer! {
    /// What offering (or dropping) programs would change.
    WhatIf(smartlib::WhatIf) with WhatIfFields, built by what_if_fields;
    {
        /// Programs that became offered (ids; those already offered are left out).
        added: Vec<String>,
        /// Their display names, in the same order.
        added_names: Vec<String>,
        /// Programs that stopped being offered (ids; those not offered are left out).
        removed: Vec<String>,
        /// Their display names, in the same order.
        removed_names: Vec<String>,
        /// The level before (as `Assessment.level`).
        level_before: usize,
        /// The level after.
        level_after: usize,
        /// The id of the highest established tier before, or `None`.
        reached_before: Option<String>,
        /// Its display name, or `None`.
        reached_before_name: Option<String>,
        /// The id of the highest established tier after, or `None`.
        reached_after: Option<String>,
        /// Its display name, or `None`.
        reached_after_name: Option<String>,
        /// The tiers whose count of offered programs changed.
        tiers: Vec<TierChange>,
        /// Roles that gained their first offered program (ids).
        roles_gained: Vec<String>,
        /// Roles that lost their last offered program (ids).
        roles_lost: Vec<String>,
        /// Areas that gained their first offered program (ids).
        areas_gained: Vec<String>,
        /// Areas that lost their last offered program (ids).
        areas_lost: Vec<String>,
    }
    methods {
        /// The assessment before.
        #[getter]
        fn before(&self) -> Assessment {
            Assessment::new(&self.catalog, self.raw.before.clone())
        }

        /// The assessment after.
        #[getter]
        fn after(&self) -> Assessment {
            Assessment::new(&self.catalog, self.raw.after.clone())
        }

        fn __repr__(&self) -> String {
            let ids = |list: &[smartlib::Id]| py_list(list.iter().map(|id| id.as_ref()));
            format!(
                "WhatIf(added={}, removed={}, level_before={}, level_after={})",
                ids(&self.raw.added),
                ids(&self.raw.removed),
                self.raw.level_before,
                self.raw.level_after
            )
        }
    }
}

fn what_if_fields(catalog: &smartlib::Catalog, raw: &smartlib::WhatIf) -> WhatIfFields {
    let v = catalog.view_what_if(raw);
    WhatIfFields {
        added: v.added,
        added_names: v.added_names,
        removed: v.removed,
        removed_names: v.removed_names,
        level_before: v.level_before,
        level_after: v.level_after,
        reached_before: v.reached_before,
        reached_before_name: v.reached_before_name,
        reached_after: v.reached_after,
        reached_after_name: v.reached_after_name,
        tiers: v.tiers.into_iter().map(TierChange::from).collect(),
        roles_gained: v.roles_gained,
        roles_lost: v.roles_lost,
        areas_gained: v.areas_gained,
        areas_lost: v.areas_lost,
    }
}

/// Every answer class with its fields: the core's contract (`smartlib::view::VIEW_FIELDS`),
/// which the tests hold each class to.
#[pyfunction]
pub(crate) fn _view_fields() -> Vec<(String, Vec<String>)> {
    view::VIEW_FIELDS
        .iter()
        .map(|(name, fields)| ((*name).to_owned(), fields.iter().map(|f| (*f).to_owned()).collect()))
        .collect()
}

pub(crate) fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_class::<Program>()?;
    module.add_class::<Tier>()?;
    module.add_class::<Dimension>()?;
    module.add_class::<Guide>()?;
    module.add_class::<ExampleLibrary>()?;
    module.add_class::<TierStatus>()?;
    module.add_class::<Coverage>()?;
    module.add_class::<Advice>()?;
    module.add_class::<Reason>()?;
    module.add_class::<Recommendation>()?;
    module.add_class::<Assessment>()?;
    module.add_class::<Phase>()?;
    module.add_class::<Roadmap>()?;
    module.add_class::<TierChange>()?;
    module.add_class::<WhatIf>()?;
    module.add_function(wrap_pyfunction!(_view_fields, module)?)?;
    Ok(())
}
