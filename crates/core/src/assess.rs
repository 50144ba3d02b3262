//! Where a library stands: its level by the toolbox's rule, per-tier shares, roles and areas
//! served, the shortest way up, the advice for its level and its top recommendations.

use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::advice::Advice;
use crate::bits;
use crate::catalog::{Catalog, ContentStamp};
use crate::engine::{Rank, Situation, keep_best};
use crate::error::Result;
use crate::model::{Action, Dimension, Id, Status};
use crate::profile::{AssumeUnknown, Assumed, Profile, ResolvedProfile};
use crate::reason::{ReasonKinds, Recommendation};

/// The full answer for one profile.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Assessment {
    /// Which content produced it.
    pub content: ContentStamp,
    /// The library's name, when the profile gave one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<String>,
    /// When the profile read its unknown programs as offered or as not offered
    /// ([`Profile::assuming_unknown`]): how, and which programs. The first advice says so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assumed: Option<Assumed>,
    /// How many tiers, from the first, the library has established (0 ..= number of tiers).
    pub level: usize,
    /// The highest established tier, if any.
    pub reached: Option<Id>,
    /// The level with unknown programs read as not offered, then as offered.
    pub level_range: [usize; 2],
    /// Why the level is not higher when a tier above it is established by itself: "Advancing
    /// your role is established, but Making progress (2 of 5, 3 needed) holds your level at 1."
    pub level_note: Option<String>,
    /// Each tier's standing, first to last.
    pub tiers: Vec<TierStatus>,
    /// For each smart-citizen role, the offered programs that develop it.
    pub roles: Vec<Coverage>,
    /// For each contribution area, the offered programs that serve it.
    pub areas: Vec<Coverage>,
    /// The fewest programs that would raise the level by one (empty at the top): those of
    /// unknown status first, since checking is the cheapest step, each group best first.
    pub to_next_level: Vec<Id>,
    /// For each of them, what to do: start it, make a pilot permanent, carry out a plan, or
    /// check an unknown status.
    pub to_next_level_actions: Vec<Action>,
    /// When programs of unknown status widen the level range: the fewest of them that,
    /// confirmed as offered, raise the lower end of the range, best first (any as many of the
    /// same tier's unknown programs would do as well). Empty when the level is settled.
    pub to_confirm: Vec<Id>,
    /// The best next programs (as many as the policy's `recommendations`, or as asked), best first.
    pub recommendations: Vec<Recommendation>,
    /// The headline for this level (the catalog's message for the stage reached).
    pub message: Message,
    /// What the assessment says in words, each piece with what it rests on: facts worked out
    /// from the profile, smartlib's reading of the rule, and the stage's advice (the toolbox's
    /// guidance with its source, or the catalog's reading).
    pub advice: Vec<Advice>,
}

/// One tier's standing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct TierStatus {
    /// The tier's id.
    pub id: Id,
    /// Programs of the tier that count as offered.
    pub offered: usize,
    /// Programs in the tier.
    pub total: usize,
    /// `offered / total`.
    pub share: f64,
    /// Programs needed for the tier to be established.
    pub needed: usize,
    /// Whether `offered >= needed`.
    pub established: bool,
    /// Programs of the tier the library is piloting (counted as offered only when the policy
    /// says so).
    pub piloting: usize,
    /// Programs of the tier the library plans.
    pub planned: usize,
    /// Programs of the tier whose status is unknown.
    pub unknown: usize,
}

/// The offered programs that serve one role or area.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Coverage {
    /// The role or area id.
    pub id: Id,
    /// The offered programs serving it, in catalog order.
    pub programs: Vec<Id>,
}

/// The advice for a level: a stable key for translations, and the catalog's English text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Message {
    /// `not-started` at level 0, otherwise the id of the tier reached.
    pub key: Id,
    /// The advice.
    pub text: Arc<str>,
}

/// The compact answer batch work needs: level, level range, unknown programs per tier, and the
/// top programs with what to do about each.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Summary {
    /// The level (unknown programs read as not offered).
    pub level: usize,
    /// The level with unknown programs read as not offered, then as offered.
    pub level_range: [usize; 2],
    /// Catalog positions of the best next programs, best first.
    pub top: Vec<usize>,
    actions: Short<Action>,
    unknown: Short<usize>,
}

impl Summary {
    /// For each of the `top` programs, what to do by its status: start it, make a pilot
    /// permanent, carry out a plan, or verify an unknown status (never [`Action::Keep`]:
    /// offered programs are not recommended).
    pub fn actions(&self) -> &[Action] {
        &self.actions
    }

