//! Catalog format versions: `schema_version = "MAJOR.MINOR"` in a catalog file or manifest, and
//! what this engine does with each.
//!
//! A minor version only adds optional fields, so an engine can read a newer minor version by
//! leaving out what it does not know, and says so in warnings: an app keeps working when its
//! content server starts sending a new field. A major version may change what fields mean, so
//! an engine reads only its own. At this engine's version or an older one, an unknown field is
//! an author's typo and stays an error.

use std::fmt;

/// A catalog format version, `MAJOR.MINOR`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SchemaVersion {
    /// Changes when a field changes meaning or goes: an engine reads only its own major version.
    pub major: u32,
    /// Changes when optional fields are added: an engine reads newer ones, ignoring what it does
    /// not know.
    pub minor: u32,
}

/// The catalog format this engine writes and reads in full (`"1.0"`): the major version it
/// reads, and the newest minor version whose every field it knows.
///
/// ```
/// use smartlib_content::{SCHEMA_VERSION, SchemaVersion};
/// assert_eq!(SCHEMA_VERSION.to_string(), "1.0");
/// assert_eq!("1.0".parse::<SchemaVersion>(), Ok(SCHEMA_VERSION));
/// ```
pub const SCHEMA_VERSION: SchemaVersion = SchemaVersion { major: 1, minor: 0 };

/// What a catalog file without `schema_version` is read as: the format as it was before files
/// said, so older catalogs load unchanged and keep their typo protection.
pub const ASSUMED_SCHEMA_VERSION: SchemaVersion = SchemaVersion { major: 1, minor: 0 };

/// What an engine does with a catalog written in some version.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Support {
    /// This engine's version or an older minor one: every field is known, and an unknown one is
    /// an error.
    Full,
    /// A newer minor version: read, with unknown fields left out and reported as warnings.
    IgnoringNewFields,
    /// Another major version: refused.
    Unsupported,
}

impl SchemaVersion {
    /// How this engine reads a catalog written in this version.
    ///
    /// ```
    /// use smartlib_content::{SchemaVersion, Support};
    /// let v = |major, minor| SchemaVersion { major, minor };
    /// assert_eq!(v(1, 0).support(), Support::Full);
    /// assert_eq!(v(1, 7).support(), Support::IgnoringNewFields);
    /// assert_eq!(v(2, 0).support(), Support::Unsupported);
    /// ```
    pub fn support(self) -> Support {
        if self.major != SCHEMA_VERSION.major {
            Support::Unsupported
        } else if self.minor > SCHEMA_VERSION.minor {
            Support::IgnoringNewFields
        } else {
            Support::Full
        }
    }

    /// The versions this engine reads, in words: `1.0 to 1.x, ignoring fields newer than 1.0`.
    pub fn supported_range() -> String {
        let SchemaVersion { major, minor } = SCHEMA_VERSION;
        format!("{major}.0 to {major}.x, ignoring fields newer than {major}.{minor}")
    }
}

impl fmt::Display for SchemaVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.major, self.minor)
    }
}

/// Why a text is not a schema version.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadSchemaVersion;

impl fmt::Display for BadSchemaVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not a schema version: write MAJOR.MINOR, like \"1.0\"")
    }
}

impl std::error::Error for BadSchemaVersion {}

impl std::str::FromStr for SchemaVersion {
    type Err = BadSchemaVersion;

    /// Two numbers of ASCII digits joined by a dot; no sign, no spaces, no third part.
    fn from_str(text: &str) -> Result<SchemaVersion, BadSchemaVersion> {
        let number = |part: &str| {
            if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
                return Err(BadSchemaVersion);
            }
            part.parse::<u32>().map_err(|_| BadSchemaVersion)
        };
        let (major, minor) = text.split_once('.').ok_or(BadSchemaVersion)?;
        Ok(SchemaVersion { major: number(major)?, minor: number(minor)? })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_major_dot_minor_parses() {
        assert_eq!("12.34".parse(), Ok(SchemaVersion { major: 12, minor: 34 }));
        for bad in ["", "1", "1.", ".1", "1.0.0", "v1.0", " 1.0", "1.0 ", "+1.0", "1.-1", "1,0", "99999999999.0"] {
            assert_eq!(bad.parse::<SchemaVersion>(), Err(BadSchemaVersion), "{bad:?}");
        }
    }

    #[test]
    fn versions_order_by_major_then_minor() {
        let v = |major, minor| SchemaVersion { major, minor };
        assert!(v(1, 10) > v(1, 9));
        assert!(v(2, 0) > v(1, 99));
        assert_eq!(v(0, 9).support(), Support::Unsupported, "an older major version is another format too");
        assert_eq!(SCHEMA_VERSION.support(), Support::Full);
        assert_eq!(ASSUMED_SCHEMA_VERSION.support(), Support::Full);
    }
}
