//! The Python-side value classes: catalog entries and answers, each with plain attributes,
//! `to_dict()` / `to_json()` where they are answers, and readable `repr`s and notebook HTML.

use pyo3::prelude::*;
use pyo3::types::PyDict;
use serde::Serialize;

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
#[pyclass(frozen, get_all, module = "smartlib")]
#[derive(Clone)]
pub(crate) struct Program {
    id: String,
    name: String,
    tier: String,
    summary: String,
    examples: Vec<String>,
    roles: Vec<String>,
    contributions: Vec<String>,
    builds_on: Vec<String>,
    processes: Vec<String>,
    outreach: Vec<String>,
    libraries: Vec<String>,
    needs: std::collections::BTreeMap<String, String>,
    sources: Vec<String>,
}

impl From<&smartlib::Program> for Program {
    fn from(p: &smartlib::Program) -> Program {
        let needs = smartlib::Resource::ALL
            .into_iter()
            .filter_map(|r| p.needs.get(r).map(|scale| (r.as_str().to_owned(), scale.as_str().to_owned())))
            .collect();
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
            needs,
            sources: p.sources.clone(),
        }
    }
}

#[pymethods]
impl Program {
    fn __repr__(&self) -> String {
        format!("Program(id={}, name={}, tier={})", py_str(&self.id), py_str(&self.name), py_str(&self.tier))
    }
}

/// A tier, first to last.
#[pyclass(frozen, get_all, module = "smartlib")]
#[derive(Clone)]
pub(crate) struct Tier {
    id: String,
    name: String,
    summary: String,
    message: String,
}

impl From<&smartlib::Tier> for Tier {
    fn from(t: &smartlib::Tier) -> Tier {
        Tier { id: t.id.to_string(), name: t.name.clone(), summary: t.summary.clone(), message: t.message.clone() }
    }
}

#[pymethods]
impl Tier {
    fn __repr__(&self) -> String {
        format!("Tier(id={}, name={})", py_str(&self.id), py_str(&self.name))
    }
}

/// A smart-citizen role or a library contribution area.
#[pyclass(frozen, get_all, module = "smartlib")]
#[derive(Clone)]
pub(crate) struct Dimension {
    id: String,
    name: String,
    summary: String,
}

impl From<&smartlib::Dimension> for Dimension {
    fn from(d: &smartlib::Dimension) -> Dimension {
        Dimension { id: d.id.to_string(), name: d.name.clone(), summary: d.summary.clone() }
    }
}

#[pymethods]
impl Dimension {
    fn __repr__(&self) -> String {
        format!("Dimension(id={}, name={})", py_str(&self.id), py_str(&self.name))
    }
}

/// An organizational process or a marketing and outreach tool.
#[pyclass(frozen, get_all, module = "smartlib")]
#[derive(Clone)]
pub(crate) struct Guide {
    id: String,
    name: String,
    summary: String,
    parent: Option<String>,
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
    fn __repr__(&self) -> String {
        format!("Guide(id={}, name={})", py_str(&self.id), py_str(&self.name))
    }
}

/// A real library whose practice illustrates programs.
#[pyclass(frozen, get_all, module = "smartlib")]
#[derive(Clone)]
pub(crate) struct ExampleLibrary {
    id: String,
    name: String,
    location: String,
    summary: String,
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
    fn __repr__(&self) -> String {
        format!("ExampleLibrary(id={}, name={})", py_str(&self.id), py_str(&self.name))
    }
}

/// One tier's standing in an assessment.
#[pyclass(frozen, get_all, module = "smartlib")]
#[derive(Clone)]
pub(crate) struct TierStatus {
    id: String,
    name: String,
    offered: usize,
    total: usize,
    share: f64,
    needed: usize,
    established: bool,
    unknown: usize,
}