    /// For each tier, in catalog order, how many of its programs have an unknown status: the
    /// programs that make `level_range` wide.
    pub fn unknown(&self) -> &[usize] {
        &self.unknown
    }
}

/// A list kept inline up to [`SHORT`] items and on the heap beyond, so that a summary's few
/// actions and tiers cost no allocation of their own.
#[derive(Clone, Debug)]
struct Short<T> {
    inline: [T; SHORT],
    len: usize,
    /// Every item once there are more than [`SHORT`].
    heap: Vec<T>,
}

/// Items a [`Short`] keeps inline.
const SHORT: usize = 8;

/// What fills the unused inline slots of a [`Short`].
trait Filler: Copy {
    const FILLER: Self;
}

impl Filler for Action {
    const FILLER: Action = Action::Start;
}

impl Filler for usize {
    const FILLER: usize = 0;
}

impl<T: Filler> Default for Short<T> {
    fn default() -> Short<T> {
        Short { inline: [T::FILLER; SHORT], len: 0, heap: Vec::new() }
    }
}

impl<T: Copy> Short<T> {
    fn clear(&mut self) {
        self.len = 0;
        self.heap.clear();
    }

    fn push(&mut self, item: T) {
        if self.len < SHORT {
            self.inline[self.len] = item;
        } else {
            if self.len == SHORT {
                self.heap.extend_from_slice(&self.inline);
            }
            self.heap.push(item);
        }
        self.len += 1;
    }
}

impl<T> std::ops::Deref for Short<T> {
    type Target = [T];

    fn deref(&self) -> &[T] {
        if self.len <= SHORT { &self.inline[..self.len] } else { &self.heap }
    }
}

impl<T: PartialEq> PartialEq for Short<T> {
    fn eq(&self, other: &Short<T>) -> bool {
        **self == **other
    }
}

impl<T: Eq> Eq for Short<T> {}

/// One of the best programs for a profile, as plain data: its catalog position, what to do
/// about it, and its score and reason kinds, equal to those of the [`Recommendation`] that
/// [`Catalog::assess`] gives for it (the same scoring code, without building the reasons).
#[derive(Clone, Copy, Debug, PartialEq)]
#[non_exhaustive]
pub struct Scored {
    /// The program's catalog position.
    pub program: usize,
    /// What to do about it, by its status.
    pub action: Action,
    /// Its score; higher is better.
    pub score: f64,
    /// The kinds of its reasons.
    pub reasons: ReasonKinds,
}

impl Catalog {
    /// Assesses a profile: level, tiers, roles, areas, next steps and recommendations.
    ///
    /// # Errors
    /// As [`Catalog::resolve`].
    pub fn assess(&self, profile: &Profile) -> Result<Assessment> {
        self.assess_top(profile, self.0.data.policy.recommendations)
    }

    /// Assesses a profile, listing `top` recommendations instead of the policy's number.
    ///
    /// # Errors
    /// As [`Catalog::resolve`].
    pub fn assess_top(&self, profile: &Profile, top: usize) -> Result<Assessment> {
        let mut assessment = self.assessment(&self.resolve_ids(profile)?, profile.name.clone(), top)?;
        if let Some(assumed) = &profile.assumed {
            self.say_assumed(assumed, &mut assessment);
        }
        Ok(assessment)
    }

    /// The profile with its unknown programs read as `assume` ([`Profile::assuming_unknown`]),
    /// once it is checked: what front ends call for a sensitivity view.
    ///
    /// # Errors
    /// As [`Catalog::resolve`], on the profile as given.
    pub fn assume_unknown(&self, profile: &Profile, assume: AssumeUnknown) -> Result<Profile> {
        self.resolve(profile)?;
        Ok(profile.assuming_unknown(assume))
    }

    /// Labels an assessment of a profile that assumed its unknown programs: the assumption as
    /// the first advice, and `verify` for programs assumed not offered.
    fn say_assumed(&self, assumed: &Assumed, assessment: &mut Assessment) {
        assessment.assumed = Some(assumed.clone());
        if assumed.programs.is_empty() {
            return;
        }
        let n = assumed.programs.len();
        let names = crate::view::and_list(assumed.programs.iter().map(|id| self.program_name(id)).collect());
        let (programs, level) = (if n == 1 { "program" } else { "programs" }, assessment.level);
        let text = match assumed.unknown_as {
            AssumeUnknown::Offered => format!(
                "This reads the {n} {programs} of unknown status as offered ({names}): if you offer them all, your level is {level}. It is the upper end of the range, not a finding: confirm them before relying on it."
            ),
            AssumeUnknown::NotOffered => format!(
                "This reads the {n} {programs} of unknown status as not offered ({names}): even if you offer none of them, your level is {level}. It is the lower end of the range, not a finding: confirm them before relying on it."
            ),
        };
        assessment.advice.insert(0, Advice::fact(text));
        if assumed.unknown_as == AssumeUnknown::NotOffered {
            verify_assumed(assumed, &mut assessment.recommendations);
            for (id, action) in assessment.to_next_level.iter().zip(&mut assessment.to_next_level_actions) {
                if assumed.programs.iter().any(|p| p == &**id) {
                    *action = Action::Verify;
                }
            }
        }
    }

