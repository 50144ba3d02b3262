//! The binding's calls in plain Rust: text (JSON, TOML) in, the core's views as JSON out, and
//! every refusal as a [`Failure`]. `lib.rs` only hands these to JavaScript, so the host's
//! `cargo test` checks them without a JS engine.

use serde::Serialize;
use smartlib::view::VIEW_FIELDS;
use smartlib::{AssumeUnknown, Catalog, ContentError, Error, ErrorKind, Format, Profile};

use crate::report;

/// Why a call was refused, as the JS `SmartlibError` carries it (the package's wrapper turns
/// this JSON into the exception's fields).
#[derive(Debug, Default, PartialEq, Serialize)]
pub struct Failure {
    /// `unknown-program`, `unknown-goal`, `conflicting-status`, `catalog`, `policy`, `format`,
    /// `profile`, or a content diagnostic's kind (`syntax`, `unknown-field`, …).
    pub kind: String,
    /// The engine's whole message, the same text the CLI prints after `smartlib: `.
    pub message: String,
    /// The id the error is about (an unknown program or goal, a program under two statuses).
    pub id: Option<String>,
    /// The nearest valid id.
    pub suggestion: Option<String>,
    /// The key path in the input (`offers[2]`), empty for the input as a whole.
    pub path: String,
    /// Where in the text, from 1, when the input was text.
    pub line: Option<usize>,
    /// The column, from 1.
    pub column: Option<usize>,
    /// Every problem of a catalog or profile text (the first is the one described above).
    pub problems: Vec<Problem>,
}

/// One problem of a content error.
#[derive(Debug, PartialEq, Serialize)]
pub struct Problem {
    /// The input's name.
    pub origin: String,
    /// Line, from 1.
    pub line: Option<usize>,
    /// Column, from 1.
    pub column: Option<usize>,
    /// Key path.
    pub path: String,
    /// Diagnostic kind.
    pub kind: String,
    /// What is wrong.
    pub message: String,
}

/// A call's answer: JSON text, or why not.
pub type Answer<T = String> = Result<T, Box<Failure>>;

impl Failure {
    fn new(kind: &str, message: String) -> Box<Failure> {
        Box::new(Failure { kind: kind.to_owned(), message, ..Failure::default() })
    }

    /// The failure as JSON, which the JS wrapper reads.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| r#"{"kind":"internal","message":"unreadable error"}"#.into())
    }
}

impl From<Error> for Box<Failure> {
    fn from(error: Error) -> Box<Failure> {
        let message = error.to_string();
        let path = error.path.to_string();
        let (kind, id, suggestion) = match error.kind {
            ErrorKind::UnknownProgram { id, suggestion } => ("unknown-program", Some(id), suggestion),
            ErrorKind::UnknownGoal { id, suggestion } => ("unknown-goal", Some(id), suggestion),
            ErrorKind::ConflictingStatus { id, .. } => ("conflicting-status", Some(id.to_string()), None),
            ErrorKind::Catalog(_) => ("catalog", None, None),
            _ => ("profile", None, None),
        };
        Box::new(Failure {
            kind: kind.to_owned(),
            message,
            id,
            suggestion: suggestion.map(|s| s.to_string()),
            path,
            ..Failure::default()
        })
    }
}

impl From<ContentError> for Box<Failure> {
    fn from(error: ContentError) -> Box<Failure> {
        let problems: Vec<Problem> = error
            .diagnostics()
            .iter()
            .map(|d| Problem {
                origin: d.origin.clone(),
                line: d.position.map(|p| p.line),
                column: d.position.map(|p| p.column),
                path: d.path.to_string(),
                kind: d.kind.as_str().to_owned(),
                message: d.message.clone(),
            })
            .collect();
        let first = &problems[0];
        Box::new(Failure {
            kind: first.kind.clone(),
            message: error.to_string(),
            path: first.path.clone(),
            line: first.line,
            column: first.column,
            problems,
            ..Failure::default()
        })
    }
}

/// `toml`, `json` or `yaml` (any case), as the CLI names formats.
pub fn format(name: &str) -> Answer<Format> {
    name.parse().map_err(|message| Failure::new("format", message))
}

/// A value as compact JSON.
pub fn json<T: Serialize>(value: &T) -> Answer {
    serde_json::to_string(value).map_err(|e| Failure::new("internal", e.to_string()))
}

