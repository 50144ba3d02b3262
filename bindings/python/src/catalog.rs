//! `smartlib.Catalog`: the toolbox (or your own catalog) and every engine call, taking plain
//! Python values. Batch calls release the GIL while they compute.

use std::path::PathBuf;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyString};
use smartlib::{Policy, Profile, Status};

use crate::errors;
use crate::objects::{
    Assessment, Dimension, ExampleLibrary, Guide, Program, Recommendation, Roadmap, Tier, WhatIf, escape, py_str,
};

/// A validated catalog of programs, tiers, roles, guides and example libraries.
///
/// `Catalog.default()` is the embedded toolbox. Objects are immutable and safe to share across
/// threads.
#[pyclass(frozen, module = "smartlib")]
pub(crate) struct Catalog {
    pub(crate) inner: smartlib::Catalog,
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
        Ok(profile)
    }
}

/// A policy with the given changes (keys of `Policy`; `weights` is a dict of weight changes).
fn changed_policy(py: Python<'_>, policy: &Policy, changes: &Bound<'_, PyDict>) -> PyResult<Policy> {
    let text: String = py.import("json")?.call_method1("dumps", (changes,))?.extract()?;
    let changes: serde_json::Value = serde_json::from_str(&text).map_err(|e| PyValueError::new_err(e.to_string()))?;
    policy.with_changes(&changes).map_err(|e| errors::profile(py, format!("policy: {e}")))
}

#[pymethods]
impl Catalog {
    /// The embedded toolbox catalog.
    #[staticmethod]
    fn default() -> Catalog {
        Catalog { inner: smartlib::default_catalog() }
    }

    /// A catalog from a TOML, JSON or YAML file, or a catalog directory.
    #[staticmethod]
    fn load(py: Python<'_>, path: PathBuf) -> PyResult<Catalog> {
        let loaded = py.detach(|| smartlib::load_catalog(&path));
        loaded.map(|inner| Catalog { inner }).map_err(|e| errors::content(py, e))
    }

    /// A catalog from text in `format` ("toml", "json" or "yaml").
    #[staticmethod]
    #[pyo3(signature = (text, format = "toml", origin = "<string>"))]
    fn from_str(py: Python<'_>, text: &str, format: &str, origin: &str) -> PyResult<Catalog> {
        let format: smartlib::Format = format.parse().map_err(PyValueError::new_err)?;
        smartlib::parse_catalog(text, format, origin).map(|inner| Catalog { inner }).map_err(|e| errors::content(py, e))
    }

    #[getter]
    fn name(&self) -> String {
        self.inner.content().name.to_string()
    }
    #[getter]
    fn version(&self) -> String {
        self.inner.content().version.to_string()
    }
    /// A hash of the whole content: equal data, equal fingerprint.
    #[getter]
    fn fingerprint(&self) -> String {
        self.inner.content().fingerprint.to_string()
    }
    #[getter]
    fn tiers(&self) -> Vec<Tier> {
        self.inner.tiers().iter().map(Tier::from).collect()
    }
    #[getter]
    fn programs(&self) -> Vec<Program> {
        self.inner.programs().iter().map(Program::from).collect()
    }
    #[getter]
    fn program_ids(&self) -> Vec<String> {
        self.inner.programs().iter().map(|p| p.id.to_string()).collect()
    }
    #[getter]
    fn roles(&self) -> Vec<Dimension> {
        self.inner.roles().iter().map(Dimension::from).collect()
    }
    #[getter]
    fn areas(&self) -> Vec<Dimension> {
        self.inner.areas().iter().map(Dimension::from).collect()
    }
    #[getter]
    fn processes(&self) -> Vec<Guide> {
        self.inner.processes().iter().map(Guide::from).collect()
    }
    #[getter]
    fn outreach(&self) -> Vec<Guide> {
        self.inner.outreach().iter().map(Guide::from).collect()
    }
    #[getter]
    fn examples(&self) -> Vec<ExampleLibrary> {
        self.inner.examples().iter().map(ExampleLibrary::from).collect()
    }
    /// The threshold and weights, as a dict.
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

