//! The `smartlib` command: where a public library stands in the smart cities and communities
//! toolbox, what to do next and why; plus catalog browsing, checking, schemas and batch scoring.
//!
//! Exit codes: 0 done; 1 `batch` finished but some rows failed; 2 bad usage or bad input (one
//! line on stderr naming the input and position, nothing on stdout).

mod batch;
mod failure;
mod input;
mod output;
mod render;
mod report;

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use smartlib::Catalog;

use crate::failure::Failure;
use crate::input::{ContentArgs, ProfileArgs, listed_ids};
use crate::render::Style;

/// Assess a public library against the Public Libraries in Smart Cities and Communities
/// Toolbox (CTG UAlbany with ALA): its level, what to start next and why.
#[derive(Parser, Debug)]
#[command(name = "smartlib", version, long_version = &**LONG_VERSION, propagate_version = true, max_term_width = 100)]
#[command(after_help = "\
Examples:
  smartlib assess --offers computer-labs,wifi-access,digital-resources --goal co-creators
  smartlib assess --profile library.toml --format markdown > report.md
  smartlib assess --profile library.toml --format html > report.html   # print it, or save as PDF
  smartlib what-if --profile library.toml --add technology-lending
  smartlib roadmap --offers computer-labs,wifi-access
  smartlib catalog                     # every program id, by tier
  smartlib batch libraries.csv -o scored.csv

The toolbox places a library by what it already offers: most of it in the first group of
programs, many of the first two, or many of all three. How many is smartlib's reading: by
default a tier counts as established when the library offers at least 60% of its programs,
and the level is how many tiers in a row, from the first, are established. A catalog's
policy can read the toolbox's words literally instead (rule = \"cumulative\": the first tiers
taken together).")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Place a library by what it offers, and recommend what to start next, with reasons.
    #[command(after_help = "\
Examples:
  smartlib assess --offers computer-labs,wifi-access,digital-resources
  smartlib assess --profile library.toml --goal enabling-participation --budget low
  smartlib assess --offers computer-labs --unknown wifi-access,digital-resources --format json
  smartlib assess --profile library.toml --assume-unknown offered   # the top of the level range

Program ids are listed by `smartlib catalog`. Goals are role ids (ict-users,
democratic-participants, co-creators) or area ids (developing-smart-citizens,
enabling-participation, innovation-environment).")]
    Assess {
        #[command(flatten)]
        profile: ProfileArgs,
        #[command(flatten)]
        content: ContentArgs,
        /// How to print the answer.
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
        /// How many recommendations to list (default: the catalog's policy, 5).
        #[arg(long, value_name = "N")]
        top: Option<usize>,
        /// In the markdown and HTML reports, show each reason's points and each score.
        #[arg(long)]
        scores: bool,
        /// The date the markdown and HTML reports print (YYYY-MM-DD; default: today).
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
        /// Read every program of unknown status as offered, or as not offered, to see one end
        /// of the level range by itself; the report says so.
        #[arg(long, value_enum, value_name = "offered|not-offered")]
        assume_unknown: Option<Assume>,
    },
    /// Show what would change if the library offered (or dropped) some programs.
    #[command(after_help = "\
Example:
  smartlib what-if --offers computer-labs,wifi-access --add digital-resources")]
    WhatIf {
        #[command(flatten)]
        profile: ProfileArgs,
        #[command(flatten)]
        content: ContentArgs,
        /// Programs to start offering (ids, comma-separated or repeated).
        #[arg(long, value_name = "ID", value_delimiter = ',')]
        add: Vec<String>,
        /// Programs to stop offering.
        #[arg(long, value_name = "ID", value_delimiter = ',')]
        remove: Vec<String>,
        /// How to print the answer.
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
    },
    /// Plan every program not offered yet into phases that respect what builds on what.
    Roadmap {
        #[command(flatten)]
        profile: ProfileArgs,
        #[command(flatten)]
        content: ContentArgs,
        /// How to print the answer.
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
    },
    /// List the catalog, or export all of it as JSON or TOML (the format --content reads).
    Catalog {
        #[command(flatten)]
        content: ContentArgs,
        /// `text` lists ids by tier; `json` and `toml` export the whole catalog.
        #[arg(long, value_enum, default_value_t = CatalogFormat::Text)]
        format: CatalogFormat,
    },
    /// Check a catalog (file or directory) or a profile, listing every problem found.
    #[command(after_help = "\
