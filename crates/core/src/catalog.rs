//! [`Catalog`]: catalog data ([`CatalogData`], what files hold) validated and indexed, with
//! lookups by id and the resolution of a profile's ids into bit sets.
//!
//! A `Catalog` can only be made from data that holds together, so the engine never meets a
//! dangling id. It is immutable and shares its contents behind one `Arc`: clone it freely and
//! use it from many threads.

use std::fmt;
use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::advice::{self, Advice};
use crate::bits;
use crate::engine::{TierPoints, tier_points};
use crate::error::{CatalogError, Error, ErrorKind, Path, Result};
use crate::fingerprint::Fnv64;
use crate::index::{Compiled, IdMap};
use crate::model::{CatalogData, Dimension, ExampleLibrary, Guide, Id, Program, Status, Tier};
use crate::policy::{Policy, Rule};
use crate::profile::{Profile, ResolvedProfile};
use crate::suggest::nearest;
use crate::validate;

/// Which content an answer came from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct ContentStamp {
    /// The catalog's name.
    pub name: Id,
    /// The content version.
    pub version: Id,
    /// A hash of the whole catalog data (16 hex digits): equal data, equal fingerprint.
    pub fingerprint: Id,
}

/// A validated, indexed, immutable catalog, cheap to clone and safe to share across threads.
///
/// ```
/// # let data = smartlib_core::testing::small_catalog();
/// use smartlib_core::{Catalog, Profile};
/// let catalog = Catalog::new(data)?;
/// let assessment = catalog.assess(&Profile::offering(["lab", "wifi"]))?;
/// assert_eq!(assessment.reached.as_deref(), Some("basics"));
/// # Ok::<(), smartlib_core::Error>(())
/// ```
#[derive(Clone)]
pub struct Catalog(pub(crate) Arc<Inner>);

pub(crate) struct Inner {
    pub(crate) data: CatalogData,
    pub(crate) stamp: ContentStamp,
    /// Hash of the ids and their order: profiles resolved against an equal shape fit.
    pub(crate) shape: u64,
    pub(crate) program_index: IdMap,
    pub(crate) role_index: IdMap,
    pub(crate) area_index: IdMap,
    pub(crate) programs: Vec<Compiled>,
    /// Programs of each tier, as a bit set over program positions.
    pub(crate) tier_sets: Vec<Box<[u64]>>,
    /// How many programs of each tier must count for it to be established.
    pub(crate) tier_needed: Vec<usize>,
    /// What reaching level k+1 asks, by the policy's rule: the programs that count toward it
    /// (tier k alone, or tiers 1 to k+1 together) and how many of them must count.
    pub(crate) level_sets: Vec<Box<[u64]>>,
    pub(crate) level_needed: Vec<usize>,
    /// The programs that develop each role, as a bit set: which roles a profile covers is then
    /// a test per role rather than a pass over its programs.
    pub(crate) role_sets: Vec<Box<[u64]>>,
    /// The programs that serve each contribution area, likewise.
    pub(crate) area_sets: Vec<Box<[u64]>>,
    /// What each tier's programs score for their tier at each level (see
    /// [`crate::engine::tier_points`]): level by level, a row of tiers.
    pub(crate) tier_points: Vec<TierPoints>,
    /// Every program after all it builds on; ties in catalog order.
    pub(crate) topological: Vec<usize>,
    /// The message keys and texts: index 0 for level 0, then one per tier.
    pub(crate) messages: Vec<(Id, Arc<str>)>,
    /// The advice that depends only on the level, by level.
    pub(crate) level_advice: Vec<Vec<Advice>>,
}