    /// The same catalog with policy changes, e.g. `with_policy(established_share=0.8)` or
    /// `with_policy(weights={"goal": 30})`.
    #[pyo3(signature = (**changes))]
    fn with_policy(&self, py: Python<'_>, changes: Option<&Bound<'_, PyDict>>) -> PyResult<Catalog> {
        let policy = match changes {
            Some(changes) => changed_policy(py, self.inner.policy(), changes)?,
            None => self.inner.policy().clone(),
        };
        self.inner.with_policy(policy).map(|inner| Catalog { inner }).map_err(|e| errors::engine(py, e.into()))
    }

    /// Assesses a library: level, tiers, roles, the shortest way up and the best next programs.
    #[pyo3(signature = (offers=None, *, piloting=None, planned=None, unknown=None, goals=None, constraints=None, name=None, top=None))]
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
        name: Option<String>,
        top: Option<usize>,
    ) -> PyResult<Assessment> {
        let profile = ProfileArgs { offers, piloting, planned, unknown, goals, constraints, name }.profile(py)?;
        let top = top.unwrap_or(self.inner.policy().recommendations);
        let assessment = self.inner.assess_top(&profile, top).map_err(|e| errors::engine(py, e))?;
        Ok(Assessment::new(&self.inner, assessment))
    }

    /// Every program not offered yet (or the best `limit`), best first, with reasons.
    #[pyo3(signature = (offers=None, *, piloting=None, planned=None, unknown=None, goals=None, constraints=None, limit=None))]
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
        limit: Option<usize>,
    ) -> PyResult<Vec<Recommendation>> {
        let profile = ProfileArgs { offers, piloting, planned, unknown, goals, constraints, name: None }.profile(py)?;
        let recommendations =
            self.inner.recommend(&profile, limit.unwrap_or(usize::MAX)).map_err(|e| errors::engine(py, e))?;
        Ok(recommendations.into_iter().map(|r| Recommendation::new(&self.inner, r)).collect())
    }

    /// Every program not offered yet, in phases that respect what builds on what.
    #[pyo3(signature = (offers=None, *, piloting=None, planned=None, unknown=None, goals=None, constraints=None))]
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
    ) -> PyResult<Roadmap> {
        let profile = ProfileArgs { offers, piloting, planned, unknown, goals, constraints, name: None }.profile(py)?;
        let roadmap = self.inner.roadmap(&profile).map_err(|e| errors::engine(py, e))?;
        Ok(Roadmap::new(&self.inner, roadmap))
    }

    /// What changes if the library offers `add` and stops offering `remove`.
    #[pyo3(signature = (offers=None, *, add=None, remove=None, piloting=None, planned=None, unknown=None, goals=None, constraints=None))]
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
    ) -> PyResult<WhatIf> {
        let profile = ProfileArgs { offers, piloting, planned, unknown, goals, constraints, name: None }.profile(py)?;
        let (add, remove) = (ids(add, "add")?, ids(remove, "remove")?);
        let change = self.inner.what_if(&profile, &add, &remove).map_err(|e| errors::engine(py, e))?;
        Ok(WhatIf::new(&self.inner, change))
    }

    /// A profile file (TOML, JSON, YAML) checked against this catalog, as a dict of the
    /// keyword arguments `assess` takes.
    fn load_profile<'py>(&self, py: Python<'py>, path: PathBuf) -> PyResult<Bound<'py, PyAny>> {
        let profile = smartlib::load_profile(&path, &self.inner).map_err(|e| errors::content(py, e))?;
        let mut json = serde_json::to_value(&profile).map_err(|e| PyValueError::new_err(e.to_string()))?;
        if let Some(object) = json.as_object_mut() {
            for key in ["$schema", "partners", "content_version"] {
                object.remove(key);
            }
        }
        py.import("json")?.call_method1("loads", (json.to_string(),))
    }

    /// The whole catalog as plain data (the format `from_str` reads).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py.import("json")?.call_method1("loads", (self.to_json("json")?,))
    }

    /// The whole catalog as JSON or TOML text.
    #[pyo3(signature = (format = "json"))]
    fn to_json(&self, format: &str) -> PyResult<String> {
        let format: smartlib::Format = format.parse().map_err(PyValueError::new_err)?;
        smartlib::export_catalog(self.inner.data(), format).map_err(|e| PyValueError::new_err(e.to_string()))
    }

    /// Scores many libraries: a list of id lists, a list of profile dicts, or a pandas / polars
    /// DataFrame (one bool column per program id, or an `offers` column of lists). Returns a
    /// DataFrame (pandas when given pandas) with `level`, `reached`, `level_min`, `level_max`
    /// and `rec_1` … `rec_<top>`, on the input's index.
    #[pyo3(signature = (data, *, top = 5))]
    fn assess_many<'py>(slf: &Bound<'py, Self>, data: &Bound<'py, PyAny>, top: usize) -> PyResult<Bound<'py, PyAny>> {
        slf.py().import("smartlib._frames")?.call_method1("assess_many", (slf, data, top))
    }

    /// Batch kernel: `codes` holds `rows` × programs status codes (0 not offered, 1 offered,
    /// 2 piloting, 3 planned, 4 unknown), row-major. Returns (levels, level maxima, top program
    /// positions) as little-endian u32, u32 and i32 buffers (-1 where there are fewer than `top`).
    fn _summarize_codes<'py>(
        &self,
        py: Python<'py>,
        codes: &[u8],
        rows: usize,
        top: usize,
    ) -> PyResult<Bound<'py, PyAny>> {
        let programs = self.inner.programs().len();
        if rows.checked_mul(programs) != Some(codes.len()) {
            return Err(PyValueError::new_err(format!(
                "expected {rows} × {programs} status codes, got {}",
                codes.len()
            )));
        }
        if let Some(bad) = codes.iter().find(|&&code| code > 4) {
            return Err(PyValueError::new_err(format!("status code {bad} is not 0-4")));
        }
        let buffers = py.detach(|| {
            const STATUSES: [Status; 5] =
                [Status::NotOffered, Status::Offered, Status::Piloting, Status::Planned, Status::Unknown];
            summarize(&self.inner, rows, top, |row, profile, scratch: &mut Vec<Status>| {
                scratch.clear();
                scratch.extend(
                    codes[row * programs..(row + 1) * programs].iter().map(|&code| STATUSES[usize::from(code)]),
                );
                profile.set_statuses(scratch)
            })
        });
        buffers_to_python(py, buffers.map_err(|e| e.into_py(py))?)
    }

    /// Batch kernel for profiles given as id lists or dicts; same outputs as `_summarize_codes`.
    fn _summarize_profiles<'py>(
        &self,
        py: Python<'py>,
        rows: &Bound<'py, PyAny>,
        top: usize,
    ) -> PyResult<Bound<'py, PyAny>> {
        let mut profiles = Vec::new();
        for (position, row) in rows.try_iter()?.enumerate() {
            let row = row?;
            let profile = if let Ok(dict) = row.cast::<PyDict>() {
                let get = |key: &str| dict.get_item(key).ok().flatten();
                let (offers, piloting, planned, unknown, goals, constraints) =
                    (get("offers"), get("piloting"), get("planned"), get("unknown"), get("goals"), get("constraints"));
                for key in dict.keys() {
                    let key: String = key.extract().unwrap_or_default();
                    if !["offers", "piloting", "planned", "unknown", "goals", "constraints", "name", "id"]
                        .contains(&key.as_str())
                    {
                        return Err(errors::profile(
                            py,
                            format!(
                                "row {position}: unknown key \"{key}\" (profile keys: offers, piloting, planned, unknown, goals, constraints)"
                            ),
                        ));
                    }
                }
                let args = ProfileArgs {
                    offers: offers.as_ref(),
                    piloting: piloting.as_ref(),
                    planned: planned.as_ref(),
                    unknown: unknown.as_ref(),
                    goals: goals.as_ref(),
                    constraints: constraints.as_ref(),
                    name: None,
                };
                args.profile(py)
            } else {
                ids(Some(&row), "offers").map(Profile::offering)
            };
            profiles.push(profile.map_err(|error| prefix_error(py, error, position))?);
        }
        let buffers = py.detach(|| {
            summarize(&self.inner, profiles.len(), top, |row, profile, _: &mut Vec<Status>| {
                *profile = self.inner.resolve(&profiles[row])?;
                Ok(())
            })
        });
        buffers_to_python(py, buffers.map_err(|e| e.into_py(py))?)
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
                let builds_on: Vec<&str> = program.builds_on.iter().map(|id| id.as_ref()).collect();
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