Examples:
  smartlib validate my-catalog/
  smartlib validate --profile library.toml
  smartlib validate my-catalog.toml --profile library.toml   # the profile against that catalog")]
    Validate {
        /// A catalog file (TOML, JSON, YAML) or catalog directory.
        path: Option<PathBuf>,
        /// A profile file to check (against PATH, or the embedded catalog).
        #[arg(long, value_name = "FILE")]
        profile: Option<PathBuf>,
    },
    /// Print the JSON Schema of a file kind, for editors and validators.
    Schema {
        /// Which file kind.
        #[arg(value_enum)]
        kind: SchemaKind,
    },
    /// Score one profile a row from a CSV or JSON Lines file, in input order, on every core.
    #[command(after_help = batch_help())]
    Batch {
        #[command(flatten)]
        args: batch::BatchArgs,
        #[command(flatten)]
        content: ContentArgs,
    },
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
enum ReportFormat {
    /// For people at a terminal.
    Text,
    /// The full answer for programs (stable field names).
    Json,
    /// A report for a library board (with `assess`).
    Markdown,
    /// The board report as one printable HTML page, with no external requests (`assess` only).
    Html,
}

fn html_is_for_assess() -> Failure {
    Failure::Usage("--format html is the board report of `assess`; use text, json or markdown here".into())
}

/// `--assume-unknown`: the core's readings, by their names.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
enum Assume {
    /// Every unknown program offered: the upper end of the range.
    Offered,
    /// Every unknown program not offered: the lower end of the range.
    NotOffered,
}

impl From<Assume> for smartlib::AssumeUnknown {
    fn from(assume: Assume) -> smartlib::AssumeUnknown {
        match assume {
            Assume::Offered => smartlib::AssumeUnknown::Offered,
            Assume::NotOffered => smartlib::AssumeUnknown::NotOffered,
        }
    }
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
enum CatalogFormat {
    Text,
    Json,
    Toml,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
enum SchemaKind {
    /// A catalog in one file.
    Catalog,
    /// A library profile.
    Profile,
    /// The catalog.toml of a catalog directory.
    Manifest,
    /// One program file of a catalog directory.
    Program,
    /// One process or outreach tool file.
    Guide,
    /// One example library file.
    ExampleLibrary,
}

/// `smartlib --version`: the engine's version, the catalog format versions it reads, and the
/// embedded catalog's version, so an app's content can be checked against it.
static LONG_VERSION: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    format!(
        "{}\nengine {}\ncatalog schema {} (reads {})\ndefault catalog {}",
        env!("CARGO_PKG_VERSION"),
        smartlib::VERSION,
        smartlib::content::SCHEMA_VERSION,
        smartlib::content::SchemaVersion::supported_range(),
        smartlib::CATALOG_VERSION
    )
});

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(Outcome::Print(text)) => print(&text),
        Ok(Outcome::BatchDone { failed: 0 }) => ExitCode::SUCCESS,
        Ok(Outcome::BatchDone { .. }) => ExitCode::from(1),
        // A reader that stopped early (`| head`) is not an error, in every command.
        Err(failure) if failure.is_broken_pipe() => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("smartlib: {failure}");
            ExitCode::from(2)
        }
    }
}

/// What a command produced: text to print, or a finished batch.
enum Outcome {
    Print(String),
    BatchDone { failed: u64 },
}

/// Prints the whole output at once; a closed pipe (`| head`) is not an error.
fn print(text: &str) -> ExitCode {
    let mut stdout = io::stdout().lock();
    match stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("smartlib: standard output: {error}");
            ExitCode::from(2)
        }
    }
}