impl Catalog {
    /// Validates and indexes catalog data.
    ///
    /// # Errors
    /// [`CatalogError`] listing every problem found, each with its key path.
    pub fn new(data: CatalogData) -> Result<Catalog, CatalogError> {
        let index = validate::check(&data)?;
        let share = data.policy.established_share;
        let tier_count = data.tiers.len();
        let mut tier_sets = vec![vec![0; bits::words_for(data.programs.len())].into_boxed_slice(); tier_count];
        for (position, program) in index.programs.iter().enumerate() {
            bits::insert(&mut tier_sets[program.tier], position);
        }
        let members = |dimensions: usize, of: fn(&Compiled) -> u64| {
            let mut sets = vec![vec![0; bits::words_for(data.programs.len())].into_boxed_slice(); dimensions];
            for (position, program) in index.programs.iter().enumerate() {
                for dimension in bits::ones(&[of(program)]) {
                    bits::insert(&mut sets[dimension], position);
                }
            }
            sets
        };
        let (role_sets, area_sets) = (members(data.roles.len(), |p| p.roles), members(data.areas.len(), |p| p.areas));
        let tier_needed: Vec<usize> = tier_sets.iter().map(|set| needed(share, bits::count(set))).collect();
        let (level_sets, level_needed) = match data.policy.rule {
            Rule::PerTier => (tier_sets.clone(), tier_needed.clone()),
            Rule::Cumulative => {
                let mut union = vec![0u64; bits::words_for(data.programs.len())];
                tier_sets
                    .iter()
                    .map(|set| {
                        union.iter_mut().zip(set.iter()).for_each(|(word, tier)| *word |= tier);
                        (union.clone().into_boxed_slice(), needed(share, bits::count(&union)))
                    })
                    .unzip()
            }
        };
        let mut messages = Vec::with_capacity(tier_count + 1);
        messages.push((Id::from("not-started"), Arc::from(data.start_message.as_str())));
        for tier in &data.tiers {
            messages.push((tier.id.clone(), Arc::from(tier.message.as_str())));
        }
        let mut hasher = Fnv64::new();
        for program in &data.programs {
            hasher.write_str(&program.id);
            hasher.write_str(&program.tier);
        }
        for dimension in data.roles.iter().chain(&data.areas) {
            hasher.write_str(&dimension.id);
        }
        let shape = hasher.finish();
        let stamp = ContentStamp {
            name: data.name.as_str().into(),
            version: data.version.as_str().into(),
            fingerprint: Fnv64::of_json(&data).into(),
        };
        Ok(Catalog(Arc::new(Inner {
            stamp,
            shape,
            program_index: index.program_index,
            role_index: index.role_index,
            area_index: index.area_index,
            programs: index.programs,
            topological: index.topological,
            tier_sets,
            tier_needed,
            level_sets,
            level_needed,
            role_sets,
            area_sets,
            tier_points: tier_points(&data.policy.weights, tier_count),
            messages,
            level_advice: advice::level_advice(&data),
            data,
        })))
    }

    /// The same catalog with another policy (threshold and weights).
    ///
    /// # Errors
    /// [`CatalogError`] when the policy is out of range.
    pub fn with_policy(&self, policy: Policy) -> Result<Catalog, CatalogError> {
        let mut data = self.0.data.clone();
        data.policy = policy;
        Catalog::new(data)
    }

    /// The data this catalog was built from, in the format catalog files use.
    pub fn data(&self) -> &CatalogData {
        &self.0.data
    }

    /// Name, version and fingerprint of the content.
    pub fn content(&self) -> &ContentStamp {
        &self.0.stamp
    }

    /// The tiers, first to last.
    pub fn tiers(&self) -> &[Tier] {
        &self.0.data.tiers
    }

    /// The programs, in catalog order.
    pub fn programs(&self) -> &[Program] {
        &self.0.data.programs
    }

    /// The smart-citizen roles.
    pub fn roles(&self) -> &[Dimension] {
        &self.0.data.roles
    }

    /// The library contribution areas.
    pub fn areas(&self) -> &[Dimension] {
        &self.0.data.areas
    }

    /// The organizational processes.
    pub fn processes(&self) -> &[Guide] {
        &self.0.data.processes
    }

    /// The marketing and outreach tools.
    pub fn outreach(&self) -> &[Guide] {
        &self.0.data.outreach
    }

    /// The example libraries.
    pub fn examples(&self) -> &[ExampleLibrary] {
        &self.0.data.examples
    }

    /// The assessment threshold and ranking weights.
    pub fn policy(&self) -> &Policy {
        &self.0.data.policy
    }

    /// The program with this id.
    pub fn program(&self, id: &str) -> Option<&Program> {
        self.program_index(id).map(|index| &self.0.data.programs[index])
    }

    /// The tier with this id.
    pub fn tier(&self, id: &str) -> Option<&Tier> {
        self.0.data.tiers.iter().find(|tier| &*tier.id == id)
    }