/// Adds `row N: ` to a profile error raised while reading batch input.
fn prefix_error(py: Python<'_>, error: PyErr, row: usize) -> PyErr {
    let value = error.value(py);
    if let Ok(message) = value.str() {
        let _ = value.setattr("args", (format!("row {row}: {message}"),));
    }
    error
}

/// The three output buffers of a batch: levels, level maxima, top positions.
type Buffers = (Vec<u8>, Vec<u8>, Vec<u8>);

/// Why a batch stopped: a row the engine refused, or a worker that panicked.
enum BatchError {
    Row(usize, smartlib::Error),
    Panicked,
}

impl BatchError {
    fn into_py(self, py: Python<'_>) -> PyErr {
        match self {
            BatchError::Row(row, error) => errors::engine_with_prefix(py, error, &format!("row {row}: ")),
            BatchError::Panicked => pyo3::exceptions::PyRuntimeError::new_err("a batch worker failed unexpectedly"),
        }
    }
}

/// Below this many rows one thread is faster than starting more.
const ROWS_PER_THREAD: usize = 10_000;

/// Fills a profile for every row with `fill` and summarizes it into little-endian buffers, in
/// row order. Large batches are split across the machine's cores (the caller released the GIL).
fn summarize<F>(catalog: &smartlib::Catalog, rows: usize, top: usize, fill: F) -> Result<Buffers, BatchError>
where
    F: Fn(usize, &mut smartlib::ResolvedProfile, &mut Vec<Status>) -> Result<(), smartlib::Error> + Sync,
{
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let threads = (rows / ROWS_PER_THREAD).clamp(1, cores);
    let chunk = rows.div_ceil(threads).max(1);
    let chunks: Vec<Result<Buffers, BatchError>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|t| {
                let range = (t * chunk).min(rows)..((t + 1) * chunk).min(rows);
                let fill = &fill;
                scope.spawn(move || summarize_rows(catalog, range, top, fill))
            })
            .collect();
        workers.into_iter().map(|worker| worker.join().unwrap_or(Err(BatchError::Panicked))).collect()
    });
    let mut out: Buffers =
        (Vec::with_capacity(rows * 4), Vec::with_capacity(rows * 4), Vec::with_capacity(rows * top * 4));
    for chunk in chunks {
        let (levels, maxima, tops) = chunk?;
        out.0.extend(levels);
        out.1.extend(maxima);
        out.2.extend(tops);
    }
    Ok(out)
}