/// Where a profile's text came from: a file the user wrote (its lines mean something), or a
/// JS object the wrapper turned into JSON (only the key path does).
#[derive(Clone, Copy, PartialEq)]
pub enum Source<'a> {
    /// Text named `origin` in messages.
    Text(&'a str),
    /// `JSON.stringify` of a JS object.
    Object,
}

/// A profile, checked against `catalog` by the content crate (the CLI's own reader). An id the
/// catalog lacks, or a program under two statuses, also gets the engine's `id` and
/// `suggestion`.
pub fn read_profile(catalog: &Catalog, text: &str, format: Format, source: Source<'_>) -> Answer<Profile> {
    let origin = match source {
        Source::Text(origin) => origin,
        Source::Object => "profile",
    };
    smartlib::parse_profile(text, format, origin, catalog).map_err(|error| {
        let mut failure = Box::<Failure>::from(error);
        // The content error has the position; the engine's own error has the ids.
        if let Some(engine) = loose_profile(text, format).and_then(|p| catalog.resolve(&p).err()) {
            let Failure { kind, id, suggestion, .. } = *Box::<Failure>::from(engine);
            (failure.kind, failure.id, failure.suggestion) = (kind, id, suggestion);
        }
        if source == Source::Object {
            // Lines of text the caller never saw would only mislead.
            (failure.line, failure.column) = (None, None);
            failure.problems.iter_mut().for_each(|p| (p.line, p.column) = (None, None));
        }
        failure
    })
}

/// The profile as serde reads it, without the catalog's checks; `None` when it does not parse.
fn loose_profile(text: &str, format: Format) -> Option<Profile> {
    match format {
        Format::Json => serde_json::from_str(text).ok(),
        Format::Toml => toml::from_str(text).ok(),
        _ => None,
    }
}

/// A profile written as a profile file: what `read_profile` and the CLI's `--profile` read.
pub fn write_profile(profile: &Profile, format: Format) -> Answer {
    match format {
        Format::Json => serde_json::to_string_pretty(profile)
            .map(|text| text + "\n")
            .map_err(|e| Failure::new("internal", e.to_string())),
        Format::Toml => toml::to_string_pretty(profile).map_err(|e| Failure::new("internal", e.to_string())),
        Format::Yaml => Err(Failure::new("format", "YAML is read only; write toml or json".into())),
    }
}

/// The catalog with policy changes given as a JSON object (`{"established_share": 0.8}`).
pub fn with_policy(catalog: &Catalog, changes: &str) -> Answer<Catalog> {
    let policy_error = |e: serde_json::Error| Failure::new("policy", format!("policy: {e}"));
    let changes: serde_json::Value = serde_json::from_str(changes).map_err(policy_error)?;
    let policy = catalog.policy().with_changes(&changes).map_err(policy_error)?;
    catalog.with_policy(policy).map_err(|e| Error::from(e).into())
}

/// How to read programs of unknown status, by the CLI's names (`offered`, `not-offered`).
pub fn assume(name: Option<&str>) -> Answer<Option<AssumeUnknown>> {
    name.map(|name| {
        AssumeUnknown::from_name(name).ok_or_else(|| {
            Failure::new("profile", format!("assume: \"{}\" is not offered or not-offered", smartlib::Echo(name)))
        })
    })
    .transpose()
}

/// The assessment view: `top` recommendations, by default the catalog's policy (as the CLI).
pub fn assess(catalog: &Catalog, profile: &Profile, top: Option<usize>, assume: Option<AssumeUnknown>) -> Answer {
    let profile = match assume {
        Some(assume) => profile.assuming_unknown(assume),
        None => profile.clone(),
    };
    let top = top.unwrap_or(catalog.policy().recommendations);
    let assessment = catalog.assess_top(&profile, top)?;
    json(&catalog.view_assessment(&assessment))
}

/// Every program not offered yet (or the best `limit`), best first, as recommendation views.
pub fn recommend(catalog: &Catalog, profile: &Profile, limit: Option<usize>) -> Answer {
    let recommendations = catalog.recommend(profile, limit.unwrap_or(usize::MAX))?;
    json(&recommendations.iter().map(|r| catalog.view_recommendation(r)).collect::<Vec<_>>())
}

/// The roadmap view.
pub fn roadmap(catalog: &Catalog, profile: &Profile) -> Answer {
    json(&catalog.view_roadmap(&catalog.roadmap(profile)?))
}

/// The what-if view.
pub fn what_if(catalog: &Catalog, profile: &Profile, add: &[String], remove: &[String]) -> Answer {
    json(&catalog.view_what_if(&catalog.what_if(profile, add, remove)?))
}

