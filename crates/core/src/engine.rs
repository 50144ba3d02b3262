//! The rule and the ranking, shared by assessment, recommendation, roadmap and batch calls.
//!
//! A [`Situation`] is one profile read against one catalog: which programs count, the level,
//! the roles already served. Scoring a program adds up the policy's points; when asked, it also
//! writes the reasons, so explanations and scores can never disagree.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::cmp::Ordering;

use crate::bits;
use crate::catalog::{Catalog, Inner};
use crate::error::Result;
use crate::model::{Action, Dimension, Id, Resource, Status};
use crate::policy::Rule;
use crate::profile::ResolvedProfile;
use crate::reason::{Reason, ReasonKind, ReasonKinds, Recommendation};

pub(crate) struct Situation<'a> {
    pub(crate) inner: &'a Inner,
    pub(crate) profile: &'a ResolvedProfile,
    /// Programs that count as offered: `offered`, plus `piloting` when the policy says so.
    pub(crate) counted: Cow<'a, [u64]>,
    /// The level with unknown programs read as not offered.
    pub(crate) level: usize,
    /// The level with unknown programs read as offered.
    pub(crate) level_max: usize,
    /// Roles served by at least one counted program, worked out when a score first needs them
    /// (a batch that asks for levels only never does).
    covered_roles: OnceCell<u64>,
    /// In a roadmap: the programs counted before the plan and the phase that starts each
    /// planned program, so reasons tell the two apart.
    pub(crate) plan: Option<Plan<'a>>,
}

/// What a roadmap phase's reasons need to know about the plan so far.
#[derive(Clone, Copy)]
pub(crate) struct Plan<'a> {
    /// Programs counted as offered before the plan.
    pub(crate) counted_now: &'a [u64],
    /// The phase (from 1) that starts each program placed so far.
    pub(crate) placed_in: &'a [Option<usize>],
}

