//! Every Rust error becomes one of the package's exceptions (defined in `smartlib/errors.py`,
//! so they can also be `KeyError` or `ValueError`), with the ids and positions as attributes.

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::types::PyDict;
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

/// A content error: `.diagnostics` lists every problem as a dict with origin, line, column,
/// path, kind and message.
pub(crate) fn content(py: Python<'_>, error: ContentError) -> PyErr {
    let diagnostics: Vec<Bound<'_, PyDict>> = error
        .diagnostics()
        .iter()
        .filter_map(|diagnostic| {
            let dict = PyDict::new(py);
            let position = diagnostic.position;
            let entries: [(&str, Bound<'_, PyAny>); 6] = [
                ("origin", diagnostic.origin.clone().into_pyobject(py).ok()?.into_any()),
                ("line", position.map(|p| p.line).into_pyobject(py).ok()?.into_any()),
                ("column", position.map(|p| p.column).into_pyobject(py).ok()?.into_any()),
                ("path", diagnostic.path.to_string().into_pyobject(py).ok()?.into_any()),
                ("kind", diagnostic.kind.as_str().into_pyobject(py).ok()?.into_any()),
                ("message", diagnostic.message.clone().into_pyobject(py).ok()?.into_any()),
            ];
            for (key, value) in entries {
                dict.set_item(key, value).ok()?;
            }
            Some(dict)
        })
        .collect();
    let list =
        pyo3::types::PyList::new(py, diagnostics).map(Bound::into_any).unwrap_or_else(|_| py.None().into_bound(py));
    raise(py, "ContentError", error.to_string(), &[("diagnostics", list)])
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