fn run(command: Command) -> Result<Outcome, Failure> {
    match command {
        Command::Assess { profile, content, format, top, scores, date, assume_unknown } => {
            let catalog = content.catalog()?;
            let mut profile = require(&profile)?.profile(&catalog)?;
            if let Some(assume) = assume_unknown {
                // The profile was checked as given; this only moves its unknown programs.
                profile = profile.assuming_unknown(assume.into());
            }
            let top = top.unwrap_or(catalog.policy().recommendations);
            let assessment = catalog.assess_top(&profile, top).map_err(|error| Failure::engine("profile", &error))?;
            let view = catalog.view_assessment(&assessment);
            let options =
                || report::date(date.as_deref()).map(|date| report::Options { date, scores }).map_err(Failure::Usage);
            Ok(Outcome::Print(match format {
                ReportFormat::Json => json(&assessment),
                ReportFormat::Text => render::assessment(&view),
                ReportFormat::Markdown => report::markdown(&view, &options()?),
                ReportFormat::Html => report::html(&view, &options()?),
            }))
        }
        Command::WhatIf { profile, content, add, remove, format } => {
            let catalog = content.catalog()?;
            let (add, remove) = (listed_ids(&add), listed_ids(&remove));
            if add.is_empty() && remove.is_empty() {
                return Err(Failure::Usage("what-if needs --add or --remove (program ids)".into()));
            }
            let profile = require(&profile)?.profile(&catalog)?;
            let change =
                catalog.what_if(&profile, &add, &remove).map_err(|error| match error.path.segments().first() {
                    Some(smartlib::Segment::Key(key)) if key == "remove" => Failure::flag("--remove", &error),
                    Some(smartlib::Segment::Key(key)) if key == "add" => Failure::flag("--add", &error),
                    _ => Failure::engine("profile", &error),
                })?;
            Ok(Outcome::Print(match format {
                ReportFormat::Json => json(&change),
                ReportFormat::Text => render::what_if(&catalog.view_what_if(&change), Style::Text),
                ReportFormat::Markdown => render::what_if(&catalog.view_what_if(&change), Style::Markdown),
                ReportFormat::Html => return Err(html_is_for_assess()),
            }))
        }
        Command::Roadmap { profile, content, format } => {
            let catalog = content.catalog()?;
            let profile = require(&profile)?.profile(&catalog)?;
            let roadmap = catalog.roadmap(&profile).map_err(|error| Failure::engine("profile", &error))?;
            Ok(Outcome::Print(match format {
                ReportFormat::Json => json(&roadmap),
                ReportFormat::Text => {
                    render::roadmap(&catalog.view_roadmap(&roadmap), catalog.tiers().len(), Style::Text)
                }
                ReportFormat::Markdown => {
                    render::roadmap(&catalog.view_roadmap(&roadmap), catalog.tiers().len(), Style::Markdown)
                }
                ReportFormat::Html => return Err(html_is_for_assess()),
            }))
        }
        Command::Catalog { content, format } => {
            let catalog = content.catalog()?;
            Ok(Outcome::Print(match format {
                CatalogFormat::Text => render::catalog(&catalog),
                CatalogFormat::Json => smartlib::export_catalog(catalog.data(), smartlib::Format::Json)?,
                CatalogFormat::Toml => smartlib::export_catalog(catalog.data(), smartlib::Format::Toml)?,
            }))
        }
        Command::Validate { path, profile } => validate(path, profile),
        Command::Schema { kind } => {
            let name = match kind {
                SchemaKind::Catalog => "catalog",
                SchemaKind::Profile => "profile",
                SchemaKind::Manifest => "catalog-manifest",
                SchemaKind::Program => "program",
                SchemaKind::Guide => "guide",
                SchemaKind::ExampleLibrary => "example-library",
            };
            let schema =
                smartlib::content::schema_named(name).ok_or_else(|| Failure::Usage(format!("no schema {name}")))?;
            Ok(Outcome::Print(json(&schema)))
        }
        Command::Batch { args, content } => {
            let catalog = content.catalog()?;
            Ok(Outcome::BatchDone { failed: batch::run(&args, &catalog)? })
        }
    }
}

