//! WebAssembly bindings for smartlib (wasm-bindgen, `wasm32-unknown-unknown`).
//!
//! The exports speak JSON text: a profile or policy goes in as JSON, an answer comes out as
//! the core's view (`smartlib::view`) serialized by serde, and a refusal is thrown as the JSON
//! of a [`api::Failure`]. The npm package's `index.js` is the API JavaScript and TypeScript
//! use: it turns objects into that JSON and back, and the thrown JSON into a `SmartlibError`
//! with `kind`, `id`, `suggestion`, `path`, `line` and `column`. Nothing here words an answer:
//! the views do, and the board report is the CLI's own code.
//!
//! - `api.rs`: every call in plain Rust (tested on the host);
//! - `lib.rs`: the `#[wasm_bindgen]` exports.

pub mod api;
// The CLI's board report, compiled from the CLI's file so the page prints what
// `smartlib assess --format html` prints. Only `html` and `date` are used here.
#[allow(dead_code, unreachable_pub)]
#[path = "../../../crates/cli/src/report.rs"]
mod report;

use wasm_bindgen::prelude::*;

use crate::api::{Answer, Failure, Source};

fn thrown<T>(answer: Answer<T>) -> Result<T, JsValue> {
    answer.map_err(|failure: Box<Failure>| JsValue::from_str(&failure.to_json()))
}

fn limit(n: Option<u32>) -> Option<usize> {
    n.map(|n| n as usize)
}

/// A validated catalog: the embedded toolbox or one read from text.
#[wasm_bindgen]
pub struct Catalog {
    inner: smartlib::Catalog,
}

#[wasm_bindgen]
impl Catalog {
    /// The embedded toolbox catalog.
    pub fn toolbox() -> Catalog {
        Catalog { inner: smartlib::default_catalog() }
    }

    /// A catalog from text in `format` (`toml`, `json`, `yaml`); `origin` names it in messages.
    #[wasm_bindgen(js_name = fromText)]
    pub fn from_text(text: &str, format: &str, origin: &str) -> Result<Catalog, JsValue> {
        let format = thrown(api::format(format))?;
        let inner = thrown(smartlib::parse_catalog(text, format, origin).map_err(Box::<Failure>::from))?;
        Ok(Catalog { inner })
    }

    /// The same catalog with policy changes (a JSON object of policy fields).
    #[wasm_bindgen(js_name = withPolicy)]
    pub fn with_policy(&self, changes: &str) -> Result<Catalog, JsValue> {
        Ok(Catalog { inner: thrown(api::with_policy(&self.inner, changes))? })
    }

    /// The catalog's name.
    pub fn name(&self) -> String {
        self.inner.content().name.to_string()
    }

    /// Its content version.
    pub fn version(&self) -> String {
        self.inner.content().version.to_string()
    }

    /// A hash of its data.
    pub fn fingerprint(&self) -> String {
        self.inner.content().fingerprint.to_string()
    }

    /// The whole catalog as JSON (what `fromText` reads).
    #[wasm_bindgen(js_name = dataJson)]
    pub fn data_json(&self) -> Result<String, JsValue> {
        thrown(api::catalog_json(&self.inner))
    }

    /// A profile file's text, checked against the catalog; answers the profile as JSON.
    #[wasm_bindgen(js_name = readProfile)]
    pub fn read_profile(&self, text: &str, format: &str, origin: &str) -> Result<String, JsValue> {
        let format = thrown(api::format(format))?;
        let profile = thrown(api::read_profile(&self.inner, text, format, Source::Text(origin)))?;
        thrown(api::json(&profile))
    }

    /// A profile (JSON) written as a profile file in `format` (`toml` or `json`).
    #[wasm_bindgen(js_name = writeProfile)]
    pub fn write_profile(&self, profile: &str, format: &str) -> Result<String, JsValue> {
        let format = thrown(api::format(format))?;
        thrown(api::write_profile(&self.profile(profile)?, format))
    }

    /// The assessment view (JSON) of a profile (JSON); `top` recommendations (default: the
    /// policy's), `assume` `offered` or `not-offered` to read unknown programs one way.
    pub fn assess(&self, profile: &str, top: Option<u32>, assume: Option<String>) -> Result<String, JsValue> {
        let assume = thrown(api::assume(assume.as_deref()))?;
        thrown(api::assess(&self.inner, &self.profile(profile)?, limit(top), assume))
    }

    /// Recommendation views (JSON), best first: every program not offered yet, or the best `limit`.
    pub fn recommend(&self, profile: &str, limit_to: Option<u32>) -> Result<String, JsValue> {
        thrown(api::recommend(&self.inner, &self.profile(profile)?, limit(limit_to)))
    }

    /// The roadmap view (JSON).
    pub fn roadmap(&self, profile: &str) -> Result<String, JsValue> {
        thrown(api::roadmap(&self.inner, &self.profile(profile)?))
    }

    /// The what-if view (JSON) of offering `add` and dropping `remove`.
    #[wasm_bindgen(js_name = whatIf)]
    pub fn what_if(&self, profile: &str, add: Vec<String>, remove: Vec<String>) -> Result<String, JsValue> {
        thrown(api::what_if(&self.inner, &self.profile(profile)?, &add, &remove))
    }

    /// The CLI's board report (`smartlib assess --format html`) for `date` (`YYYY-MM-DD`).
    #[wasm_bindgen(js_name = reportHtml)]
    pub fn report_html(&self, profile: &str, date: &str, scores: bool) -> Result<String, JsValue> {
        thrown(api::report_html(&self.inner, &self.profile(profile)?, date, scores))
    }

    fn profile(&self, json: &str) -> Result<smartlib::Profile, JsValue> {
        thrown(api::read_profile(&self.inner, json, smartlib::Format::Json, Source::Object))
    }
}

/// Every view type and its fields (JSON: `{"Assessment": ["profile", …], …}`).
#[wasm_bindgen(js_name = viewFields)]
pub fn view_fields() -> Result<String, JsValue> {
    thrown(api::view_fields())
}

/// The version of the embedded toolbox content.
#[wasm_bindgen(js_name = contentVersion)]
pub fn content_version() -> String {
    smartlib::CATALOG_VERSION.to_owned()
}

/// What to do with a recommended program, in the core's words (`verify` → "verify first:
/// status unknown"); `undefined` for a name that is no action.
#[wasm_bindgen(js_name = actionLabel)]
pub fn action_label(action: &str) -> Option<String> {
    smartlib::Action::from_name(action).map(|action| action.label().to_owned())
}
