//! Every Rust error becomes one of the package's exceptions (defined in `smartlib/errors.py`,
//! so they can also be `KeyError` or `ValueError`), with the ids and positions as attributes.

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use smartlib::{ContentError, Error, ErrorKind, Segment};

/// Builds an instance of `smartlib.errors.<class>` with `message` and attributes.
fn raise<'py>(py: Python<'py>, class: &str, message: String, attributes: &[(&str, Bound<'py, PyAny>)]) -> PyErr {
    let build = || -> PyResult<PyErr> {
        let instance = py.import("smartlib.errors")?.getattr(class)?.call1((message.clone(),))?;
        for (name, value) in attributes {
            instance.setattr(*name, value)?;
        }
        Ok(PyErr::from_value(instance))
    };
    build().unwrap_or_else(|_| PyRuntimeError::new_err(message.clone()))
}

/// An engine error, with its position as attributes: `path` (the whole position as text),
/// `row` and `column` (table input), `id` and `suggestion` (the nearest valid id or name).
pub(crate) fn engine(py: Python<'_>, error: Error) -> PyErr {
    let text = |value: &str| value.into_pyobject(py).map(Bound::into_any).unwrap_or_else(|_| py.None().into_bound(py));
    let optional = |value: Option<&str>| value.map_or_else(|| py.None().into_bound(py), text);
    let row = error
        .row()
        .and_then(|row| row.into_pyobject(py).ok())
        .map_or_else(|| py.None().into_bound(py), Bound::into_any);
    let column = error.path.segments().iter().find_map(|segment| match segment {
        Segment::Column(column) => Some(column.as_ref()),
        _ => None,
    });
    let mut attributes = vec![("path", text(&error.path.to_string())), ("row", row), ("column", optional(column))];
    let class = match &error.kind {
        ErrorKind::UnknownProgram { id, suggestion } => {
            attributes.extend([("id", text(id)), ("suggestion", optional(suggestion.as_deref()))]);
            "UnknownProgramError"
        }
        ErrorKind::UnknownGoal { id, suggestion } => {
            attributes.extend([("id", text(id)), ("suggestion", optional(suggestion.as_deref()))]);
            "UnknownGoalError"
        }
        ErrorKind::ConflictingStatus { id, .. } => {
            attributes.push(("id", text(id)));
            "ProfileError"
        }
        ErrorKind::NearMissColumn { suggestion, .. } => {
            attributes.push(("suggestion", text(suggestion)));
            "ProfileError"
        }
        ErrorKind::BadStatus { .. }
        | ErrorKind::BadAmount { .. }
        | ErrorKind::NotIds { .. }
        | ErrorKind::NotText { .. }
        | ErrorKind::DuplicateColumn { .. }
        | ErrorKind::NotAColumn { .. }
        | ErrorKind::NoProgramColumns
        | ErrorKind::MixedColumns { .. }
        | ErrorKind::WrongCellCount { .. } => "ProfileError",
        ErrorKind::Catalog(_) => "ContentError",
        _ => "SmartlibError",
    };
    raise(py, class, error.to_string(), &attributes)
}

/// Diagnostics as a list of dicts with origin, line, column, path, kind, message, id and
/// suggestion: a content error's problems, or a catalog's warnings.
pub(crate) fn diagnostics<'py>(
    py: Python<'py>,
    diagnostics: &[smartlib::content::Diagnostic],
) -> PyResult<Bound<'py, PyList>> {
    let dicts = diagnostics
        .iter()
        .map(|diagnostic| {
            let dict = PyDict::new(py);
            let position = diagnostic.position;
            dict.set_item("origin", &diagnostic.origin)?;
            dict.set_item("line", position.map(|p| p.line))?;
            dict.set_item("column", position.map(|p| p.column))?;
            dict.set_item("path", diagnostic.path.to_string())?;
            dict.set_item("kind", diagnostic.kind.as_str())?;
            dict.set_item("message", &diagnostic.message)?;
            dict.set_item("id", diagnostic.id.as_deref())?;
            dict.set_item("suggestion", diagnostic.suggestion.as_deref())?;
            Ok(dict)
        })
        .collect::<PyResult<Vec<_>>>()?;
    PyList::new(py, dicts)
}

/// A content error: `.diagnostics` lists every problem (at most 100) as a dict (see
/// [`diagnostics`]), `.omitted` counts the problems past them, `.count` all of them; the message
/// is the first problem and how many more.
pub(crate) fn content(py: Python<'_>, error: ContentError) -> PyErr {
    let none = || py.None().into_bound(py);
    let list = diagnostics(py, error.diagnostics()).map_or_else(|_| none(), Bound::into_any);
    let number = |n: usize| n.into_pyobject(py).map_or_else(|_| none(), Bound::into_any);
    let attributes = [("diagnostics", list), ("omitted", number(error.omitted())), ("count", number(error.count()))];
    raise(py, "ContentError", error.to_string(), &attributes)
}

/// A profile given from Python that does not have the shape of one (wrong types, unknown keys).
pub(crate) fn profile(py: Python<'_>, message: String) -> PyErr {
    raise(py, "ProfileError", message, &[])
}

/// A policy change `with_policy` cannot make (unknown key, wrong type, out of range); `path`
/// names the key, such as `policy.weights.goal`.
pub(crate) fn policy(py: Python<'_>, message: String, path: &str) -> PyErr {
    let path = path.into_pyobject(py).map(Bound::into_any).unwrap_or_else(|_| py.None().into_bound(py));
    raise(py, "PolicyError", message, &[("path", path)])
}
