//! `smartlib.Catalog`: the toolbox (or your own catalog) and every engine call, taking plain
//! Python values. Batch calls release the GIL while they compute. A catalog pickles as its
//! JSON text (the embedded one as a reference to it) and compares by its data.

use std::hash::{Hash, Hasher};
use std::path::PathBuf;
use std::sync::Mutex;

use pyo3::exceptions::{PyOverflowError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyList, PyString, PyTuple};
use smartlib::{AssumeUnknown, Policy, Profile, Scale};

use crate::errors;
use crate::objects::{
    Assessment, Dimension, ExampleLibrary, Guide, Program, Recommendation, Roadmap, Tier, WhatIf, escape, py_str,
};
use crate::table;

/// A validated catalog of programs, tiers, roles, guides and example libraries.
///
/// `Catalog.default()` is the embedded toolbox. Objects are immutable and safe to share across
/// threads and to send to other processes: they pickle (the embedded catalog as a reference to
/// it, any other as its JSON text), and two catalogs are equal when their data, policy
/// included, is: equal `fingerprint`, equal catalogs.
#[pyclass(frozen, eq, hash, module = "smartlib")]
pub(crate) struct Catalog {
    pub(crate) inner: smartlib::Catalog,
    /// What loading it read past (fields of a newer minor format version); not part of the
    /// data, so neither of equality nor of pickles.
    warnings: Vec<smartlib::content::Diagnostic>,
    omitted_warnings: usize,
}

impl Catalog {
    /// A catalog that loaded with no warning.
    pub(crate) fn of(inner: smartlib::Catalog) -> Catalog {
        Catalog { inner, warnings: Vec::new(), omitted_warnings: 0 }
    }

    fn loaded(loaded: smartlib::content::LoadedCatalog) -> Catalog {
        Catalog { inner: loaded.catalog, warnings: loaded.warnings, omitted_warnings: loaded.omitted_warnings }
    }
}

/// Whether two catalogs hold the same data (the fingerprint first, as it is cheap).
fn same_data(a: &smartlib::Catalog, b: &smartlib::Catalog) -> bool {
    a.content().fingerprint == b.content().fingerprint && a.data() == b.data()
}

impl PartialEq for Catalog {
    fn eq(&self, other: &Self) -> bool {
        same_data(&self.inner, &other.inner)
    }
}

impl Eq for Catalog {}

impl Hash for Catalog {
    fn hash<H: Hasher>(&self, hasher: &mut H) {
        self.inner.content().fingerprint.hash(hasher);
    }
}

/// The catalog the last answer pickled with, so that the answers of one catalog pickled
/// together refer to one Python object and pickle's memo writes its text once.
static SHARED: Mutex<Option<Py<Catalog>>> = Mutex::new(None);

impl Catalog {
    /// A Python `Catalog` for an answer's catalog, the same object as last time when the data
    /// is the same.
    pub(crate) fn shared(py: Python<'_>, inner: &smartlib::Catalog) -> PyResult<Py<Catalog>> {
        let last = |slot: &Option<Py<Catalog>>| slot.as_ref().map(|catalog| catalog.clone_ref(py));
        let cached = last(&SHARED.lock().unwrap_or_else(std::sync::PoisonError::into_inner));
        if let Some(catalog) = cached.filter(|catalog| same_data(&catalog.get().inner, inner)) {
            return Ok(catalog);
        }
        let fresh = Py::new(py, Catalog::of(inner.clone()))?;
        *SHARED.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = Some(fresh.clone_ref(py));
        Ok(fresh)
    }
}

/// A count argument (`top`, `limit`): a whole number from 0, or `None` for the default.
fn count(value: Option<&Bound<'_, PyAny>>, name: &str) -> PyResult<Option<usize>> {
    let Some(value) = value.filter(|value| !value.is_none()) else { return Ok(None) };
    if value.is_instance_of::<PyBool>() {
        return Err(PyTypeError::new_err(format!("{name}: expected a whole number, got bool")));
    }
    match value.extract::<usize>() {
        Ok(count) => Ok(Some(count)),
        Err(error) if error.is_instance_of::<PyOverflowError>(value.py()) => {
            let shown = value.repr().map_or_else(|_| "?".to_owned(), |repr| repr.to_string());
            Err(PyValueError::new_err(format!("{name}: expected a whole number from 0 up, got {shown}")))
        }
        Err(_) => Err(PyTypeError::new_err(format!("{name}: expected a whole number, got {}", type_name(value)))),
    }
}