#[pymethods]
impl TierStatus {
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

/// Why a program ranks where it does: `kind`, the `points` it added, a sentence (`text`) and
/// the ids it rests on (`programs`, `goals`, `roles`, `tier`, …; `None` or empty when unused).
#[pyclass(frozen, get_all, module = "smartlib")]
#[derive(Clone)]
pub(crate) struct Reason {
    kind: String,
    points: f64,
    text: String,
    tier: Option<String>,
    programs: Vec<String>,
    goals: Vec<String>,
    roles: Vec<String>,
    resource: Option<String>,
    needs: Option<String>,
    has: Option<String>,
    status: Option<String>,
    tiers_ahead: Option<usize>,
}

impl Reason {
    pub(crate) fn new(catalog: &smartlib::Catalog, reason: &smartlib::Reason) -> Reason {
        let mut out = Reason {
            kind: reason.kind().to_owned(),
            points: reason.points(),
            text: catalog.explain(reason),
            tier: None,
            programs: Vec::new(),
            goals: Vec::new(),
            roles: Vec::new(),
            resource: None,
            needs: None,
            has: None,
            status: None,
            tiers_ahead: None,
        };
        match reason {
            smartlib::Reason::NextTier { tier, .. } | smartlib::Reason::LowerTierGap { tier, .. } => {
                out.tier = Some(tier.to_string())
            }
            smartlib::Reason::HigherTier { tier, tiers_ahead, .. } => {
                out.tier = Some(tier.to_string());
                out.tiers_ahead = Some(*tiers_ahead);
            }
            smartlib::Reason::BuildsOn { programs, .. } | smartlib::Reason::MissingPrerequisites { programs, .. } => {
                out.programs = strings(programs);
            }
            smartlib::Reason::Goals { goals, .. } => out.goals = strings(goals),
            smartlib::Reason::RoleGap { roles, .. } => out.roles = strings(roles),
            smartlib::Reason::Constraint { resource, needs, has, .. } => {
                out.resource = Some(resource.as_str().to_owned());
                out.needs = Some(needs.as_str().to_owned());
                out.has = Some(has.as_str().to_owned());
            }
            smartlib::Reason::InProgress { status, .. } => out.status = Some(status.as_str().to_owned()),
            _ => {}
        }
        out
    }
}

#[pymethods]
impl Reason {
    fn __repr__(&self) -> String {
        format!("Reason(kind={}, points={:?}, text={})", py_str(&self.kind), self.points, py_str(&self.text))
    }

    fn __str__(&self) -> String {
        self.text.clone()
    }
}

/// A program the library does not offer yet, with its score and reasons.
#[pyclass(frozen, module = "smartlib")]
#[derive(Clone)]
pub(crate) struct Recommendation {
    inner: smartlib::Recommendation,
    #[pyo3(get)]
    name: String,
    #[pyo3(get)]
    reasons: Vec<Reason>,
}

impl Recommendation {
    pub(crate) fn new(catalog: &smartlib::Catalog, inner: smartlib::Recommendation) -> Recommendation {
        let name = catalog.program(&inner.program).map_or_else(|| inner.program.to_string(), |p| p.name.clone());
        let reasons = inner.reasons.iter().map(|r| Reason::new(catalog, r)).collect();
        Recommendation { inner, name, reasons }
    }
}

#[pymethods]
impl Recommendation {
    #[getter]
    fn program(&self) -> String {
        self.inner.program.to_string()
    }
    #[getter]
    fn tier(&self) -> String {
        self.inner.tier.to_string()
    }
    #[getter]
    fn score(&self) -> f64 {
        self.inner.score
    }
    #[getter]
    fn processes(&self) -> Vec<String> {
        strings(&self.inner.processes)
    }
    #[getter]
    fn outreach(&self) -> Vec<String> {
        strings(&self.inner.outreach)
    }
    #[getter]
    fn examples(&self) -> Vec<String> {
        strings(&self.inner.examples)
    }
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_to_python(py, &self.inner)
    }
    #[pyo3(signature = (indent=None))]
    fn to_json(&self, indent: Option<usize>) -> PyResult<String> {
        to_json(&self.inner, indent)
    }
    fn __repr__(&self) -> String {
        format!(
            "Recommendation(program={}, tier={}, score={:?})",
            py_str(&self.program()),
            py_str(&self.tier()),
            self.inner.score
        )
    }
}

/// Where a library stands: level, tiers, roles, the shortest way up, advice, recommendations.
#[pyclass(frozen, module = "smartlib")]
pub(crate) struct Assessment {
    inner: smartlib::Assessment,
    catalog: smartlib::Catalog,
}

impl Assessment {
    pub(crate) fn new(catalog: &smartlib::Catalog, inner: smartlib::Assessment) -> Assessment {
        Assessment { inner, catalog: catalog.clone() }
    }

    fn tier_name(&self, id: &str) -> String {
        self.catalog.tier(id).map_or_else(|| id.to_owned(), |t| t.name.clone())
    }
}