impl<'a> Situation<'a> {
    pub(crate) fn new(catalog: &'a Catalog, profile: &'a ResolvedProfile) -> Result<Situation<'a>> {
        catalog.check_shape(profile)?;
        let inner = &*catalog.0;
        let offered = profile.set(Status::Offered);
        let counted = if inner.data.policy.count_piloting {
            Cow::Owned(offered.iter().zip(profile.set(Status::Piloting)).map(|(o, p)| o | p).collect())
        } else {
            Cow::Borrowed(offered)
        };
        let unknown = profile.set(Status::Unknown);
        let level = level_of(inner, |tier| bits::intersection_count(&counted, tier));
        let level_max =
            level_of(inner, |tier| bits::intersection_count(&counted, tier) + bits::intersection_count(unknown, tier));
        Ok(Situation { inner, profile, counted, level, level_max, covered_roles: OnceCell::new(), plan: None })
    }

    /// Programs the library could start: every program not offered, best first, at most `limit`.
    pub(crate) fn ranked(&self, limit: usize) -> Vec<usize> {
        self.best(limit).into_iter().map(|rank| rank.program).collect()
    }

    /// The same with each program's score and reason kinds.
    pub(crate) fn best(&self, limit: usize) -> Vec<Rank> {
        if limit == 0 {
            return Vec::new();
        }
        let offered = self.profile.set(Status::Offered);
        let mut candidates = Vec::with_capacity(self.inner.programs.len() - bits::count(offered));
        candidates.extend(bits::zeroes(offered, self.inner.programs.len()).map(|p| self.rank_of(p)));
        best(candidates, limit)
    }

    /// Hands the ranks [`Situation::best`] gives to `each`, best first. Up to [`KEPT`] of them
    /// are kept on the stack while ranking, so a batch's usual few recommendations allocate
    /// nothing.
    pub(crate) fn each_best(&self, limit: usize, mut each: impl FnMut(Rank)) {
        if limit == 0 {
            return;
        }
        if limit > KEPT {
            self.best(limit).into_iter().for_each(each);
            return;
        }
        let empty = Rank {
            score: 0.0,
            leverage: 0,
            cost: 0,
            kinds: ReasonKinds::default(),
            status: Status::NotOffered,
            program: 0,
        };
        let mut kept = [empty; KEPT];
        let mut len = 0;
        let offered = self.profile.set(Status::Offered);
        for program in bits::zeroes(offered, self.inner.programs.len()) {
            let rank = self.rank_of(program);
            // Insertion into the ranks kept so far, best first; once `limit` are kept, a rank
            // no better than the last is dropped (the order is total: there are no ties).
            if len == limit {
                if order(&rank, &kept[len - 1]).is_gt() {
                    continue;
                }
                len -= 1;
            }
            let mut at = len;
            while at > 0 && order(&rank, &kept[at - 1]).is_lt() {
                kept[at] = kept[at - 1];
                at -= 1;
            }
            kept[at] = rank;
            len += 1;
        }
        kept[..len].iter().copied().for_each(&mut each);
    }

    /// These programs, best first.
    pub(crate) fn rank(&self, programs: Vec<usize>) -> Vec<usize> {
        best(programs.into_iter().map(|p| self.rank_of(p)).collect(), usize::MAX)
            .into_iter()
            .map(|r| r.program)
            .collect()
    }

    /// Where a program stands in a ranking.
    fn rank_of(&self, program: usize) -> Rank {
        let (score, leverage, kinds, status) = self.scored(program, None);
        Rank { score, leverage, cost: self.inner.programs[program].cost, kinds, status, program }
    }

    /// The fewest programs that raise the level by one: programs of the first tier not yet
    /// established (with the cumulative rule, of the tiers up to it). Programs of unknown
    /// status come first, best first, since checking one is the cheapest step and the library
    /// may offer it already; then the others, best first. So when unknown programs widen the
    /// range, these are exactly [`Situation::to_confirm`].
    pub(crate) fn to_next_level(&self) -> Vec<usize> {
        let Some(set) = self.inner.level_sets.get(self.level) else {
            return Vec::new();
        };
        let missing = self.inner.level_needed[self.level].saturating_sub(bits::intersection_count(&self.counted, set));
        let unknown = self.profile.set(Status::Unknown);
        let (unknown, known): (Vec<usize>, Vec<usize>) =
            bits::ones(set).filter(|&p| !bits::contains(&self.counted, p)).partition(|&p| bits::contains(unknown, p));
        let ranked = |programs: Vec<usize>, limit| {
            best(programs.into_iter().map(|p| self.rank_of(p)).collect(), limit).into_iter().map(|rank| rank.program)
        };
        let mut next: Vec<usize> = ranked(unknown, missing).collect();
        let rest = missing.saturating_sub(next.len());
        next.extend(ranked(known, rest));
        next
    }

    /// The fewest programs of unknown status that, confirmed as offered, raise the lower end
    /// of the level range, best first; empty when no unknown program can change the level.
    ///
    /// Why this set is the fewest: the level is `level` because step `level` of the rule (tier
    /// `level` alone, or with the cumulative rule the tiers up to it together) counts fewer
    /// programs than it needs, while every step below it has enough. Offering more programs
    /// never lowers a step's count, so the level rises exactly when step `level` reaches what
    /// it needs, and only programs of that step add to it, one each. So no set smaller than
    /// the shortfall `needed - counted` raises the level, and any `shortfall` unknown programs
    /// of that step do. There are enough of them whenever the range is wider than one value:
    /// `level_max > level` means the step has enough with every unknown program offered. The
    /// best-ranked ones are named; the others of the step would do as well
    /// (see [`Situation::deciding`]).
    pub(crate) fn to_confirm(&self) -> Vec<usize> {
        if self.level_max == self.level {
            return Vec::new();
        }
        let set = &self.inner.level_sets[self.level];
        let shortfall =
            self.inner.level_needed[self.level].saturating_sub(bits::intersection_count(&self.counted, set));
        best(self.deciding().into_iter().map(|p| self.rank_of(p)).collect(), shortfall)
            .into_iter()
            .map(|rank| rank.program)
            .collect()
    }

    /// Every program of unknown status in the step that holds the level (see
    /// [`Situation::to_confirm`]), in catalog order; empty when the range is one value.
    pub(crate) fn deciding(&self) -> Vec<usize> {
        if self.level_max == self.level {
            return Vec::new();
        }
        let unknown = self.profile.set(Status::Unknown);
        bits::ones(&self.inner.level_sets[self.level]).filter(|&p| bits::contains(unknown, p)).collect()
    }

    /// The level if these programs were offered too (the others as they are).
    pub(crate) fn level_with(&self, programs: &[usize]) -> usize {
        level_of(self.inner, |step| {
            bits::intersection_count(&self.counted, step)
                + programs.iter().filter(|&&p| bits::contains(step, p)).count()
        })
    }

    /// A program's full recommendation, reasons included.
    pub(crate) fn recommendation(&self, program: usize) -> Recommendation {
        let mut reasons = Vec::with_capacity(4);
        let score = self.score(program, Some(&mut reasons));
        let data = &self.inner.data.programs[program];
        Recommendation {
            program: data.id.clone(),
            tier: self.inner.data.tiers[self.inner.programs[program].tier].id.clone(),
            action: Action::for_status(self.profile.status(program)),
            score,
            reasons,
            processes: data.processes.clone(),
            outreach: data.outreach.clone(),
            examples: data.libraries.clone(),
        }
    }

    /// The program's score under the policy; with `reasons`, also why, one reason a principle.
    pub(crate) fn score(&self, program: usize, reasons: Option<&mut Vec<Reason>>) -> f64 {
        self.scored(program, reasons).0
    }

    /// The score, the leverage (counted programs it builds on), which breaks ties, and the
    /// kinds of the reasons (all of them, whether or not `reasons` asks for the reasons).
    fn scored(&self, program: usize, reasons: Option<&mut Vec<Reason>>) -> (f64, usize, ReasonKinds, Status) {
        let weights = &self.inner.data.policy.weights;
        let compiled = &self.inner.programs[program];
        let data = &self.inner.data;
        let mut tally = Tally { total: 0.0, kinds: ReasonKinds::default(), reasons };

        let tier_id = || data.tiers[compiled.tier].id.clone();
        match compiled.tier.cmp(&self.level) {
            Ordering::Equal => {
                tally.add(ReasonKind::NextTier, weights.next_tier, |points| Reason::NextTier {
                    tier: tier_id(),
                    points,
                });
            }
            Ordering::Less => {
                tally.add(ReasonKind::LowerTierGap, weights.lower_tier_gap, |points| Reason::LowerTierGap {
                    tier: tier_id(),
                    points,
                });
            }
            Ordering::Greater => {
                let tiers_ahead = compiled.tier - self.level;
                #[allow(clippy::cast_precision_loss)]
                let decay = weights.higher_tier_step * (tiers_ahead - 1) as f64;
                let points = (weights.higher_tier - decay).max(0.0);
                tally.add(ReasonKind::HigherTier, points, |points| Reason::HigherTier {
                    tier: tier_id(),
                    tiers_ahead,
                    points,
                });
            }
        }

        // Each prerequisite is counted as offered (leverage), of unknown status (neither
        // leverage nor a gap: no points), or missing (a gap: points off).
        let unknown = self.profile.set(Status::Unknown);
        let standing = |q: usize| {
            if bits::contains(&self.counted, q) {
                Prerequisite::Counted
            } else if bits::contains(unknown, q) {
                Prerequisite::Unknown
            } else {
                Prerequisite::Missing
            }
        };
        let (mut offered_prerequisites, mut unknown_prerequisites, mut missing_prerequisites) = (0, 0, 0);
        for &q in &compiled.builds_on {
            match standing(q) {
                Prerequisite::Counted => offered_prerequisites += 1,
                Prerequisite::Unknown => unknown_prerequisites += 1,
                Prerequisite::Missing => missing_prerequisites += 1,
            }
        }
        let prerequisites = |which: Prerequisite| -> Vec<Id> {
            compiled.builds_on.iter().filter(|&&q| standing(q) == which).map(|&q| data.programs[q].id.clone()).collect()
        };
        if offered_prerequisites > 0 {
            match self.plan {
                None => tally.add(ReasonKind::BuildsOn, weights.builds_on * count(offered_prerequisites), |points| {
                    Reason::BuildsOn { programs: prerequisites(Prerequisite::Counted), points }
                }),
                // In a roadmap, what the library offers now and what an earlier phase starts.
                Some(plan) => {
                    let (now, earlier): (Vec<usize>, Vec<usize>) = (compiled.builds_on.iter())
                        .filter(|&&q| bits::contains(&self.counted, q))
                        .partition(|&&q| bits::contains(plan.counted_now, q));
                    let ids = |list: &[usize]| list.iter().map(|&q| data.programs[q].id.clone()).collect();
                    if !now.is_empty() {
                        tally.add(ReasonKind::BuildsOn, weights.builds_on * count(now.len()), |points| {
                            Reason::BuildsOn { programs: ids(&now), points }
                        });
                    }
                    if !earlier.is_empty() {
                        tally.add(
                            ReasonKind::BuildsOnEarlierPhases,
                            weights.builds_on * count(earlier.len()),
                            |points| {
                                let phases = earlier.iter().map(|&q| plan.placed_in[q].unwrap_or(0)).collect();
                                Reason::BuildsOnEarlierPhases { programs: ids(&earlier), phases, points }
                            },
                        );
                    }
                }
            }
        }
        if missing_prerequisites > 0 {
            tally.add(
                ReasonKind::MissingPrerequisites,
                -weights.missing_prerequisite * count(missing_prerequisites),
                |points| Reason::MissingPrerequisites { programs: prerequisites(Prerequisite::Missing), points },
            );
        }
        if unknown_prerequisites > 0 {
            tally.add(ReasonKind::BuildsOnUnknown, 0.0, |points| Reason::BuildsOnUnknown {
                programs: prerequisites(Prerequisite::Unknown),
                points,
            });
        }

        let goal_roles = compiled.roles & self.profile.goal_roles;
        let goal_areas = compiled.areas & self.profile.goal_areas;
        let goals = goal_roles.count_ones() + goal_areas.count_ones();
        if goals > 0 {
            tally.add(ReasonKind::Goals, weights.goal * f64::from(goals), |points| {
                let mut ids = ids_of(goal_roles, &data.roles);
                ids.extend(ids_of(goal_areas, &data.areas));
                Reason::Goals { goals: ids, points }
            });
        }

        let covered_roles = *self
            .covered_roles
            .get_or_init(|| bits::ones(&self.counted).fold(0, |roles, p| roles | self.inner.programs[p].roles));
        let gaps = compiled.roles & !covered_roles;
        if gaps != 0 {
            tally.add(ReasonKind::RoleGap, weights.role_gap * f64::from(gaps.count_ones()), |points| Reason::RoleGap {
                roles: ids_of(gaps, &data.roles),
                points,
            });
        }

        for resource in Resource::ALL {
            let (Some(needs), Some(has)) = (compiled.needs.get(resource), self.profile.resources.get(resource)) else {
                continue;
            };
            let shortfall = needs.shortfall(has);
            if shortfall > 0 {
                tally.add(ReasonKind::Constraint, -weights.constraint * f64::from(shortfall), |points| {
                    Reason::Constraint { resource, needs, has, points }
                });
            }
        }

        let status = self.profile.status(program);
        match status {
            status @ Status::Piloting => {
                tally.add(ReasonKind::InProgress, weights.piloting, |points| Reason::InProgress { status, points })
            }
            status @ Status::Planned => {
                tally.add(ReasonKind::InProgress, weights.planned, |points| Reason::InProgress { status, points })
            }
            Status::Unknown => {
                tally.add(ReasonKind::StatusUnknown, weights.unknown, |points| Reason::StatusUnknown { points })
            }
            Status::Offered | Status::NotOffered => {}
        }
        (tally.total, offered_prerequisites, tally.kinds, status)
    }
}

