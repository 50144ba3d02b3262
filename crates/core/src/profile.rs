//! What one library offers now ([`Profile`], ids as written) and the same profile resolved
//! against a catalog ([`ResolvedProfile`], bit sets the engine reads without hashing).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::bits;
use crate::error::{ErrorKind, Result};
use crate::model::{Resources, Status};

/// What one library offers now, by program id. Programs not listed are `not-offered`.
///
/// ```
/// use smartlib_core::Profile;
/// let profile = Profile::offering(["computer-labs", "wifi-access"]).with_goal("co-creators");
/// assert_eq!(profile.offers.len(), 2);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// JSON Schema reference, so editors can check profile files; ignored by the engine.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// The library's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Programs it runs now.
    #[serde(default)]
    pub offers: Vec<String>,
    /// Programs it is piloting.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub piloting: Vec<String>,
    /// Programs it plans.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub planned: Vec<String>,
    /// Programs whose status is not known.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unknown: Vec<String>,
    /// Roles or contribution areas to emphasise.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub goals: Vec<String>,
    /// The budget, staff and space the library can give to something new.
    #[serde(default, skip_serializing_if = "Resources::is_empty")]
    pub constraints: Resources,
    /// Organisations it works with (carried along, not scored).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub partners: Vec<String>,
    /// The content version the profile was written against, stamped by smartlib.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_version: Option<String>,
    /// Set by [`Profile::assuming_unknown`]: how this profile reads the programs whose status
    /// was unknown, and which they were, so assessments say so. Never read from or written to
    /// a profile file.
    #[serde(skip)]
    #[schemars(skip)]
    pub assumed: Option<Assumed>,
}

/// How to read the programs of unknown status, to see one end of the level range by itself: a
/// sensitivity view for analysts, never a finding (see [`Profile::assuming_unknown`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum AssumeUnknown {
    /// Every unknown program read as offered: the upper end of the range.
    Offered,
    /// Every unknown program read as not offered: the lower end of the range.
    NotOffered,
}

impl AssumeUnknown {
    /// Both readings, upper end first.
    pub const ALL: [AssumeUnknown; 2] = [AssumeUnknown::Offered, AssumeUnknown::NotOffered];

    /// The name used in JSON and on the command line: `offered` or `not-offered`.
    pub fn as_str(self) -> &'static str {
        match self {
            AssumeUnknown::Offered => "offered",
            AssumeUnknown::NotOffered => "not-offered",
        }
    }

    /// The reading named by [`AssumeUnknown::as_str`], if it is one.
    pub fn from_name(name: &str) -> Option<AssumeUnknown> {
        AssumeUnknown::ALL.into_iter().find(|assume| assume.as_str() == name)
    }
}

/// What [`Profile::assuming_unknown`] assumed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Assumed {
    /// How the programs were read.
    pub unknown_as: AssumeUnknown,
    /// The programs whose status was unknown, as the profile listed them.
    pub programs: Vec<String>,
}