    /// The role or contribution area with this id.
    pub fn dimension(&self, id: &str) -> Option<&Dimension> {
        let data = &self.0.data;
        (self.0.role_index.get(id).map(|&i| &data.roles[i]))
            .or_else(|| self.0.area_index.get(id).map(|&i| &data.areas[i]))
    }

    /// The organizational process or outreach tool with this id.
    pub fn guide(&self, id: &str) -> Option<&Guide> {
        self.0.data.processes.iter().chain(&self.0.data.outreach).find(|guide| &*guide.id == id)
    }

    /// The example library with this id.
    pub fn example_library(&self, id: &str) -> Option<&ExampleLibrary> {
        self.0.data.examples.iter().find(|library| &*library.id == id)
    }

    /// The highest tier established at `level`: none at level 0, the first tier at level 1, ….
    ///
    /// ```
    /// # let catalog = smartlib_core::Catalog::new(smartlib_core::testing::small_catalog()).unwrap();
    /// assert_eq!(catalog.reached_tier(0), None);
    /// assert_eq!(catalog.reached_tier(1).map(|t| &*t.id), Some("basics"));
    /// ```
    pub fn reached_tier(&self, level: usize) -> Option<&Tier> {
        level.checked_sub(1).and_then(|tier| self.0.data.tiers.get(tier))
    }

    /// The catalog position of the program with this id.
    pub fn program_index(&self, id: &str) -> Option<usize> {
        self.0.program_index.get(id).copied()
    }

    /// How many programs of each tier must be offered for the tier to count as established.
    pub fn needed_per_tier(&self) -> &[usize] {
        &self.0.tier_needed
    }

    /// An error for a program id this catalog does not have, naming the nearest one.
    pub fn unknown_program(&self, id: &str, path: Path) -> Error {
        let suggestion = nearest(id, self.0.data.programs.iter().map(|p| &p.id));
        Error::new(path, ErrorKind::UnknownProgram { id: id.to_owned(), suggestion })
    }

    /// The position of a program id, or an error at `path` naming the nearest one.
    #[inline]
    pub(crate) fn program_at(&self, id: &str, path: impl FnOnce() -> Path) -> Result<usize> {
        self.program_index(id).ok_or_else(|| self.unknown_program(id, path()))
    }

    /// Adds a goal (a role or area id) to a resolved profile, or says which goal is unknown.
    #[inline]
    pub(crate) fn add_goal(
        &self,
        profile: &mut ResolvedProfile,
        goal: &str,
        path: impl FnOnce() -> Path,
    ) -> Result<()> {
        if let Some(&role) = self.0.role_index.get(goal) {
            profile.goal_roles |= 1 << role;
        } else if let Some(&area) = self.0.area_index.get(goal) {
            profile.goal_areas |= 1 << area;
        } else {
            let dimensions = self.0.data.roles.iter().chain(&self.0.data.areas);
            let suggestion = nearest(goal, dimensions.map(|d| &d.id));
            return Err(Error::new(path(), ErrorKind::UnknownGoal { id: goal.to_owned(), suggestion }));
        }
        Ok(())
    }

    /// Gives a program a status in a resolved profile, refusing a second, different status.
    #[inline]
    pub(crate) fn give_status(
        &self,
        profile: &mut ResolvedProfile,
        index: usize,
        status: Status,
        path: impl FnOnce() -> Path,
    ) -> Result<()> {
        let current = profile.status(index);
        if current != Status::NotOffered && current != status {
            let id = self.0.data.programs[index].id.clone();
            return Err(Error::new(path(), ErrorKind::ConflictingStatus { id, first: current, second: status }));
        }
        profile.set_status(index, status)
    }

    /// A profile for this catalog in which every program is `not-offered`.
    pub fn blank_profile(&self) -> ResolvedProfile {
        ResolvedProfile::blank(self.0.shape, self.0.programs.len())
    }

    /// Resolves a profile's ids against this catalog.
    ///
    /// # Errors
    /// [`ErrorKind::UnknownProgram`] or [`ErrorKind::UnknownGoal`] (with the nearest valid id), or
    /// [`ErrorKind::ConflictingStatus`] when a program is listed under two statuses.
    pub fn resolve(&self, profile: &Profile) -> Result<ResolvedProfile> {
        let mut resolved = self.resolve_ids(profile)?;
        resolved.name.clone_from(&profile.name);
        Ok(resolved)
    }