/// Where a prerequisite of a program stands, for its score.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Prerequisite {
    /// Counted as offered: leverage.
    Counted,
    /// Of unknown status: neither leverage nor a gap.
    Unknown,
    /// Not offered, or only piloted or planned where those do not count: a gap.
    Missing,
}

/// The level: how many of the policy's steps, from the first, have at least their needed count
/// (each tier by itself, or the first tiers together).
pub(crate) fn level_of(inner: &Inner, counted_in: impl Fn(&[u64]) -> usize) -> usize {
    inner
        .level_sets
        .iter()
        .zip(&inner.level_needed)
        .position(|(tier, &needed)| counted_in(tier) < needed)
        .unwrap_or(inner.level_sets.len())
}

/// The level from how many programs of each tier count as offered, by the policy's rule: the
/// same as [`level_of`] with those counts (tiers hold distinct programs, so the first tiers
/// together count the sum of their counts).
#[inline]
pub(crate) fn level_from_counts(inner: &Inner, counted: impl Fn(usize) -> usize) -> usize {
    let cumulative = matches!(inner.data.policy.rule, Rule::Cumulative);
    let mut sum = 0;
    for (tier, &needed) in inner.level_needed.iter().enumerate() {
        let count = counted(tier);
        sum += count;
        if (if cumulative { sum } else { count }) < needed {
            return tier;
        }
    }
    inner.level_needed.len()
}