#[pymethods]
impl Assessment {
    /// How many tiers, from the first, are established.
    #[getter]
    fn level(&self) -> usize {
        self.inner.level
    }
    /// The highest established tier's id, or None.
    #[getter]
    fn reached(&self) -> Option<String> {
        self.inner.reached.as_ref().map(ToString::to_string)
    }
    #[getter]
    fn level_range(&self) -> (usize, usize) {
        (self.inner.level_range[0], self.inner.level_range[1])
    }
    #[getter]
    fn level_min(&self) -> usize {
        self.inner.level_range[0]
    }
    #[getter]
    fn level_max(&self) -> usize {
        self.inner.level_range[1]
    }
    #[getter]
    fn profile(&self) -> Option<String> {
        self.inner.profile.clone()
    }
    #[getter]
    fn tiers(&self) -> Vec<TierStatus> {
        self.inner
            .tiers
            .iter()
            .map(|t| TierStatus {
                id: t.id.to_string(),
                name: self.tier_name(&t.id),
                offered: t.offered,
                total: t.total,
                share: t.share,
                needed: t.needed,
                established: t.established,
                unknown: t.unknown,
            })
            .collect()
    }
    /// Role id → the offered programs that develop it, in catalog order.
    #[getter]
    fn roles<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        coverage(py, &self.inner.roles)
    }
    /// Area id → the offered programs that serve it.
    #[getter]
    fn areas<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        coverage(py, &self.inner.areas)
    }
    #[getter]
    fn to_next_level(&self) -> Vec<String> {
        strings(&self.inner.to_next_level)
    }
    #[getter]
    fn recommendations(&self) -> Vec<Recommendation> {
        self.inner.recommendations.iter().map(|r| Recommendation::new(&self.catalog, r.clone())).collect()
    }
    /// What the toolbox advises at this level.
    #[getter]
    fn message(&self) -> String {
        self.inner.message.text.to_string()
    }
    /// A stable key for the message (`not-started` or the tier reached), for translations.
    #[getter]
    fn message_key(&self) -> String {
        self.inner.message.key.to_string()
    }
    /// Name, version and fingerprint of the content used.
    #[getter]
    fn content<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_to_python(py, &self.inner.content)
    }
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_to_python(py, &self.inner)
    }
    #[pyo3(signature = (indent=None))]
    fn to_json(&self, indent: Option<usize>) -> PyResult<String> {
        to_json(&self.inner, indent)
    }
    fn __repr__(&self) -> String {
        let top: Vec<String> = self.inner.recommendations.iter().map(|r| r.program.to_string()).collect();
        format!(
            "Assessment(level={}, reached={}, recommendations={})",
            self.inner.level,
            py_opt(self.reached().as_deref()),
            py_list(top)
        )
    }
    fn _repr_html_(&self) -> String {
        let mut html = String::from("<div class=\"smartlib-assessment\">");
        let reached =
            self.inner.reached.as_deref().map_or_else(|| "no tier established yet".to_owned(), |t| self.tier_name(t));
        let title = self.inner.profile.as_deref().unwrap_or("Assessment");
        html.push_str(&format!(
            "<p><strong>{}</strong>: level {} of {} ({})",
            escape(title),
            self.inner.level,
            self.inner.tiers.len(),
            escape(&reached)
        ));
        let [low, high] = self.inner.level_range;
        if low != high {
            html.push_str(&format!(", up to {high} with unknown programs"));
        }
        html.push_str(
            "</p><table><thead><tr><th>Tier</th><th>Offered</th><th>Needed</th><th></th></tr></thead><tbody>",
        );
        for tier in &self.inner.tiers {
            html.push_str(&format!(
                "<tr><td>{}</td><td>{} of {}</td><td>{}</td><td>{}</td></tr>",
                escape(&self.tier_name(&tier.id)),
                tier.offered,
                tier.total,
                tier.needed,
                if tier.established { "established" } else { "" }
            ));
        }
        html.push_str("</tbody></table><p>");
        html.push_str(&escape(&self.inner.message.text));
        html.push_str(
            "</p><table><thead><tr><th>#</th><th>Next program</th><th>Score</th><th>Why</th></tr></thead><tbody>",
        );
        for (rank, recommendation) in self.inner.recommendations.iter().enumerate() {
            let name = self
                .catalog
                .program(&recommendation.program)
                .map_or(recommendation.program.as_ref(), |p| p.name.as_str());
            let why: Vec<String> = recommendation.reasons.iter().map(|r| escape(&self.catalog.explain(r))).collect();
            html.push_str(&format!(
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                rank + 1,
                escape(name),
                recommendation.score,
                why.join("; ")
            ));
        }
        html.push_str("</tbody></table></div>");
        html
    }
}

fn coverage<'py>(py: Python<'py>, coverage: &[smartlib::Coverage]) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    for entry in coverage {
        dict.set_item(entry.id.as_ref(), strings(&entry.programs))?;
    }
    Ok(dict)
}

/// One phase of a roadmap.
#[pyclass(frozen, get_all, module = "smartlib")]
#[derive(Clone)]
pub(crate) struct Phase {
    number: usize,
    programs: Vec<Recommendation>,
    level_after: usize,
    reached_after: Option<String>,
}

