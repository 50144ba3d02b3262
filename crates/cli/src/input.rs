//! The catalog (`--content` or the embedded default) and the profile (`--profile` file and/or
//! flags such as `--offers`) a command works on.

use std::path::PathBuf;

use clap::Args;
use smartlib::{Catalog, Cell, Error, Profile, Scale, Segment};

use crate::failure::Failure;

/// Where the catalog comes from.
#[derive(Args, Debug, Clone)]
pub(crate) struct ContentArgs {
    /// A catalog file (TOML, JSON, YAML) or catalog directory to use instead of the embedded
    /// toolbox.
    #[arg(long, value_name = "PATH", global = true)]
    pub(crate) content: Option<PathBuf>,
}

impl ContentArgs {
    /// The catalog; what loading it read past (fields of a newer minor format version) is
    /// said on stderr, one warning a line, before the command's output.
    pub(crate) fn catalog(&self) -> Result<Catalog, Failure> {
        match &self.content {
            Some(path) => {
                let loaded = smartlib::content::load_catalog_with_warnings(path)?;
                warn(&loaded);
                Ok(loaded.catalog)
            }
            None => Ok(smartlib::default_catalog()),
        }
    }
}

/// Says each warning of a load on stderr, after `smartlib: warning: `.
pub(crate) fn warn(loaded: &smartlib::content::LoadedCatalog) {
    for line in loaded.report().lines() {
        eprintln!("smartlib: warning: {line}");
    }
}

/// A library's profile, from a file, from flags, or both (flags add to the file).
#[derive(Args, Debug, Clone, Default)]
pub(crate) struct ProfileArgs {
    /// A profile file (TOML, JSON or YAML): name, offers, piloting, planned, unknown, goals,
    /// constraints.
    #[arg(long, value_name = "FILE")]
    pub(crate) profile: Option<PathBuf>,
    /// Programs the library offers now (ids, comma-separated or repeated).
    #[arg(long, value_name = "ID", value_delimiter = ',')]
    pub(crate) offers: Vec<String>,
    /// Programs it is piloting.
    #[arg(long, value_name = "ID", value_delimiter = ',')]
    pub(crate) piloting: Vec<String>,
    /// Programs it plans to start.
    #[arg(long, value_name = "ID", value_delimiter = ',')]
    pub(crate) planned: Vec<String>,
    /// Programs whose status is not known (the level becomes a range).
    #[arg(long, value_name = "ID", value_delimiter = ',')]
    pub(crate) unknown: Vec<String>,
    /// A smart-citizen role or contribution area to emphasise (e.g. co-creators).
    #[arg(long = "goal", value_name = "ID", value_delimiter = ',')]
    pub(crate) goals: Vec<String>,
    /// The budget the library can give to something new.
    #[arg(long, value_parser = amount, value_name = "low|medium|high")]
    pub(crate) budget: Option<Scale>,
    /// The staff time it can give.
    #[arg(long, value_parser = amount, value_name = "low|medium|high")]
    pub(crate) staff: Option<Scale>,
    /// The room it can give.
    #[arg(long, value_parser = amount, value_name = "low|medium|high")]
    pub(crate) space: Option<Scale>,
    /// The library's name, for reports.
    #[arg(long)]
    pub(crate) name: Option<String>,
}

/// An amount on the command line, read by the same rule as a table cell (`LOW` is `low`).
fn amount(text: &str) -> Result<Scale, String> {
    match Scale::from_cell(&Cell::Text(text)) {
        Ok(Some(scale)) => Ok(scale),
        Ok(None) => Err("give low, medium or high".to_owned()),
        Err(error) => Err(error.to_string()),
    }
}

/// The ids of a list flag, trimmed. Empty items are dropped, not read as ids, in every flag
/// of every command (as in a table cell's list): `--offers ''` means "nothing", and
/// `--add ,,` adds nothing.
pub(crate) fn listed_ids(ids: &[String]) -> Vec<String> {
    ids.iter().map(|id| id.trim().to_owned()).filter(|id| !id.is_empty()).collect()
}

/// Flag names by profile field, for messages.
const FLAGS: [(&str, &str); 5] = [
    ("offers", "--offers"),
    ("piloting", "--piloting"),
    ("planned", "--planned"),
    ("unknown", "--unknown"),
    ("goals", "--goal"),
];

impl ProfileArgs {
    /// The profile, checked against `catalog`; errors name the file position or the flag.
    pub(crate) fn profile(&self, catalog: &Catalog) -> Result<Profile, Failure> {
        let mut profile = match &self.profile {
            Some(path) => smartlib::load_profile(path, catalog)?,
            None => Profile::default(),
        };
        // Everything before these lengths came from the file and was checked with it.
        let from_file = [
            profile.offers.len(),
            profile.piloting.len(),
            profile.planned.len(),
            profile.unknown.len(),
            profile.goals.len(),
        ];
        profile.offers.extend(listed_ids(&self.offers));
        profile.piloting.extend(listed_ids(&self.piloting));
        profile.planned.extend(listed_ids(&self.planned));
        profile.unknown.extend(listed_ids(&self.unknown));
        profile.goals.extend(listed_ids(&self.goals));
        for (slot, flag) in [
            (&mut profile.constraints.budget, self.budget),
            (&mut profile.constraints.staff, self.staff),
            (&mut profile.constraints.space, self.space),
        ] {
            if flag.is_some() {
                *slot = flag;
            }
        }
        if self.name.is_some() {
            profile.name.clone_from(&self.name);
        }
        match catalog.resolve(&profile) {
            Ok(_) => Ok(profile),
            Err(error) => Err(self.blame(&error, &from_file)),
        }
    }

    /// Names the input an engine error came from: the flag, or the profile file.
    fn blame(&self, error: &Error, from_file: &[usize; 5]) -> Failure {
        let flag = match error.path.segments() {
            [Segment::Key(field), Segment::Index(index), ..] => FLAGS
                .iter()
                .zip(from_file)
                .find(|((name, _), count)| *name == field && index >= *count)
                .map(|((_, flag), _)| *flag),
            _ => None,
        };
        match flag {
            Some(flag) => Failure::flag(flag, error),
            None => {
                Failure::engine(&self.profile.as_ref().map_or("profile".to_owned(), |p| p.display().to_string()), error)
            }
        }
    }

    /// True when no profile was given at all.
    pub(crate) fn is_empty(&self) -> bool {
        self.profile.is_none()
            && self.offers.is_empty()
            && self.piloting.is_empty()
            && self.planned.is_empty()
            && self.unknown.is_empty()
    }
}
