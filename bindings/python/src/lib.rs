//! Python bindings: `import smartlib`. This compiled module is `smartlib._smartlib`; the
//! package around it (`python/smartlib`) adds the exception classes, DataFrame batch scoring,
//! survey crosswalks and type stubs.
//!
//! | file | purpose |
//! |---|---|
//! | `catalog.rs` | `Catalog`: loading, browsing, assess / recommend / roadmap / what-if, batch kernels |
//! | `objects.rs` | the value classes returned to Python (programs, assessments, reasons, …) |
//! | `errors.rs` | every Rust error raised as one of `smartlib.errors`' exceptions |

mod catalog;
mod errors;
mod objects;

use pyo3::prelude::*;

#[pymodule]
fn _smartlib(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_class::<catalog::Catalog>()?;
    objects::register(module)?;
    module.add_function(wrap_pyfunction!(catalog::schema, module)?)?;
    module.add("CATALOG_VERSION", smartlib::CATALOG_VERSION)?;
    module.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
