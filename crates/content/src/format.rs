//! The file formats smartlib reads and writes, and how they are recognised.

use std::fmt;
use std::path::Path;
use std::str::FromStr;

/// A data format for catalogs and profiles.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// TOML (`.toml`).
    Toml,
    /// JSON (`.json`).
    Json,
    /// YAML (`.yaml`, `.yml`); read only.
    Yaml,
}

impl Format {
    /// Every format, in the order they are tried for directory entries.
    pub const ALL: [Format; 3] = [Format::Toml, Format::Json, Format::Yaml];

    /// The format a file name's extension names, if any.
    ///
    /// ```
    /// use smartlib_content::Format;
    /// assert_eq!(Format::from_path("library.yml"), Some(Format::Yaml));
    /// assert_eq!(Format::from_path("notes.txt"), None);
    /// ```
    pub fn from_path(path: impl AsRef<Path>) -> Option<Format> {
        let extension = path.as_ref().extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "toml" => Some(Format::Toml),
            "json" => Some(Format::Json),
            "yaml" | "yml" => Some(Format::Yaml),
            _ => None,
        }
    }

    /// The usual file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Toml => "toml",
            Format::Json => "json",
            Format::Yaml => "yaml",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.extension())
    }
}

/// Parses `toml`, `json`, `yaml` or `yml`, in any case.
impl FromStr for Format {
    type Err = String;

    fn from_str(name: &str) -> Result<Format, String> {
        Format::from_path(format!("x.{name}"))
            .ok_or_else(|| format!("unknown format \"{}\" (expected toml, json or yaml)", smartlib_core::Echo(name)))
    }
}