/// `batch --help`: the input rules, with the status words the engine reads (so they cannot drift).
fn batch_help() -> String {
    let words: Vec<String> = smartlib::Status::ALL
        .iter()
        .map(|status| {
            let blank = if status.words().contains(&"") { " or blank" } else { "" };
            format!("{}{blank}", status.words().iter().filter(|w| !w.is_empty()).copied().collect::<Vec<_>>().join(" "))
        })
        .collect();
    format!(
        "\
Input:
  JSON Lines: {{\"id\": \"lib-1\", \"offers\": [\"computer-labs\"], \"goals\": [\"co-creators\"]}} a line.
  CSV: a header, then one library a row. Either one column per program id, each cell a
  status, in any case:
    {}
  where a program with no column is unknown; or an `offers` column of ids separated by `;`
  (with optional piloting, planned and unknown lists), where a program in no list is not
  offered. Either way: optional goals, budget, staff and space columns (low, medium, high).
  JSON Lines rows use the same keys. Other keys and columns are carried through to the
  output. A column one typo away from a program id or a field (digital-resource,
  Computer_Labs, goal) refuses the file.

  `-` reads standard input (say --input-format). A byte-order mark may open the file.

Output: the carried columns (from JSON Lines, every key of any row; or those named by --carry)
plus level, reached, level_range, recommendations and error. A bad row is reported on stderr
with its line number and gets the error column, keeping its carried columns; the rest go on,
and the exit code is 1 if any row failed. Bad rows are: a cell such as -1, 2, maybe or none;
an unknown id; too few or too many cells; bytes that are not UTF-8; a line that is not a JSON
object; a row longer than 1 MiB. With -o, the file is replaced only when the run finishes (a
refused input or Ctrl-C leaves it as it was), and it may not be the input.",
        words.join("; ")
    )
}

/// Refuses to work on nothing: an empty profile is almost always a forgotten flag. Every
/// command that takes a profile applies it.
fn require(profile: &ProfileArgs) -> Result<&ProfileArgs, Failure> {
    if profile.is_empty() {
        Err(Failure::Usage(
            "say what the library offers: --offers ID,... or --profile FILE (ids: `smartlib catalog`); \
             for a library offering nothing yet, pass --offers ''"
                .into(),
        ))
    } else {
        Ok(profile)
    }
}

fn validate(path: Option<PathBuf>, profile: Option<PathBuf>) -> Result<Outcome, Failure> {
    if path.is_none() && profile.is_none() {
        return Err(Failure::Usage("validate needs a catalog PATH, a --profile FILE, or both".into()));
    }
    let loaded = match &path {
        Some(path) => {
            let loaded = smartlib::content::load_catalog_with_warnings(path).map_err(report_all)?;
            input::warn(&loaded);
            Some(loaded)
        }
        None => None,
    };
    let catalog: Catalog = loaded.as_ref().map_or_else(smartlib::default_catalog, |loaded| loaded.catalog.clone());
    let mut lines = String::new();
    if let (Some(path), Some(loaded)) = (&path, &loaded) {
        let content = catalog.content();
        let warnings = match loaded.warnings.len() + loaded.omitted_warnings {
            0 => String::new(),
            1 => " with 1 warning".to_owned(),
            n => format!(" with {n} warnings"),
        };
        lines.push_str(&format!(
            "ok{warnings}: {}: \"{}\" version {} (schema {}): {} tiers, {} programs, {} processes, {} outreach tools, {} example libraries (fingerprint {})\n",
            path.display(),
            smartlib::Echo(&content.name),
            content.version,
            loaded.schema_version,
            catalog.tiers().len(),
            catalog.programs().len(),
            catalog.processes().len(),
            catalog.outreach().len(),
            catalog.examples().len(),
            content.fingerprint
        ));
    }
    if let Some(file) = &profile {
        let loaded = smartlib::load_profile(file, &catalog).map_err(report_all)?;
        let name = loaded.name.as_deref().map_or(String::new(), |name| format!(" \"{}\"", smartlib::Echo(name)));
        // Programs, not list items: a program listed twice is offered once.
        let offered = catalog
            .resolve(&loaded)
            .map_err(|error| Failure::engine(&file.display().to_string(), &error))?
            .count(smartlib::Status::Offered);
        lines.push_str(&format!(
            "ok: {}:{name} offers {offered} program{}; checked against {} {}\n",
            file.display(),
            if offered == 1 { "" } else { "s" },
            catalog.content().name,
            catalog.content().version
        ));
    }
    Ok(Outcome::Print(lines))
}

/// `validate` lists every problem, one a line.
fn report_all(error: smartlib::ContentError) -> Failure {
    Failure::AllProblems(error)
}

fn json<T: serde::Serialize>(value: &T) -> String {
    // Serializing plain data to a string cannot fail.
    serde_json::to_string_pretty(value).unwrap_or_default() + "\n"
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn the_command_line_definition_is_consistent() {
        super::Cli::command().debug_assert();
    }
}