    /// Assesses a profile already resolved against this catalog.
    ///
    /// # Errors
    /// [`crate::ErrorKind::CatalogMismatch`] when it was resolved against another catalog.
    pub fn assess_resolved(&self, profile: &ResolvedProfile) -> Result<Assessment> {
        self.assessment(profile, profile.name.clone(), self.0.data.policy.recommendations)
    }

    fn assessment(&self, profile: &ResolvedProfile, name: Option<String>, top: usize) -> Result<Assessment> {
        let situation = Situation::new(self, profile)?;
        let data = &self.0.data;
        let inner = &self.0;
        // Every program not offered is scored once, without reasons; the recommendations, the
        // way to the next level and the programs to confirm all rank from these, and only the
        // recommendations returned are scored again with their reasons.
        let scoring = situation.scoring();
        let ranks = situation.ranks(&scoring);
        let confirm = situation.to_confirm(&ranks);
        let tiers = data
            .tiers
            .iter()
            .enumerate()
            .map(|(position, tier)| {
                let set = &inner.tier_sets[position];
                let offered = bits::intersection_count(&situation.counted, set);
                let total = bits::count(set);
                let needed = inner.tier_needed[position];
                #[allow(clippy::cast_precision_loss)]
                let share = offered as f64 / total as f64;
                TierStatus {
                    id: tier.id.clone(),
                    offered,
                    total,
                    share,
                    needed,
                    established: offered >= needed,
                    piloting: bits::intersection_count(profile.set(Status::Piloting), set),
                    planned: bits::intersection_count(profile.set(Status::Planned), set),
                    unknown: bits::intersection_count(profile.set(Status::Unknown), set),
                }
            })
            .collect::<Vec<TierStatus>>();
        let advice = self.advice(&situation, &tiers, &confirm);
        let level_note = self.level_note(&situation, &tiers);
        // Each list sized first: a role served by many programs grows no list.
        let coverage = |dimensions: &[Dimension], sets: &[Box<[u64]>]| {
            (dimensions.iter().zip(sets))
                .map(|(dimension, set)| {
                    let mut programs = Vec::with_capacity(bits::intersection_count(&situation.counted, set));
                    let served = bits::ones(&situation.counted).filter(|&p| bits::contains(set, p));
                    programs.extend(served.map(|p| data.programs[p].id.clone()));
                    Coverage { id: dimension.id.clone(), programs }
                })
                .collect()
        };
        let missing = situation.next_level_missing();
        let (mut to_next_level, mut to_next_level_actions) = (Vec::with_capacity(missing), Vec::with_capacity(missing));
        situation.to_next_level(&ranks, |rank| {
            to_next_level.push(data.programs[rank.program].id.clone());
            to_next_level_actions.push(Action::for_status(rank.status));
        });
        let (key, text) = inner.messages[situation.level].clone();
        let mut recommendations = Vec::with_capacity(top.min(inner.programs.len()));
        let candidates = ranks.iter().filter(|rank| rank.program != Rank::PLACEHOLDER.program).copied();
        keep_best(candidates, top, |rank| recommendations.push(situation.recommendation(&scoring, &rank)));
        Ok(Assessment {
            content: inner.stamp.clone(),
            profile: name,
            assumed: None,
            level: situation.level,
            reached: self.reached_tier(situation.level).map(|tier| tier.id.clone()),
            level_range: [situation.level, situation.level_max],
            level_note,
            tiers,
            roles: coverage(&data.roles, &inner.role_sets),
            areas: coverage(&data.areas, &inner.area_sets),
            to_next_level,
            to_next_level_actions,
            to_confirm: confirm.iter().map(|&p| data.programs[p].id.clone()).collect(),
            recommendations,
            message: Message { key, text },
            advice,
        })
    }