/// A program's place in a ranking (see [`best`]).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Rank {
    pub(crate) score: f64,
    /// How many of the programs it builds on count as offered.
    leverage: usize,
    /// What its stated needs add up to (see `Compiled::cost`).
    cost: u8,
    /// The kinds of its reasons and its status (in what was padding: a rank stays 32 bytes).
    pub(crate) kinds: ReasonKinds,
    pub(crate) status: Status,
    pub(crate) program: usize,
}

/// How many ranks [`Situation::each_best`] keeps on the stack.
const KEPT: usize = 8;

/// Best first: the higher score; on a tie, more leverage, then the lower cost, then catalog
/// order.
fn order(a: &Rank, b: &Rank) -> Ordering {
    (b.score.total_cmp(&a.score))
        .then(b.leverage.cmp(&a.leverage))
        .then(a.cost.cmp(&b.cost))
        .then(a.program.cmp(&b.program))
}

/// The ranks in [`order`], at most `limit` of them.
fn best(mut ranks: Vec<Rank>, limit: usize) -> Vec<Rank> {
    if limit == 0 {
        return Vec::new();
    }
    if limit < ranks.len() {
        ranks.select_nth_unstable_by(limit - 1, order);
        ranks.truncate(limit);
    }
    ranks.sort_unstable_by(order);
    ranks
}

/// The ids of the dimensions whose bits are set, in catalog order.
pub(crate) fn ids_of(bits: u64, dimensions: &[Dimension]) -> Vec<Id> {
    dimensions
        .iter()
        .enumerate()
        .filter(|(position, _)| bits & (1 << position) != 0)
        .map(|(_, dimension)| dimension.id.clone())
        .collect()
}

#[allow(clippy::cast_precision_loss)]
fn count(n: usize) -> f64 {
    n as f64
}

/// Adds points and their reason's kind and, when reasons are wanted, the reason for them.
struct Tally<'r> {
    total: f64,
    kinds: ReasonKinds,
    reasons: Option<&'r mut Vec<Reason>>,
}

impl Tally<'_> {
    fn add(&mut self, kind: ReasonKind, points: f64, reason: impl FnOnce(f64) -> Reason) {
        self.total += points;
        self.kinds.insert(kind);
        if let Some(reasons) = self.reasons.as_deref_mut() {
            reasons.push(reason(points));
        }
    }
}