impl Profile {
    /// A profile offering these programs and nothing else.
    pub fn offering<I, S>(offers: I) -> Profile
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Profile { offers: offers.into_iter().map(Into::into).collect(), ..Profile::default() }
    }

    /// The same profile with every program of unknown status read as offered, or as not
    /// offered: one end of the level range, by itself. It remembers what it assumed
    /// ([`Profile::assumed`]), so an assessment of it says so in its headline and first advice,
    /// and its recommendations of programs assumed not offered still say `verify` (in
    /// `assess`, `recommend` and `roadmap`; `what_if` and the batch calls do not label it).
    /// Check the profile first ([`crate::Catalog::resolve`]): a program listed as both unknown
    /// and offered is an error there, and would not be one here.
    ///
    /// ```
    /// use smartlib_core::{AssumeUnknown, Profile};
    /// let profile = Profile { unknown: vec!["wifi".into()], ..Profile::offering(["lab"]) };
    /// let high = profile.assuming_unknown(AssumeUnknown::Offered);
    /// assert_eq!((high.offers.len(), high.unknown.len()), (2, 0));
    /// let low = profile.assuming_unknown(AssumeUnknown::NotOffered);
    /// assert_eq!((low.offers.len(), low.unknown.len()), (1, 0));
    /// assert_eq!(low.assumed.map(|a| a.programs), Some(vec!["wifi".to_owned()]));
    /// ```
    #[must_use]
    pub fn assuming_unknown(&self, assume: AssumeUnknown) -> Profile {
        let mut profile = self.clone();
        let programs = std::mem::take(&mut profile.unknown);
        if assume == AssumeUnknown::Offered {
            profile.offers.extend(programs.iter().cloned());
        }
        profile.assumed = Some(Assumed { unknown_as: assume, programs });
        profile
    }

    /// Adds a goal (a role or contribution area id).
    pub fn with_goal(mut self, goal: impl Into<String>) -> Profile {
        self.goals.push(goal.into());
        self
    }

    /// The lists of program ids with the status each gives, in file order.
    pub(crate) fn listed(&self) -> [(&'static str, &[String], Status); 4] {
        [
            ("offers", &self.offers, Status::Offered),
            ("piloting", &self.piloting, Status::Piloting),
            ("planned", &self.planned, Status::Planned),
            ("unknown", &self.unknown, Status::Unknown),
        ]
    }
}

/// A profile resolved against one catalog: a status per program, as bit sets.
///
/// Made by [`crate::Catalog::resolve`], [`crate::Catalog::blank_profile`] or a table reader
/// ([`crate::Columns::read`]); using it with a catalog of another shape gives
/// [`crate::ErrorKind::CatalogMismatch`].
#[derive(Clone, Debug, PartialEq)]
pub struct ResolvedProfile {
    pub(crate) shape: u64,
    pub(crate) programs: usize,
    /// Four bit sets of `words_for(programs)` words each, in [`SETS`] order.
    pub(crate) bits: Vec<u64>,
    pub(crate) goal_roles: u64,
    pub(crate) goal_areas: u64,
    pub(crate) resources: Resources,
    pub(crate) name: Option<String>,
}

/// The statuses kept as bit sets, in storage order; `not-offered` is the absence of all four.
const SETS: [Status; 4] = [Status::Offered, Status::Piloting, Status::Planned, Status::Unknown];

impl ResolvedProfile {
    pub(crate) fn blank(shape: u64, programs: usize) -> ResolvedProfile {
        ResolvedProfile {
            shape,
            programs,
            bits: vec![0; 4 * bits::words_for(programs)],
            goal_roles: 0,
            goal_areas: 0,
            resources: Resources::default(),
            name: None,
        }
    }

    /// Back to every program `not-offered`, no goals, no constraints, no name.
    pub(crate) fn clear(&mut self) {
        self.bits.fill(0);
        self.goal_roles = 0;
        self.goal_areas = 0;
        self.resources = Resources::default();
        self.name = None;
    }

    /// Where a status's bit set sits in `bits` (`None` for not-offered, which is implicit): its
    /// position in [`SETS`].
    pub(crate) fn slot(status: Status) -> Option<usize> {
        match status {
            Status::Offered => Some(0),
            Status::Piloting => Some(1),
            Status::Planned => Some(2),
            Status::Unknown => Some(3),
            Status::NotOffered => None,
        }
    }

    /// The programs with one status, as a bit set (empty for `NotOffered`).
    pub(crate) fn set(&self, status: Status) -> &[u64] {
        let Some(which) = Self::slot(status) else { return &[] };
        let words = bits::words_for(self.programs);
        &self.bits[which * words..(which + 1) * words]
    }