fn summarize_rows<F>(
    catalog: &smartlib::Catalog,
    rows: std::ops::Range<usize>,
    top: usize,
    fill: &F,
) -> Result<Buffers, BatchError>
where
    F: Fn(usize, &mut smartlib::ResolvedProfile, &mut Vec<Status>) -> Result<(), smartlib::Error>,
{
    let count = rows.len();
    let (mut levels, mut maxima, mut tops) =
        (Vec::with_capacity(count * 4), Vec::with_capacity(count * 4), Vec::with_capacity(count * top * 4));
    let mut profile = catalog.blank_profile();
    let mut scratch = Vec::with_capacity(catalog.programs().len());
    for row in rows {
        fill(row, &mut profile, &mut scratch).map_err(|error| BatchError::Row(row, error))?;
        let summary = catalog.summarize(&profile, top).map_err(|error| BatchError::Row(row, error))?;
        // Levels count tiers and positions count programs: both far below u32 / i32 limits.
        #[allow(clippy::cast_possible_truncation, clippy::cast_possible_wrap)]
        {
            levels.extend_from_slice(&(summary.level as u32).to_le_bytes());
            maxima.extend_from_slice(&(summary.level_range[1] as u32).to_le_bytes());
            for slot in 0..top {
                let position = summary.top.get(slot).map_or(-1, |&p| p as i32);
                tops.extend_from_slice(&position.to_le_bytes());
            }
        }
    }
    Ok((levels, maxima, tops))
}

fn buffers_to_python<'py>(py: Python<'py>, (levels, maxima, tops): Buffers) -> PyResult<Bound<'py, PyAny>> {
    let tuple = (PyBytes::new(py, &levels), PyBytes::new(py, &maxima), PyBytes::new(py, &tops));
    Ok(tuple.into_pyobject(py)?.into_any())
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