/// The CLI's board report (`smartlib assess --format html`), from the CLI's own code: the
/// same page, word for word. `date` is `YYYY-MM-DD`.
pub fn report_html(catalog: &Catalog, profile: &Profile, date: &str, scores: bool) -> Answer {
    let date = report::date(Some(date)).map_err(|message| Failure::new("profile", message))?;
    let assessment = catalog.assess_top(profile, catalog.policy().recommendations)?;
    Ok(report::html(&catalog.view_assessment(&assessment), &report::Options { date, scores }))
}

/// The catalog's data as JSON: what `Catalog.fromText` reads.
pub fn catalog_json(catalog: &Catalog) -> Answer {
    Ok(smartlib::export_catalog(catalog.data(), Format::Json)?)
}

/// Every view type with its fields (the core's [`VIEW_FIELDS`]).
pub fn view_fields() -> Answer {
    let fields: serde_json::Map<String, serde_json::Value> =
        VIEW_FIELDS.iter().map(|(name, fields)| ((*name).to_owned(), serde_json::json!(fields))).collect();
    json(&fields)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toolbox() -> Catalog {
        smartlib::default_catalog()
    }

    #[test]
    fn an_unknown_program_in_text_has_its_line_id_and_suggestion() {
        let text = "name = \"Town\"\noffers = [\"computer-labs\", \"wifi-acess\"]\n";
        let failure = read_profile(&toolbox(), text, Format::Toml, Source::Text("town.toml")).unwrap_err();
        assert_eq!(failure.kind, "unknown-program");
        assert_eq!((failure.id.as_deref(), failure.suggestion.as_deref()), (Some("wifi-acess"), Some("wifi-access")));
        assert_eq!((failure.path.as_str(), failure.line), ("offers[1]", Some(2)));
        assert!(failure.message.starts_with("town.toml:2:"), "{}", failure.message);
    }

    #[test]
    fn an_object_profile_names_the_key_path_but_no_line() {
        let failure = read_profile(&toolbox(), r#"{"offers":[],"goals":["co-creator"]}"#, Format::Json, Source::Object)
            .unwrap_err();
        assert_eq!(failure.kind, "unknown-goal");
        assert_eq!((failure.suggestion.as_deref(), failure.path.as_str()), (Some("co-creators"), "goals[0]"));
        assert_eq!((failure.line, failure.column), (None, None));
        let syntax = read_profile(&toolbox(), "offers = [", Format::Toml, Source::Text("x.toml")).unwrap_err();
        assert_eq!((syntax.kind.as_str(), syntax.line, syntax.id), ("syntax", Some(1), None));
    }

    #[test]
    fn a_written_profile_reads_back_the_same_in_both_formats() {
        let text = r#"{"name":"Town","offers":["wifi-access"],"unknown":["makerspaces"],"goals":["co-creators"],
                       "constraints":{"budget":"low"}}"#;
        let catalog = toolbox();
        let profile = read_profile(&catalog, text, Format::Json, Source::Object).expect("valid");
        for format in [Format::Toml, Format::Json] {
            let written = write_profile(&profile, format).expect("writes");
            let again = read_profile(&catalog, &written, format, Source::Text("saved")).expect("reads back");
            assert_eq!(again, profile, "{format}: {written}");
        }
        assert_eq!(write_profile(&profile, Format::Yaml).unwrap_err().kind, "format");
    }

    #[test]
    fn the_report_is_the_clis() {
        let catalog = toolbox();
        let profile = Profile::offering(["computer-labs", "wifi-access", "digital-resources"]);
        let html = report_html(&catalog, &profile, "2026-11-30", false).expect("report");
        assert!(html.contains("<p class=\"date\">30 November 2026</p>"));
        assert!(html.contains("Level 1 of 3: Getting started"), "{html}");
        assert_eq!(report_html(&catalog, &profile, "30/11/2026", false).unwrap_err().kind, "profile");
    }

    #[test]
    fn bad_policies_and_formats_are_refused_by_name() {
        let catalog = toolbox();
        assert_eq!(with_policy(&catalog, r#"{"no_such_field": 1}"#).err().map(|f| f.kind), Some("policy".into()));
        assert!(with_policy(&catalog, r#"{"established_share": 0.8}"#).is_ok());
        assert_eq!(format("xml").unwrap_err().kind, "format");
        assert_eq!(assume(Some("maybe")).unwrap_err().kind, "profile");
    }
}