/// Ids from any iterable of str (but not a lone str, a common slip).
fn ids(value: Option<&Bound<'_, PyAny>>, field: &str) -> PyResult<Vec<String>> {
    let Some(value) = value else { return Ok(Vec::new()) };
    if value.is_none() {
        return Ok(Vec::new());
    }
    if value.is_instance_of::<PyString>() {
        return Err(errors::profile(
            value.py(),
            format!("{field}: expected a list of program ids, not a single string"),
        ));
    }
    let mut out = Vec::new();
    for item in value.try_iter().map_err(|_| errors::profile(value.py(), format!("{field}: expected a list of ids")))? {
        let item = item?;
        let id: String = item.extract().map_err(|_| {
            errors::profile(value.py(), format!("{field}: expected ids as str, got {}", type_name(&item)))
        })?;
        out.push(id);
    }
    Ok(out)
}

fn type_name(value: &Bound<'_, PyAny>) -> String {
    value.get_type().name().map_or_else(|_| "?".to_owned(), |n| n.to_string())
}

/// Profile arguments shared by assess, recommend, roadmap and what_if.
struct ProfileArgs<'a, 'py> {
    offers: Option<&'a Bound<'py, PyAny>>,
    piloting: Option<&'a Bound<'py, PyAny>>,
    planned: Option<&'a Bound<'py, PyAny>>,
    unknown: Option<&'a Bound<'py, PyAny>>,
    goals: Option<&'a Bound<'py, PyAny>>,
    constraints: Option<&'a Bound<'py, PyAny>>,
    amounts: [Option<&'a Bound<'py, PyAny>>; 3],
    name: Option<String>,
}

impl ProfileArgs<'_, '_> {
    fn profile(&self, py: Python<'_>) -> PyResult<Profile> {
        let mut profile = Profile {
            name: self.name.clone(),
            offers: ids(self.offers, "offers")?,
            piloting: ids(self.piloting, "piloting")?,
            planned: ids(self.planned, "planned")?,
            unknown: ids(self.unknown, "unknown")?,
            goals: ids(self.goals, "goals")?,
            ..Profile::default()
        };
        if let Some(constraints) = self.constraints.filter(|c| !c.is_none()) {
            let dict = constraints.cast::<PyDict>().map_err(|_| {
                errors::profile(py, "constraints: expected a dict such as {\"budget\": \"low\"}".into())
            })?;
            let mut json = serde_json::Map::new();
            for (key, value) in dict.iter() {
                let key: String =
                    key.extract().map_err(|_| errors::profile(py, "constraints: keys must be str".into()))?;
                let value: Option<String> = value.extract().map_err(|_| {
                    errors::profile(py, format!("constraints.{key}: expected \"low\", \"medium\" or \"high\""))
                })?;
                json.insert(key, value.map_or(serde_json::Value::Null, serde_json::Value::String));
            }
            profile.constraints = serde_json::from_value(serde_json::Value::Object(json))
                .map_err(|e| errors::profile(py, format!("constraints: {e}")))?;
        }
        let slots = [&mut profile.constraints.budget, &mut profile.constraints.staff, &mut profile.constraints.space];
        for ((slot, value), name) in slots.into_iter().zip(self.amounts).zip(["budget", "staff", "space"]) {
            if let Some(value) = value.filter(|v| !v.is_none()) {
                let owned = table::Owned::of(value);
                *slot = Scale::from_cell(&owned.cell())
                    .map_err(|kind| errors::engine(py, smartlib::Error::new(smartlib::Path::root().key(name), kind)))?;
            }
        }
        Ok(profile)
    }
}

/// A profile as the keyword arguments `assess` takes, flat like a table row: `name`, `offers`,
/// `piloting`, `planned`, `unknown`, `goals`, `budget`, `staff`, `space`.
fn profile_dict<'py>(py: Python<'py>, profile: &Profile) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    dict.set_item("name", profile.name.as_deref())?;
    for (key, ids) in [
        ("offers", &profile.offers),
        ("piloting", &profile.piloting),
        ("planned", &profile.planned),
        ("unknown", &profile.unknown),
        ("goals", &profile.goals),
    ] {
        dict.set_item(key, ids)?;
    }
    for (key, amount) in [
        ("budget", profile.constraints.budget),
        ("staff", profile.constraints.staff),
        ("space", profile.constraints.space),
    ] {
        dict.set_item(key, amount.map(Scale::as_str))?;
    }
    Ok(dict)
}

