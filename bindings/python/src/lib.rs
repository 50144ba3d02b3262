//! Python bindings: `import smartlib`. This compiled module is `smartlib._smartlib`; the
//! package around it (`python/smartlib`) adds the exception classes, DataFrame batch scoring,
//! survey crosswalks and type stubs.
//!
//! | file | purpose |
//! |---|---|
//! | `catalog.rs` | `Catalog`: loading, browsing, assess / recommend / roadmap / what-if, batch entry points |
//! | `objects.rs` | the value classes returned to Python: catalog entries, and answers copied from the core's views |
//! | `table.rs` | Python values, dicts, pandas columns and polars frames (Arrow IPC) as the core's table cells; the batch kernel and its answers as columns |
//! | `errors.rs` | every Rust error raised as one of `smartlib.errors`' exceptions |

mod catalog;
mod errors;
mod objects;
mod table;

use pyo3::prelude::*;

#[pymodule]
fn _smartlib(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_class::<catalog::Catalog>()?;
    objects::register(module)?;
    module.add_function(wrap_pyfunction!(catalog::schema, module)?)?;
    module.add_function(wrap_pyfunction!(_panic_probe, module)?)?;
    module.add("CATALOG_VERSION", smartlib::CATALOG_VERSION)?;
    // The engine's version is the package's: the core owns it.
    module.add("__version__", smartlib::VERSION)?;
    let schema = smartlib::content::SCHEMA_VERSION;
    module.add("SCHEMA_VERSION", schema.to_string())?;
    module.add("SCHEMA_MAJOR", schema.major)?;
    module.add("SCHEMA_MINOR", schema.minor)?;
    Ok(())
}

/// Panics on purpose. The tests call it to show that a Rust panic in the built extension reaches
/// Python as an exception (`pyo3_runtime.PanicException`) and the interpreter goes on: a build
/// with `panic = "abort"` would fail them.
#[pyfunction]
fn _panic_probe() {
    panic!("a deliberate panic, to test that panics stay inside Python");
}