    /// As [`Catalog::resolve`], without the name: for answers that take it from the profile.
    pub(crate) fn resolve_ids(&self, profile: &Profile) -> Result<ResolvedProfile> {
        let mut resolved = self.blank_profile();
        for (field, ids, status) in profile.listed() {
            for (position, id) in ids.iter().enumerate() {
                let path = || Path::root().key(field).index(position);
                let index = self.program_at(id, path)?;
                self.give_status(&mut resolved, index, status, path)?;
            }
        }
        for (position, goal) in profile.goals.iter().enumerate() {
            self.add_goal(&mut resolved, goal, || Path::root().key("goals").index(position))?;
        }
        resolved.resources = profile.constraints;
        Ok(resolved)
    }

    /// The profile a resolved one stands for, with ids: the way back from a table row to a
    /// profile that can be assessed with reasons, saved or shown.
    ///
    /// # Errors
    /// [`ErrorKind::CatalogMismatch`] when it was resolved against another catalog.
    pub fn profile_of(&self, resolved: &ResolvedProfile) -> Result<Profile> {
        self.check_shape(resolved)?;
        let data = &self.0.data;
        let mut profile =
            Profile { name: resolved.name.clone(), constraints: resolved.resources, ..Profile::default() };
        for (index, program) in data.programs.iter().enumerate() {
            let list = match resolved.status(index) {
                Status::Offered => &mut profile.offers,
                Status::Piloting => &mut profile.piloting,
                Status::Planned => &mut profile.planned,
                Status::Unknown => &mut profile.unknown,
                Status::NotOffered => continue,
            };
            list.push(program.id.to_string());
        }
        let goals = data.roles.iter().enumerate().filter(|(i, _)| resolved.goal_roles & (1 << i) != 0);
        let areas = data.areas.iter().enumerate().filter(|(i, _)| resolved.goal_areas & (1 << i) != 0);
        profile.goals = goals.chain(areas).map(|(_, dimension)| dimension.id.to_string()).collect();
        Ok(profile)
    }

    /// A hash of the ids and their order: profiles and tables read for an equal shape fit.
    pub(crate) fn shape(&self) -> u64 {
        self.0.shape
    }

    /// Refuses a resolved profile made for a catalog of another shape.
    /// The tier position of the program at catalog position `program`.
    pub(crate) fn tier_of(&self, program: usize) -> usize {
        self.0.programs[program].tier
    }

    /// The level from how many programs of each tier count as offered.
    #[inline]
    pub(crate) fn level_from_counts(&self, counted: impl Fn(usize) -> usize) -> usize {
        crate::engine::level_from_counts(&self.0, counted)
    }

    pub(crate) fn check_shape(&self, profile: &ResolvedProfile) -> Result<()> {
        if profile.shape == self.0.shape && profile.programs == self.0.programs.len() {
            Ok(())
        } else {
            Err(ErrorKind::CatalogMismatch.into())
        }
    }
}

/// Programs a tier of `size` needs at `share`: ⌈share × size⌉, at least 1.
fn needed(share: f64, size: usize) -> usize {
    // The small epsilon keeps 0.6 × 5 = 3.0000000000000004 from rounding up to 4.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, clippy::cast_precision_loss)]
    let count = (share * size as f64 - 1e-9).ceil() as usize;
    count.clamp(1, size.max(1))
}

impl fmt::Debug for Catalog {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Catalog")
            .field("name", &self.0.data.name)
            .field("version", &self.0.data.version)
            .field("tiers", &self.0.data.tiers.len())
            .field("programs", &self.0.data.programs.len())
            .field("fingerprint", &self.0.stamp.fingerprint)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn needed_rounds_up_without_float_noise() {
        assert_eq!(needed(0.6, 5), 3);
        assert_eq!(needed(0.5, 5), 3);
        assert_eq!(needed(1.0, 5), 5);
        assert_eq!(needed(0.01, 5), 1);
        assert_eq!(needed(0.6, 10), 6);
    }

    #[test]
    fn catalog_is_send_sync_and_cheap_to_clone() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Catalog>();
        let catalog = Catalog::new(crate::testing::small_catalog()).expect("valid");
        let copy = catalog.clone();
        assert!(Arc::ptr_eq(&catalog.0, &copy.0));
    }
}