    /// The four sets at once, in [`SETS`] order: offered, piloting, planned, unknown.
    pub(crate) fn sets(&self) -> [&[u64]; 4] {
        let words = bits::words_for(self.programs);
        let mut chunks = self.bits.chunks_exact(words.max(1));
        std::array::from_fn(|_| chunks.next().unwrap_or_default())
    }

    /// How many programs have `status`: each program once, however often a profile lists it.
    ///
    /// ```
    /// # let catalog = smartlib_core::Catalog::new(smartlib_core::testing::small_catalog()).unwrap();
    /// use smartlib_core::{Profile, Status};
    /// let resolved = catalog.resolve(&Profile::offering(["wifi", "wifi", "lab"]))?;
    /// assert_eq!(resolved.count(Status::Offered), 2);
    /// assert_eq!(resolved.count(Status::NotOffered), catalog.programs().len() - 2);
    /// # Ok::<(), smartlib_core::Error>(())
    /// ```
    pub fn count(&self, status: Status) -> usize {
        match status {
            Status::NotOffered => self.programs - SETS.iter().map(|&set| bits::count(self.set(set))).sum::<usize>(),
            _ => bits::count(self.set(status)),
        }
    }

    /// The status of the program at catalog position `index` (`NotOffered` past the end).
    pub fn status(&self, index: usize) -> Status {
        if index >= self.programs {
            return Status::NotOffered;
        }
        // One word of each set, read in place: scoring asks this of every program ranked.
        let (words, word, bit) = (bits::words_for(self.programs), index / 64, index % 64);
        SETS.into_iter()
            .enumerate()
            .find(|&(slot, _)| self.bits[slot * words + word] >> bit & 1 == 1)
            .map_or(Status::NotOffered, |(_, status)| status)
    }

    /// Sets the status of the program at catalog position `index`
    /// (see [`crate::Catalog::program_index`]).
    pub fn set_status(&mut self, index: usize, status: Status) -> Result<()> {
        if index >= self.programs {
            return Err(ErrorKind::NoSuchProgram { index, programs: self.programs }.into());
        }
        let words = bits::words_for(self.programs);
        for (which, set) in SETS.iter().enumerate() {
            let slice = &mut self.bits[which * words..(which + 1) * words];
            if *set == status {
                bits::insert(slice, index);
            } else {
                bits::remove(slice, index);
            }
        }
        Ok(())
    }

    /// Gives a program a status in a profile just cleared (no other status to take away): the
    /// table reader's fast path. `index` must be in range.
    pub(crate) fn mark(&mut self, index: usize, status: Status) {
        if let Some(which) = Self::slot(status) {
            let words = bits::words_for(self.programs);
            self.bits[which * words + index / 64] |= 1 << (index % 64);
        }
    }

    /// Sets every program's status at once, from a slice in catalog order: the fast way to fill
    /// a profile from a table row.
    ///
    /// ```
    /// # let catalog = smartlib_core::Catalog::new(smartlib_core::testing::small_catalog()).unwrap();
    /// use smartlib_core::Status::{NotOffered as N, Offered as O, Unknown as U};
    /// let mut profile = catalog.blank_profile();
    /// profile.set_statuses(&[O, O, U, N, N, N, N, N])?;
    /// assert_eq!(catalog.summarize(&profile, 1)?.level_range, [1, 1]);
    /// # Ok::<(), smartlib_core::Error>(())
    /// ```
    pub fn set_statuses(&mut self, statuses: &[Status]) -> Result<()> {
        if statuses.len() != self.programs {
            return Err(ErrorKind::WrongStatusCount { given: statuses.len(), programs: self.programs }.into());
        }
        self.bits.fill(0);
        for (index, &status) in statuses.iter().enumerate() {
            self.mark(index, status);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_status_but_not_offered_has_its_own_set() {
        for (position, status) in SETS.into_iter().enumerate() {
            assert_eq!(ResolvedProfile::slot(status), Some(position));
        }
        assert_eq!(ResolvedProfile::slot(Status::NotOffered), None);
    }
}