#[pymethods]
impl Phase {
    fn __repr__(&self) -> String {
        let ids: Vec<String> = self.programs.iter().map(|r| r.program()).collect();
        format!("Phase(number={}, programs={}, level_after={})", self.number, py_list(ids), self.level_after)
    }
}

/// Every program not offered yet, in phases that respect `builds_on`.
#[pyclass(frozen, module = "smartlib")]
pub(crate) struct Roadmap {
    inner: smartlib::Roadmap,
    #[pyo3(get)]
    phases: Vec<Phase>,
}

impl Roadmap {
    pub(crate) fn new(catalog: &smartlib::Catalog, inner: smartlib::Roadmap) -> Roadmap {
        let phases = inner
            .phases
            .iter()
            .map(|phase| Phase {
                number: phase.number,
                programs: phase.programs.iter().map(|r| Recommendation::new(catalog, r.clone())).collect(),
                level_after: phase.level_after,
                reached_after: phase.reached_after.as_ref().map(ToString::to_string),
            })
            .collect();
        Roadmap { inner, phases }
    }
}

#[pymethods]
impl Roadmap {
    #[getter]
    fn level(&self) -> usize {
        self.inner.level
    }
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_to_python(py, &self.inner)
    }
    #[pyo3(signature = (indent=None))]
    fn to_json(&self, indent: Option<usize>) -> PyResult<String> {
        to_json(&self.inner, indent)
    }
    fn __repr__(&self) -> String {
        format!("Roadmap(level={}, phases={})", self.inner.level, self.phases.len())
    }
}

/// What offering (or dropping) programs would change.
#[pyclass(frozen, module = "smartlib")]
pub(crate) struct WhatIf {
    inner: smartlib::WhatIf,
    catalog: smartlib::Catalog,
}

impl WhatIf {
    pub(crate) fn new(catalog: &smartlib::Catalog, inner: smartlib::WhatIf) -> WhatIf {
        WhatIf { inner, catalog: catalog.clone() }
    }
}

#[pymethods]
impl WhatIf {
    #[getter]
    fn added(&self) -> Vec<String> {
        strings(&self.inner.added)
    }
    #[getter]
    fn removed(&self) -> Vec<String> {
        strings(&self.inner.removed)
    }
    #[getter]
    fn level_before(&self) -> usize {
        self.inner.level_before
    }
    #[getter]
    fn level_after(&self) -> usize {
        self.inner.level_after
    }
    #[getter]
    fn reached_before(&self) -> Option<String> {
        self.inner.reached_before.as_ref().map(ToString::to_string)
    }
    #[getter]
    fn reached_after(&self) -> Option<String> {
        self.inner.reached_after.as_ref().map(ToString::to_string)
    }
    #[getter]
    fn roles_gained(&self) -> Vec<String> {
        strings(&self.inner.roles_gained)
    }
    #[getter]
    fn roles_lost(&self) -> Vec<String> {
        strings(&self.inner.roles_lost)
    }
    #[getter]
    fn areas_gained(&self) -> Vec<String> {
        strings(&self.inner.areas_gained)
    }
    #[getter]
    fn areas_lost(&self) -> Vec<String> {
        strings(&self.inner.areas_lost)
    }
    #[getter]
    fn before(&self) -> Assessment {
        Assessment::new(&self.catalog, self.inner.before.clone())
    }
    #[getter]
    fn after(&self) -> Assessment {
        Assessment::new(&self.catalog, self.inner.after.clone())
    }
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_to_python(py, &self.inner)
    }
    #[pyo3(signature = (indent=None))]
    fn to_json(&self, indent: Option<usize>) -> PyResult<String> {
        to_json(&self.inner, indent)
    }
    fn __repr__(&self) -> String {
        format!(
            "WhatIf(added={}, removed={}, level_before={}, level_after={})",
            py_list(self.added()),
            py_list(self.removed()),
            self.inner.level_before,
            self.inner.level_after
        )
    }
}

pub(crate) fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_class::<Program>()?;
    module.add_class::<Tier>()?;
    module.add_class::<Dimension>()?;
    module.add_class::<Guide>()?;
    module.add_class::<ExampleLibrary>()?;
    module.add_class::<TierStatus>()?;
    module.add_class::<Reason>()?;
    module.add_class::<Recommendation>()?;
    module.add_class::<Assessment>()?;
    module.add_class::<Phase>()?;
    module.add_class::<Roadmap>()?;
    module.add_class::<WhatIf>()?;
    Ok(())
}