/// A policy with the given changes (keys of `Policy`; `weights` is a dict of weight changes),
/// made one key (and one weight) at a time so that an error names it, such as
/// `policy.weights.goal`. Every error is a `PolicyError`.
fn changed_policy(py: Python<'_>, policy: &Policy, changes: &Bound<'_, PyDict>) -> PyResult<Policy> {
    let mut policy = policy.clone();
    for (key, value) in changes.iter() {
        let key: String = key.extract()?;
        match value.cast::<PyDict>() {
            Ok(weights) if key == "weights" => {
                for (name, weight) in weights.iter() {
                    let path = format!("policy.weights.{}", name.str()?);
                    let name: String =
                        name.extract().map_err(|_| errors::policy(py, format!("{path}: names must be str"), &path))?;
                    let weight = json_value(py, &weight, &path)?;
                    let change = serde_json::json!({ "weights": { name: weight } });
                    policy =
                        policy.with_changes(&change).map_err(|e| errors::policy(py, format!("{path}: {e}"), &path))?;
                }
            }
            _ => {
                let path = format!("policy.{key}");
                let change = serde_json::Value::Object([(key, json_value(py, &value, &path)?)].into_iter().collect());
                policy = policy.with_changes(&change).map_err(|e| errors::policy(py, format!("{path}: {e}"), &path))?;
            }
        }
    }
    Ok(policy)
}

/// A Python value as JSON (through `json.dumps`), or a `PolicyError` at `path`.
fn json_value(py: Python<'_>, value: &Bound<'_, PyAny>, path: &str) -> PyResult<serde_json::Value> {
    let options = PyDict::new(py);
    options.set_item("allow_nan", false)?;
    let text = py.import("json")?.getattr("dumps")?.call((value,), Some(&options)).and_then(|text| text.extract());
    let text: String = text.map_err(|error| {
        let why = if error.is_instance_of::<PyValueError>(py) {
            "expected a finite number".to_owned()
        } else {
            error.value(py).to_string()
        };
        let shown = value.repr().map_or_else(|_| "?".to_owned(), |repr| repr.to_string());
        errors::policy(py, format!("{path}: {shown}: {why}"), path)
    })?;
    serde_json::from_str(&text).map_err(|e| errors::policy(py, format!("{path}: {e}"), path))
}

#[pymethods]
impl Catalog {
    /// The embedded toolbox catalog, with the default policy.
    #[staticmethod]
    fn default() -> Catalog {
        Catalog::of(smartlib::default_catalog())
    }

    /// The embedded catalog, when its fingerprint is the one given: how a pickled default
    /// catalog comes back, refusing a smartlib that embeds other content.
    #[staticmethod]
    fn _embedded(fingerprint: &str) -> PyResult<Catalog> {
        let inner = smartlib::default_catalog();
        if *inner.content().fingerprint != *fingerprint {
            return Err(PyValueError::new_err(format!(
                "the pickled catalog is the embedded catalog with fingerprint {fingerprint}, but this smartlib \
                 ({}) embeds catalog {} with fingerprint {}: use the same smartlib version on both sides",
                env!("CARGO_PKG_VERSION"),
                inner.content().version,
                inner.content().fingerprint
            )));
        }
        Ok(Catalog::of(inner))
    }

    /// A catalog from a TOML, JSON or YAML file (format by extension), or a catalog directory.
    /// Raises `ContentError` listing every problem with file, line and column. A catalog
    /// written in a newer minor format version loads without the fields this smartlib does not
    /// know, listed in `warnings`.
    #[staticmethod]
    fn load(py: Python<'_>, path: PathBuf) -> PyResult<Catalog> {
        let loaded = py.detach(|| smartlib::content::load_catalog_with_warnings(&path));
        loaded.map(Catalog::loaded).map_err(|e| errors::content(py, e))
    }

