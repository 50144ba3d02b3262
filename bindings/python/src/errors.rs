//! Every Rust error becomes one of the package's exceptions (defined in `smartlib/errors.py`,
//! so they can also be `KeyError` or `ValueError`), with the ids and positions as attributes.

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use smartlib::{ContentError, Error, ErrorKind};

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

/// An engine error: unknown ids name the nearest valid one in `.suggestion`.
pub(crate) fn engine(py: Python<'_>, error: Error) -> PyErr {
    engine_with_prefix(py, error, "")
}

/// The same, with a prefix such as `row 12: ` for batch input.
pub(crate) fn engine_with_prefix(py: Python<'_>, error: Error, prefix: &str) -> PyErr {
    let message = format!("{prefix}{error}");
    let text = |value: &str| value.into_pyobject(py).map(Bound::into_any).unwrap_or_else(|_| py.None().into_bound(py));
    let optional = |value: Option<&str>| match value {
        Some(value) => text(value),
        None => py.None().into_bound(py),
    };
    let path = &error.path;
    match &error.kind {
        ErrorKind::UnknownProgram { id, suggestion } => raise(
            py,
            "UnknownProgramError",
            message,
            &[("id", text(id)), ("suggestion", optional(suggestion.as_deref())), ("path", text(&path.to_string()))],
        ),
        ErrorKind::UnknownGoal { id, suggestion } => raise(
            py,
            "UnknownGoalError",
            message,
            &[("id", text(id)), ("suggestion", optional(suggestion.as_deref())), ("path", text(&path.to_string()))],
        ),
        ErrorKind::ConflictingStatus { id, .. } => {
            raise(py, "ProfileError", message, &[("id", text(id)), ("path", text(&path.to_string()))])
        }
        ErrorKind::Catalog(_) => raise(py, "ContentError", message, &[]),
        _ => raise(py, "SmartlibError", message, &[]),
    }
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