    /// Level, level range, unknown programs per tier and the `top` best programs with their
    /// actions, without reasons: the batch fast path. `top` 0 skips the ranking.
    ///
    /// ```
    /// # let catalog = smartlib_core::Catalog::new(smartlib_core::testing::small_catalog()).unwrap();
    /// use smartlib_core::{Action, Profile};
    /// let profile = Profile { unknown: vec!["classes".into()], ..Profile::offering(["lab", "wifi"]) };
    /// let summary = catalog.summarize(&catalog.resolve(&profile)?, 10)?;
    /// assert_eq!((summary.level_range, summary.unknown()), ([1, 1], &[1, 0, 0][..]));
    /// assert_eq!(summary.top.len(), 6);
    /// let classes = catalog.program_index("classes").unwrap();
    /// let at = summary.top.iter().position(|&p| p == classes);
    /// assert_eq!(at.map(|at| summary.actions()[at]), Some(Action::Verify));
    /// # Ok::<(), smartlib_core::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`crate::ErrorKind::CatalogMismatch`] when the profile was resolved against another catalog.
    pub fn summarize(&self, profile: &ResolvedProfile, top: usize) -> Result<Summary> {
        // Room for the programs up front: the one allocation (actions and tiers are few).
        let mut summary = Summary { top: Vec::with_capacity(top.min(self.0.programs.len())), ..Summary::default() };
        self.summarize_into(profile, top, &mut summary)?;
        Ok(summary)
    }

    /// As [`Catalog::summarize`], into a summary whose lists are reused: a batch that keeps
    /// one summary allocates nothing for it row after row.
    ///
    /// # Errors
    /// As [`Catalog::summarize`]; `summary` is then left as it was.
    pub fn summarize_into(&self, profile: &ResolvedProfile, top: usize, summary: &mut Summary) -> Result<()> {
        let situation = Situation::new(self, profile)?;
        summary.level = situation.level;
        summary.level_range = [situation.level, situation.level_max];
        let unknown = profile.set(Status::Unknown);
        let any_unknown = unknown.iter().any(|&word| word != 0);
        summary.unknown.clear();
        for set in &self.0.tier_sets {
            summary.unknown.push(if any_unknown { bits::intersection_count(unknown, set) } else { 0 });
        }
        summary.top.clear();
        summary.actions.clear();
        situation.each_best(top, |rank| {
            summary.top.push(rank.program);
            summary.actions.push(Action::for_status(rank.status));
        });
        Ok(())
    }

    /// The `top` best programs with their actions, scores and reason kinds, into `out` (cleared
    /// first): what a batch lists one row per recommendation, without building reasons.
    ///
    /// ```
    /// # let catalog = smartlib_core::Catalog::new(smartlib_core::testing::small_catalog()).unwrap();
    /// use smartlib_core::{Profile, ReasonKinds};
    /// let profile = Profile::offering(["lab", "wifi", "classes"]).with_goal("creators");
    /// let mut scored = Vec::new();
    /// catalog.score_top(&catalog.resolve(&profile)?, 3, &mut scored)?;
    /// let assessment = catalog.assess_top(&profile, 3)?;
    /// for (scored, full) in scored.iter().zip(&assessment.recommendations) {
    ///     assert_eq!(&catalog.programs()[scored.program].id, &full.program);
    ///     assert_eq!((scored.score, scored.reasons), (full.score, ReasonKinds::of(&full.reasons)));
    /// }
    /// # Ok::<(), smartlib_core::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`Catalog::summarize`].
    pub fn score_top(&self, profile: &ResolvedProfile, top: usize, out: &mut Vec<Scored>) -> Result<()> {
        let situation = Situation::new(self, profile)?;
        out.clear();
        situation.each_best(top, |rank| {
            out.push(Scored {
                program: rank.program,
                action: Action::for_status(rank.status),
                score: rank.score,
                reasons: rank.kinds,
            });
        });
        Ok(())
    }
}

/// Recommendations of programs a profile assumed not offered still say `verify`: the
/// assumption is a view, and their status is still unknown.
pub(crate) fn verify_assumed(assumed: &Assumed, recommendations: &mut [Recommendation]) {
    if assumed.unknown_as != AssumeUnknown::NotOffered {
        return;
    }
    for recommendation in recommendations {
        if assumed.programs.iter().any(|p| p == &*recommendation.program) {
            recommendation.action = Action::Verify;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_lists_move_to_the_heap_past_their_inline_room() {
        let mut short = Short::<usize>::default();
        assert!(short.is_empty());
        for item in 0..20 {
            short.push(item);
            assert_eq!(&short[..], (0..=item).collect::<Vec<_>>());
        }
        short.clear();
        short.push(7);
        assert_eq!(&short[..], [7]);
        let mut other = Short::default();
        other.push(7);
        assert_eq!(short, other);
    }
}