    /// A catalog from text in `format` (`"toml"`, `"json"` or `"yaml"`); `origin` names it in
    /// messages. Raises `ContentError` listing every problem.
    #[staticmethod]
    #[pyo3(signature = (text, format = "toml", origin = "<string>"))]
    fn from_str(py: Python<'_>, text: &str, format: &str, origin: &str) -> PyResult<Catalog> {
        let format: smartlib::Format = format.parse().map_err(PyValueError::new_err)?;
        smartlib::content::parse_catalog_with_warnings(text, format, origin)
            .map(Catalog::loaded)
            .map_err(|e| errors::content(py, e))
    }

    /// What loading the catalog read past, one dict a warning as in `ContentError.diagnostics`
    /// (origin, line, column, path, kind, message, id, suggestion): the fields of a catalog
    /// written in a newer minor format version. At most 100; `omitted_warnings` counts the rest.
    #[getter]
    fn warnings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        errors::diagnostics(py, &self.warnings)
    }

    /// How many warnings there were beyond those `warnings` lists.
    #[getter]
    fn omitted_warnings(&self) -> usize {
        self.omitted_warnings
    }

    /// The catalog format version its data is written in (`"1.0"` when it does not say).
    #[getter]
    fn schema_version(&self) -> String {
        let assumed = smartlib::content::ASSUMED_SCHEMA_VERSION.to_string();
        self.inner.data().schema_version.clone().unwrap_or(assumed)
    }

    /// The catalog's name, from its data.
    #[getter]
    fn name(&self) -> String {
        self.inner.content().name.to_string()
    }
    /// The content version, from its data (`CATALOG_VERSION` for the embedded catalog).
    #[getter]
    fn version(&self) -> String {
        self.inner.content().version.to_string()
    }
    /// A hash of the whole data, policy included, as 16 hex digits: equal data, equal
    /// fingerprint, on any machine and in any version. Answers carry it as
    /// `content_fingerprint`.
    #[getter]
    fn fingerprint(&self) -> String {
        self.inner.content().fingerprint.to_string()
    }
    /// The tiers, first to last: a library's level counts them from the first.
    #[getter]
    fn tiers(&self) -> Vec<Tier> {
        self.inner.tiers().iter().map(Tier::from).collect()
    }
    /// Every program, in catalog order (tier by tier).
    #[getter]
    fn programs(&self) -> Vec<Program> {
        self.inner.programs().iter().map(Program::from).collect()
    }
    /// The programs' ids, in catalog order: the names of a table's status columns.
    #[getter]
    fn program_ids(&self) -> Vec<String> {
        self.inner.programs().iter().map(|p| p.id.to_string()).collect()
    }
    /// The smart-citizen roles (ids usable as `goals`).
    #[getter]
    fn roles(&self) -> Vec<Dimension> {
        self.inner.roles().iter().map(Dimension::from).collect()
    }
    /// The library contribution areas (ids usable as `goals`).
    #[getter]
    fn areas(&self) -> Vec<Dimension> {
        self.inner.areas().iter().map(Dimension::from).collect()
    }
    /// The organizational processes that help to start programs.
    #[getter]
    fn processes(&self) -> Vec<Guide> {
        self.inner.processes().iter().map(Guide::from).collect()
    }
    /// The marketing and outreach tools that help programs reach residents.
    #[getter]
    fn outreach(&self) -> Vec<Guide> {
        self.inner.outreach().iter().map(Guide::from).collect()
    }
    /// The real libraries whose practice illustrates programs.
    #[getter]
    fn examples(&self) -> Vec<ExampleLibrary> {
        self.inner.examples().iter().map(ExampleLibrary::from).collect()
    }
    /// The policy as a dict: `rule` (`"per-tier"` or `"cumulative"`), `established_share`
    /// (above 0, at most 1; default 0.6), `count_piloting` (bool), `recommendations` (how many
    /// an assessment lists; default 5) and `weights` (points per ranking principle). Change it
    /// with `with_policy`.
    #[getter]
    fn policy<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let text = serde_json::to_string(self.inner.policy()).map_err(|e| PyValueError::new_err(e.to_string()))?;
        py.import("json")?.call_method1("loads", (text,))
    }

    /// The program with this id; `UnknownProgramError` names the nearest valid one.
    fn program(&self, py: Python<'_>, id: &str) -> PyResult<Program> {
        match self.inner.program(id) {
            Some(program) => Ok(Program::from(program)),
            None => Err(errors::engine(py, self.inner.unknown_program(id, smartlib::Path::root()))),
        }
    }

    /// The same catalog with policy changes, each a key of `policy`: for example
    /// `with_policy(established_share=0.8)`, `with_policy(rule="cumulative")` or
    /// `with_policy(weights={"goal": 30})` (weights change one by one, the others stay).
    /// Raises `PolicyError` (a `ValueError`) naming the key for an unknown key, a value of the
    /// wrong type or one out of range.
    #[pyo3(signature = (**changes))]
    fn with_policy(&self, py: Python<'_>, changes: Option<&Bound<'_, PyDict>>) -> PyResult<Catalog> {
        let policy = match changes {
            Some(changes) => changed_policy(py, self.inner.policy(), changes)?,
            None => self.inner.policy().clone(),
        };
        let derived =
            |inner| Catalog { inner, warnings: self.warnings.clone(), omitted_warnings: self.omitted_warnings };
        self.inner.with_policy(policy).map(derived).map_err(|e| {
            let path = e.problems().first().map(|problem| problem.path.to_string()).unwrap_or_default();
            errors::policy(py, e.to_string(), &path)
        })
    }

    /// Assesses a library: level, tiers, roles, the shortest way up and the best next programs.
    ///
    /// `offers`, `piloting`, `planned` and `unknown` are lists of program ids (a program in no
    /// list is not offered); `goals` lists role or area ids; `budget`, `staff` and `space` are
    /// `"low"`, `"medium"` or `"high"` (or give them as `constraints={"budget": "low"}`);
    /// `name` is carried to `Assessment.profile`. `top` is how many recommendations to list (a
    /// whole number from 0; default the policy's `recommendations`, 5). `assume_unknown`,
    /// `"offered"` or `"not-offered"`, reads every unknown program that way to show one end of
    /// the level range by itself; the answer says so (`assumed_unknown`, `assumed`, the
    /// headline and the first advice). Raises `UnknownProgramError` or `UnknownGoalError`
    /// naming the nearest valid id, `ProfileError` for a malformed profile, and `ValueError`
    /// for a negative `top` or another `assume_unknown`.
    #[pyo3(signature = (offers=None, *, piloting=None, planned=None, unknown=None, goals=None, constraints=None, budget=None, staff=None, space=None, name=None, top=None, assume_unknown=None))]
    #[allow(clippy::too_many_arguments)]
    fn assess(
        &self,
        py: Python<'_>,
        offers: Option<&Bound<'_, PyAny>>,
        piloting: Option<&Bound<'_, PyAny>>,
        planned: Option<&Bound<'_, PyAny>>,
        unknown: Option<&Bound<'_, PyAny>>,
        goals: Option<&Bound<'_, PyAny>>,
        constraints: Option<&Bound<'_, PyAny>>,
        budget: Option<&Bound<'_, PyAny>>,
        staff: Option<&Bound<'_, PyAny>>,
        space: Option<&Bound<'_, PyAny>>,
        name: Option<String>,
        top: Option<&Bound<'_, PyAny>>,
        assume_unknown: Option<&str>,
    ) -> PyResult<Assessment> {
        let top = count(top, "top")?;
        let assume = match assume_unknown {
            None => None,
            Some(name) => Some(AssumeUnknown::from_name(name).ok_or_else(|| {
                PyValueError::new_err(format!(
                    "assume_unknown: expected \"offered\" or \"not-offered\", not \"{}\"",
                    smartlib::Echo(name)
                ))
            })?),
        };
        let amounts = [budget, staff, space];
        let mut profile =
            ProfileArgs { offers, piloting, planned, unknown, goals, constraints, amounts, name }.profile(py)?;
        if let Some(assume) = assume {
            profile = self.inner.assume_unknown(&profile, assume).map_err(|e| errors::engine(py, e))?;
        }
        let top = top.unwrap_or(self.inner.policy().recommendations);
        let assessment = self.inner.assess_top(&profile, top).map_err(|e| errors::engine(py, e))?;
        Ok(Assessment::new(&self.inner, assessment))
    }

    /// Every program not offered yet (or the best `limit`, a whole number from 0), best first,
    /// with reasons. The profile arguments are those of `assess`; a negative `limit` raises
    /// `ValueError`.
    #[pyo3(signature = (offers=None, *, piloting=None, planned=None, unknown=None, goals=None, constraints=None, budget=None, staff=None, space=None, limit=None))]
    #[allow(clippy::too_many_arguments)]
    fn recommend(
        &self,
        py: Python<'_>,
        offers: Option<&Bound<'_, PyAny>>,
        piloting: Option<&Bound<'_, PyAny>>,
        planned: Option<&Bound<'_, PyAny>>,
        unknown: Option<&Bound<'_, PyAny>>,
        goals: Option<&Bound<'_, PyAny>>,
        constraints: Option<&Bound<'_, PyAny>>,
        budget: Option<&Bound<'_, PyAny>>,
        staff: Option<&Bound<'_, PyAny>>,
        space: Option<&Bound<'_, PyAny>>,
        limit: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Vec<Recommendation>> {
        let limit = count(limit, "limit")?;
        let amounts = [budget, staff, space];
        let profile =
            ProfileArgs { offers, piloting, planned, unknown, goals, constraints, amounts, name: None }.profile(py)?;
        let recommendations =
            self.inner.recommend(&profile, limit.unwrap_or(usize::MAX)).map_err(|e| errors::engine(py, e))?;
        Ok(recommendations.iter().map(|r| Recommendation::new(&self.inner, r)).collect())
    }

    /// Every program not offered yet, in phases that respect what builds on what. The profile
    /// arguments are those of `assess`.
    #[pyo3(signature = (offers=None, *, piloting=None, planned=None, unknown=None, goals=None, constraints=None, budget=None, staff=None, space=None))]
    #[allow(clippy::too_many_arguments)]
    fn roadmap(
        &self,
        py: Python<'_>,
        offers: Option<&Bound<'_, PyAny>>,
        piloting: Option<&Bound<'_, PyAny>>,
        planned: Option<&Bound<'_, PyAny>>,
        unknown: Option<&Bound<'_, PyAny>>,
        goals: Option<&Bound<'_, PyAny>>,
        constraints: Option<&Bound<'_, PyAny>>,
        budget: Option<&Bound<'_, PyAny>>,
        staff: Option<&Bound<'_, PyAny>>,
        space: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Roadmap> {
        let amounts = [budget, staff, space];
        let profile =
            ProfileArgs { offers, piloting, planned, unknown, goals, constraints, amounts, name: None }.profile(py)?;
        let roadmap = self.inner.roadmap(&profile).map_err(|e| errors::engine(py, e))?;
        Ok(Roadmap::new(&self.inner, roadmap))
    }

    /// What changes if the library offers `add` and stops offering `remove` (lists of program
    /// ids). The profile arguments are those of `assess`.
    #[pyo3(signature = (offers=None, *, add=None, remove=None, piloting=None, planned=None, unknown=None, goals=None, constraints=None, budget=None, staff=None, space=None))]
    #[allow(clippy::too_many_arguments)]
    fn what_if(
        &self,
        py: Python<'_>,
        offers: Option<&Bound<'_, PyAny>>,
        add: Option<&Bound<'_, PyAny>>,
        remove: Option<&Bound<'_, PyAny>>,
        piloting: Option<&Bound<'_, PyAny>>,
        planned: Option<&Bound<'_, PyAny>>,
        unknown: Option<&Bound<'_, PyAny>>,
        goals: Option<&Bound<'_, PyAny>>,
        constraints: Option<&Bound<'_, PyAny>>,
        budget: Option<&Bound<'_, PyAny>>,
        staff: Option<&Bound<'_, PyAny>>,
        space: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<WhatIf> {
        let amounts = [budget, staff, space];
        let profile =
            ProfileArgs { offers, piloting, planned, unknown, goals, constraints, amounts, name: None }.profile(py)?;
        let (add, remove) = (ids(add, "add")?, ids(remove, "remove")?);
        let change = self.inner.what_if(&profile, &add, &remove).map_err(|e| errors::engine(py, e))?;
        Ok(WhatIf::new(&self.inner, change))
    }

    /// A profile file (TOML, JSON, YAML) checked against this catalog, as a dict of the
    /// keyword arguments `assess` takes (flat, like a row of `assess_many`).
    fn load_profile<'py>(&self, py: Python<'py>, path: PathBuf) -> PyResult<Bound<'py, PyDict>> {
        let profile = smartlib::load_profile(&path, &self.inner).map_err(|e| errors::content(py, e))?;
        profile_dict(py, &profile)
    }

    /// One row of a table (a dict whose keys are its columns: program ids holding statuses,
    /// or `offers` lists, plus `goals`, `budget`, `staff`, `space`, `name`), read exactly as
    /// `assess_many` reads it, as the keyword arguments `assess` takes. `row` numbers it in
    /// messages.
    #[pyo3(signature = (values, *, row = 1))]
    fn row_profile<'py>(
        &self,
        py: Python<'py>,
        values: &Bound<'py, PyAny>,
        row: usize,
    ) -> PyResult<Bound<'py, PyDict>> {
        let (names, cells) = table::loose_row(values)?;
        let columns = self.inner.columns(&names).map_err(|e| errors::engine(py, e))?;
        let cells: Vec<smartlib::Cell<'_>> = cells.iter().map(table::Owned::cell).collect();
        let profile = self.inner.row_profile(&columns, row, &cells).map_err(|e| errors::engine(py, e))?;
        profile_dict(py, &profile)
    }

    /// The whole catalog as plain data (the format `from_str` reads), policy included.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py.import("json")?.call_method1("loads", (self.to_json("json")?,))
    }

    /// The whole catalog as `"json"` or `"toml"` text, which `from_str` reads back to an equal
    /// catalog (same fingerprint).
    #[pyo3(signature = (format = "json"))]
    fn to_json(&self, format: &str) -> PyResult<String> {
        let format: smartlib::Format = format.parse().map_err(PyValueError::new_err)?;
        smartlib::export_catalog(self.inner.data(), format).map_err(|e| PyValueError::new_err(e.to_string()))
    }

    /// Scores many libraries: a pandas or polars DataFrame (or LazyFrame), a list of dicts (keys
    /// are columns), or a list of id lists. Columns are read as the CLI's `batch` reads them:
    /// one column per program id holding a status (`True`/`False`, 1/0, yes/no, offered,
    /// piloting, planned, not-offered, unknown; a missing value or a program without a column is
    /// unknown), or an `offers` column of ids (lists or `a;b` text) with optional `piloting`,
    /// `planned`, `unknown`; plus `goals`, `budget`, `staff`, `space`. Anything else in a status
    /// cell, and a column one typo away from a program id, raises `ProfileError` naming the row
    /// and column. Returns a DataFrame (polars for polars input, otherwise pandas): with
    /// `shape="wide"`, one row per library with `level`, `reached`, `level_min`, `level_max`,
    /// `unknown_<tier>` and `rec_i`, `rec_i_action` for i = 1 … `top` (`top=0`: levels and
    /// ranges only); with `shape="long"`, one row per library and recommendation with `index`,
    /// `rank`, `program`, `tier`, `action`, `score` and `reasons`.
    #[pyo3(signature = (data, *, top = 5, shape = "wide"))]
    fn assess_many<'py>(
        slf: &Bound<'py, Self>,
        data: &Bound<'py, PyAny>,
        top: i64,
        shape: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        slf.py().import("smartlib._frames")?.call_method1("assess_many", (slf, data, top, shape))
    }

    /// What `assess_many` must hand over for each named column: `status`, `amount`, `ids` or
    /// `carried` (nothing). Refuses the columns as the CLI does (a name one typo away from a
    /// program id, no program column, …).
    fn _column_kinds(&self, py: Python<'_>, names: Vec<String>) -> PyResult<Vec<&'static str>> {
        let columns = self.inner.columns(&names).map_err(|e| errors::engine(py, e))?;
        Ok(table::column_kinds(&columns))
    }

    /// The ids the batch answers' codes point into: `tier`, `program`, `action` and `reasons`
    /// (reason kinds, by bit).
    fn _frame_ids<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        table::frame_ids(py, &self.inner)
    }

    /// Batch kernel for a pandas table given column by column: each entry of `data` is `None`
    /// (carried), `("codes", signed little-endian bytes, values)` or `("values", list)`.
    /// Returns the answer's columns as `[(name, kind, numpy dtype, bytes)]`.
    fn _assess_table<'py>(
        &self,
        py: Python<'py>,
        names: Vec<String>,
        data: &Bound<'py, PyList>,
        rows: usize,
        top: usize,
        shape: &str,
    ) -> PyResult<Bound<'py, PyList>> {
        let shape = table::Shape::named(shape)?;
        let handed = table::Handed::all(data)?;
        let table = table::Table::from_pandas(py, &self.inner, &names, &handed, rows)?;
        table::assess_table(py, &self.inner, &table, top, shape)?.into_buffers(py)
    }

    /// Batch kernel for a polars table as an Arrow IPC stream (only the columns read). Returns
    /// the answer as an Arrow IPC stream and `[(name, kind)]`.
    fn _assess_arrow<'py>(
        &self,
        py: Python<'py>,
        ipc: &[u8],
        top: usize,
        shape: &str,
    ) -> PyResult<Bound<'py, PyTuple>> {
        let shape = table::Shape::named(shape)?;
        let table = table::Table::from_arrow(py, &self.inner, ipc)?;
        table::assess_table(py, &self.inner, &table, top, shape)?.into_arrow(py)
    }

    /// Batch kernel for rows given as dicts (keys are columns) or id lists; answers as
    /// `_assess_table` does.
    fn _assess_rows<'py>(
        &self,
        py: Python<'py>,
        rows: &Bound<'py, PyAny>,
        top: usize,
        shape: &str,
    ) -> PyResult<Bound<'py, PyList>> {
        let shape = table::Shape::named(shape)?;
        let rows = table::Loose::from_python(rows)?;
        table::assess_rows(py, &self.inner, &rows, top, shape)?.into_buffers(py)
    }

    /// `(Catalog._embedded, (fingerprint,))` for the embedded catalog with the default policy
    /// (a few dozen bytes), otherwise `(Catalog.from_str, (json, "json", "<pickle>"))`: the
    /// catalog's own text form, read back and validated like any catalog.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let py = slf.py();
        let inner = &slf.get().inner;
        if same_data(inner, &smartlib::default_catalog()) {
            let fingerprint = inner.content().fingerprint.to_string();
            return Ok((slf.get_type().getattr("_embedded")?, (fingerprint,).into_pyobject(py)?));
        }
        let text = serde_json::to_string(inner.data()).map_err(|e| PyValueError::new_err(e.to_string()))?;
        Ok((slf.get_type().getattr("from_str")?, (text, "json", "<pickle>").into_pyobject(py)?))
    }

    /// The catalog itself: it is immutable.
    fn __copy__(slf: Py<Self>) -> Py<Self> {
        slf
    }

    /// The catalog itself: it is immutable.
    fn __deepcopy__(slf: Py<Self>, _memo: &Bound<'_, PyAny>) -> Py<Self> {
        slf
    }

    /// Dask's token for the catalog: its fingerprint, so equal catalogs share cached results.
    fn __dask_tokenize__(&self) -> String {
        self.inner.content().fingerprint.to_string()
    }

    fn __repr__(&self) -> String {
        let content = self.inner.content();
        format!(
            "Catalog(name={}, version={}, programs={})",
            py_str(&content.name),
            py_str(&content.version),
            self.inner.programs().len()
        )
    }

    fn _repr_html_(&self) -> String {
        let content = self.inner.content();
        let mut html = format!(
            "<div class=\"smartlib-catalog\"><p><strong>{}</strong> {}: {} programs in {} tiers</p><table><thead><tr><th>Tier</th><th>Program</th><th>id</th><th>Builds on</th></tr></thead><tbody>",
            escape(&content.name),
            escape(&content.version),
            self.inner.programs().len(),
            self.inner.tiers().len()
        );
        for tier in self.inner.tiers() {
            for program in self.inner.programs().iter().filter(|p| p.tier == tier.id) {
                let builds_on: Vec<&str> = program.builds_on.iter().map(|link| link.program.as_ref()).collect();
                html.push_str(&format!(
                    "<tr><td>{}</td><td>{}</td><td><code>{}</code></td><td>{}</td></tr>",
                    escape(&tier.name),
                    escape(&program.name),
                    escape(&program.id),
                    escape(&builds_on.join(", "))
                ));
            }
        }
        html.push_str("</tbody></table></div>");
        html
    }
}

/// The JSON Schema of a file kind ("catalog", "profile", "catalog-manifest", "program",
/// "guide", "example-library"), as a dict.
#[pyfunction]
pub(crate) fn schema<'py>(py: Python<'py>, kind: &str) -> PyResult<Bound<'py, PyAny>> {
    let schema = smartlib::content::schema_named(kind).ok_or_else(|| {
        PyValueError::new_err(format!(
            "no schema \"{kind}\" (catalog, profile, catalog-manifest, program, guide, example-library)"
        ))
    })?;
    py.import("json")?.call_method1("loads", (schema.to_string(),))
}
