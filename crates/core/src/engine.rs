//! The rule and the ranking, shared by assessment, recommendation, roadmap and batch calls.
//!
//! A [`Situation`] is one profile read against one catalog: which programs count, the level,
//! the roles already served. Scoring a program adds up the policy's points; when asked, it also
//! writes the reasons, so explanations and scores can never disagree.
//!
//! Scoring is on the batch path, once for every program a library does not offer, so what does
//! not depend on the program is worked out once per profile ([`Scoring`]) or once per catalog
//! (the tier points of each level, [`TierPoints`]), and the reasons are a type parameter: the
//! ranking pass compiles to arithmetic on bit sets, and only the programs returned are scored
//! again with their reasons.

use std::cmp::Ordering;
use std::ops::Deref;

use crate::bits;
use crate::catalog::{Catalog, Inner};
use crate::error::Result;
use crate::model::{Action, Dimension, Id, Resource, Resources, Scale, Status};
use crate::policy::{Rule, Weights};
use crate::profile::ResolvedProfile;
use crate::reason::{Reason, ReasonKind, ReasonKinds, Recommendation};

pub(crate) struct Situation<'a> {
    pub(crate) inner: &'a Inner,
    pub(crate) profile: &'a ResolvedProfile,
    /// Programs that count as offered: `offered`, plus `piloting` when the policy says so.
    pub(crate) counted: Counted<'a>,
    /// The level with unknown programs read as not offered.
    pub(crate) level: usize,
    /// The level with unknown programs read as offered.
    pub(crate) level_max: usize,
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

/// The programs that count as offered: the profile's own `offered` set, or, when piloting
/// counts too, the union kept inline for catalogs of up to 128 programs, so that scoring a
/// profile allocates nothing either way.
pub(crate) enum Counted<'a> {
    Borrowed(&'a [u64]),
    Inline([u64; 2], usize),
    Owned(Vec<u64>),
}

impl Deref for Counted<'_> {
    type Target = [u64];

    fn deref(&self) -> &[u64] {
        match self {
            Counted::Borrowed(words) => words,
            Counted::Inline(words, len) => &words[..*len],
            Counted::Owned(words) => words,
        }
    }
}

/// What a program's tier is worth at one level: computed once per catalog for every level and
/// tier, by the same expressions the policy gives, so the points are the same to the bit.
#[derive(Clone, Copy, Debug)]
pub(crate) struct TierPoints {
    pub(crate) kind: ReasonKind,
    pub(crate) points: f64,
    /// For [`ReasonKind::HigherTier`]: how many tiers beyond the next one (from 1).
    pub(crate) tiers_ahead: usize,
}

/// The tier points of every level (0 ..= tiers) and tier, level by level.
pub(crate) fn tier_points(weights: &Weights, tiers: usize) -> Vec<TierPoints> {
    let mut table = Vec::with_capacity((tiers + 1) * tiers);
    for level in 0..=tiers {
        for tier in 0..tiers {
            table.push(match tier.cmp(&level) {
                Ordering::Equal => TierPoints { kind: ReasonKind::NextTier, points: weights.next_tier, tiers_ahead: 0 },
                Ordering::Less => {
                    TierPoints { kind: ReasonKind::LowerTierGap, points: weights.lower_tier_gap, tiers_ahead: 0 }
                }
                Ordering::Greater => {
                    let tiers_ahead = tier - level;
                    #[allow(clippy::cast_precision_loss)]
                    let decay = weights.higher_tier_step * (tiers_ahead - 1) as f64;
                    let points = (weights.higher_tier - decay).max(0.0);
                    TierPoints { kind: ReasonKind::HigherTier, points, tiers_ahead }
                }
            });
        }
    }
    table
}

/// What scoring reads of a situation that does not depend on the program: worked out once
/// before its programs are scored.
pub(crate) struct Scoring<'s> {
    /// The tier points at this situation's level, by tier.
    tiers: &'s [TierPoints],
    /// The situation's counted programs, read once rather than once a prerequisite.
    counted: &'s [u64],
    offered: &'s [u64],
    piloting: &'s [u64],
    planned: &'s [u64],
    unknown: &'s [u64],
    /// Whether any program is piloted, planned or of unknown status: when none is, a
    /// program's status is one test.
    beyond_offered: bool,
    /// Roles served by at least one counted program.
    covered_roles: u64,
    goal_roles: u64,
    goal_areas: u64,
    /// What the profile has of each resource, as [`need_ranks`] encodes needs; `None` when it
    /// states none, so constraints cost nothing.
    has: Option<[u8; 3]>,
}

/// Resource amounts in [`Resource::ALL`] order as small numbers: 0 when not stated, then
/// low 1, medium 2, high 3, so a shortfall is a subtraction.
pub(crate) fn need_ranks(resources: &Resources) -> [u8; 3] {
    Resource::ALL.map(|resource| resources.get(resource).map_or(0, |scale| scale as u8 + 1))
}

impl Scoring<'_> {
    /// Every program not offered, ascending, with its status: each set is read a word at a
    /// time, so a program's status is a few tests on words already at hand rather than a
    /// lookup in each set (the batch path ranks every program this gives).
    #[inline]
    fn candidates(&self, programs: usize) -> impl Iterator<Item = (usize, Status)> + '_ {
        let words = self.offered.iter().zip(self.piloting).zip(self.planned).zip(self.unknown);
        words.enumerate().flat_map(move |(index, (((&offered, &piloting), &planned), &unknown))| {
            let valid = programs.saturating_sub(index * 64).min(64);
            let mask = if valid == 64 { u64::MAX } else { (1u64 << valid) - 1 };
            let beyond_offered = piloting | planned | unknown;
            bits::SetBits(!offered & mask).map(move |bit| {
                let program = 1u64 << bit;
                // The same precedence as `status`; offered programs are not among these.
                let status = if beyond_offered & program == 0 {
                    Status::NotOffered
                } else if piloting & program != 0 {
                    Status::Piloting
                } else if planned & program != 0 {
                    Status::Planned
                } else {
                    Status::Unknown
                };
                (index * 64 + bit, status)
            })
        })
    }

    /// A program's status, from the word that holds it in each set.
    #[inline]
    fn status(&self, program: usize) -> Status {
        let (word, bit) = (program / 64, 1u64 << (program % 64));
        let has = |set: &[u64]| set.get(word).is_some_and(|w| w & bit != 0);
        if !self.beyond_offered {
            return if has(self.offered) { Status::Offered } else { Status::NotOffered };
        }
        if has(self.piloting) {
            Status::Piloting
        } else if has(self.planned) {
            Status::Planned
        } else if has(self.unknown) {
            Status::Unknown
        } else if has(self.offered) {
            Status::Offered
        } else {
            Status::NotOffered
        }
    }
}

impl<'a> Situation<'a> {
    pub(crate) fn new(catalog: &'a Catalog, profile: &'a ResolvedProfile) -> Result<Situation<'a>> {
        catalog.check_shape(profile)?;
        let inner = &*catalog.0;
        let offered = profile.set(Status::Offered);
        let counted = if inner.data.policy.count_piloting {
            let piloting = profile.set(Status::Piloting);
            if offered.len() <= 2 {
                let mut words = [0; 2];
                for (word, (o, p)) in words.iter_mut().zip(offered.iter().zip(piloting)) {
                    *word = o | p;
                }
                Counted::Inline(words, offered.len())
            } else {
                Counted::Owned(offered.iter().zip(piloting).map(|(o, p)| o | p).collect())
            }
        } else {
            Counted::Borrowed(offered)
        };
        let (level, level_max) = levels(inner, &counted, profile.set(Status::Unknown));
        Ok(Situation { inner, profile, counted, level, level_max, plan: None })
    }

    /// What scoring every program of this situation shares.
    pub(crate) fn scoring(&self) -> Scoring<'_> {
        let tiers = self.inner.data.tiers.len();
        let resources = &self.profile.resources;
        let covered_roles = (self.inner.role_sets.iter().enumerate())
            .filter(|(_, programs)| bits::intersects(&self.counted, programs))
            .fold(0, |roles, (role, _)| roles | 1 << role);
        let [offered, piloting, planned, unknown] = self.profile.sets();
        Scoring {
            tiers: &self.inner.tier_points[self.level * tiers..(self.level + 1) * tiers],
            counted: &self.counted,
            offered,
            piloting,
            planned,
            unknown,
            beyond_offered: [piloting, planned, unknown].iter().any(|set| set.iter().any(|&word| word != 0)),
            covered_roles,
            goal_roles: self.profile.goal_roles,
            goal_areas: self.profile.goal_areas,
            has: (!resources.is_empty()).then(|| need_ranks(resources)),
        }
    }

    /// Programs the library could start: every program not offered, best first, at most `limit`,
    /// with each program's score and reason kinds.
    pub(crate) fn best(&self, limit: usize) -> Vec<Rank> {
        if limit == 0 {
            return Vec::new();
        }
        let scoring = self.scoring();
        let offered = self.profile.set(Status::Offered);
        let mut candidates = Vec::with_capacity(self.inner.programs.len() - bits::count(offered));
        let programs = self.inner.programs.len();
        candidates.extend(scoring.candidates(programs).map(|(p, status)| self.ranked(&scoring, p, status)));
        best(candidates, limit)
    }

    /// Hands the ranks [`Situation::best`] gives to `each`, best first. Up to [`KEPT`] of them
    /// are kept on the stack while ranking, so a batch's usual few recommendations allocate
    /// nothing.
    pub(crate) fn each_best(&self, limit: usize, each: impl FnMut(Rank)) {
        if limit == 0 {
            return;
        }
        if limit > KEPT {
            self.best(limit).into_iter().for_each(each);
            return;
        }
        let scoring = self.scoring();
        let candidates = scoring.candidates(self.inner.programs.len());
        keep_best(candidates.map(|(p, status)| self.ranked(&scoring, p, status)), limit, each);
    }

    /// The rank of every program not offered, by catalog position (offered programs hold a
    /// placeholder no ranking reads): an assessment ranks its recommendations, the way to the
    /// next level and the programs to confirm from this one pass.
    pub(crate) fn ranks(&self, scoring: &Scoring<'_>) -> Vec<Rank> {
        let mut ranks = vec![Rank::PLACEHOLDER; self.inner.programs.len()];
        for (p, status) in scoring.candidates(ranks.len()) {
            ranks[p] = self.ranked(scoring, p, status);
        }
        ranks
    }

    /// These programs, best first.
    pub(crate) fn rank(&self, programs: Vec<usize>) -> Vec<usize> {
        let scoring = self.scoring();
        best(programs.into_iter().map(|p| self.rank_of(&scoring, p)).collect(), usize::MAX)
            .into_iter()
            .map(|r| r.program)
            .collect()
    }

    /// Where a program stands in a ranking.
    #[inline(always)]
    fn rank_of(&self, scoring: &Scoring<'_>, program: usize) -> Rank {
        self.scored(scoring, program, scoring.status(program), &mut NoReasons)
    }

    /// As [`Situation::rank_of`], for a program whose status is known already.
    #[inline(always)]
    fn ranked(&self, scoring: &Scoring<'_>, program: usize, status: Status) -> Rank {
        self.scored(scoring, program, status, &mut NoReasons)
    }

    /// The fewest programs that raise the level by one: programs of the first tier not yet
    /// established (with the cumulative rule, of the tiers up to it). Programs of unknown
    /// status come first, best first, since checking one is the cheapest step and the library
    /// may offer it already; then the others, best first. So when unknown programs widen the
    /// range, these are exactly [`Situation::to_confirm`]. `ranks` are [`Situation::ranks`].
    ///
    /// Each is handed to `each` in that order: the answer lists them twice (ids and actions),
    /// so they go straight into its lists, sized by [`Situation::next_level_missing`].
    pub(crate) fn to_next_level(&self, ranks: &[Rank], mut each: impl FnMut(&Rank)) {
        let Some(set) = self.inner.level_sets.get(self.level) else {
            return;
        };
        let missing = self.next_level_missing();
        let unknown = self.profile.set(Status::Unknown);
        let open = || bits::ones(set).filter(|&p| !bits::contains(&self.counted, p));
        let mut handed = 0;
        keep_best(open().filter(|&p| bits::contains(unknown, p)).map(|p| ranks[p]), missing, |rank| {
            handed += 1;
            each(&rank);
        });
        keep_best(open().filter(|&p| !bits::contains(unknown, p)).map(|p| ranks[p]), missing - handed, |rank| {
            each(&rank);
        });
    }

    /// How many programs [`Situation::to_next_level`] names: 0 at the top.
    pub(crate) fn next_level_missing(&self) -> usize {
        self.inner.level_sets.get(self.level).map_or(0, |set| {
            self.inner.level_needed[self.level].saturating_sub(bits::intersection_count(&self.counted, set))
        })
    }

    /// The fewest programs of unknown status that, confirmed as offered, raise the lower end
    /// of the level range, best first; empty when no unknown program can change the level.
    /// `ranks` are [`Situation::ranks`].
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
    pub(crate) fn to_confirm(&self, ranks: &[Rank]) -> Vec<usize> {
        if self.level_max == self.level {
            return Vec::new();
        }
        let set = &self.inner.level_sets[self.level];
        let shortfall =
            self.inner.level_needed[self.level].saturating_sub(bits::intersection_count(&self.counted, set));
        let mut confirm = Vec::with_capacity(shortfall);
        keep_best(self.deciding().map(|p| ranks[p]), shortfall, |rank| confirm.push(rank.program));
        confirm
    }

    /// Every program of unknown status in the step that holds the level (see
    /// [`Situation::to_confirm`]), in catalog order; none when the range is one value.
    pub(crate) fn deciding(&self) -> impl Iterator<Item = usize> + '_ {
        let unknown = self.profile.set(Status::Unknown);
        let step: &[u64] = if self.level_max == self.level { &[] } else { &self.inner.level_sets[self.level] };
        bits::ones(step).filter(|&p| bits::contains(unknown, p))
    }

    /// The level if these programs were offered too (the others as they are).
    pub(crate) fn level_with(&self, programs: &[usize]) -> usize {
        level_of(self.inner, |step| {
            bits::intersection_count(&self.counted, step)
                + programs.iter().filter(|&&p| bits::contains(step, p)).count()
        })
    }

    /// A program's full recommendation, reasons included: `rank` is its rank in this situation
    /// (its reason kinds say how many reasons to make room for).
    pub(crate) fn recommendation(&self, scoring: &Scoring<'_>, rank: &Rank) -> Recommendation {
        let program = rank.program;
        // One reason a kind, but up to one a resource for constraints.
        let mut reasons = Vec::with_capacity(rank.kinds.bits().count_ones() as usize + 2);
        let score = self.scored(scoring, program, rank.status, &mut reasons).score;
        let data = &self.inner.data.programs[program];
        Recommendation {
            program: data.id.clone(),
            tier: self.inner.data.tiers[self.inner.programs[program].tier].id.clone(),
            action: Action::for_status(rank.status),
            score,
            reasons,
            processes: data.processes.clone(),
            outreach: data.outreach.clone(),
            examples: data.libraries.clone(),
        }
    }

    /// A program's full recommendation, ranked afresh: for callers that have no rank for it.
    pub(crate) fn recommend(&self, scoring: &Scoring<'_>, program: usize) -> Recommendation {
        self.recommendation(scoring, &self.rank_of(scoring, program))
    }

    /// The program's score, the leverage (counted programs it builds on), which breaks ties,
    /// the kinds of its reasons and its status; with `reasons` other than [`NoReasons`], also
    /// why, one reason a principle. The one place points are added.
    #[inline(always)]
    fn scored(&self, scoring: &Scoring<'_>, program: usize, status: Status, reasons: &mut impl Explain) -> Rank {
        let weights = &self.inner.data.policy.weights;
        let compiled = &self.inner.programs[program];
        let data = &self.inner.data;
        let mut tally = Tally { total: 0.0, kinds: ReasonKinds::default(), reasons };

        let tier = scoring.tiers[compiled.tier];
        tally.add(tier.kind, tier.points, |points| {
            let id = data.tiers[compiled.tier].id.clone();
            match tier.kind {
                ReasonKind::NextTier => Reason::NextTier { tier: id, points },
                ReasonKind::LowerTierGap => Reason::LowerTierGap { tier: id, points },
                _ => Reason::HigherTier { tier: id, tiers_ahead: tier.tiers_ahead, points },
            }
        });

        // Each prerequisite is counted as offered (leverage), of unknown status (neither
        // leverage nor a gap: no points), or missing (a gap: points off).
        let standing = |q: usize| {
            if bits::contains(scoring.counted, q) {
                Prerequisite::Counted
            } else if bits::contains(scoring.unknown, q) {
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

        let goal_roles = compiled.roles & scoring.goal_roles;
        let goal_areas = compiled.areas & scoring.goal_areas;
        if goal_roles | goal_areas != 0 {
            let goals = few_ones(goal_roles) + few_ones(goal_areas);
            tally.add(ReasonKind::Goals, weights.goal * f64::from(goals), |points| {
                let mut ids = Vec::with_capacity(goals as usize);
                ids.extend(ids_of(goal_roles, &data.roles));
                ids.extend(ids_of(goal_areas, &data.areas));
                Reason::Goals { goals: ids, points }
            });
        }

        let gaps = compiled.roles & !scoring.covered_roles;
        if gaps != 0 {
            tally.add(ReasonKind::RoleGap, weights.role_gap * f64::from(few_ones(gaps)), |points| Reason::RoleGap {
                roles: ids_of(gaps, &data.roles).collect(),
                points,
            });
        }

        if let Some(has) = scoring.has {
            for (position, resource) in Resource::ALL.into_iter().enumerate() {
                let (needs, has) = (compiled.need_ranks[position], has[position]);
                // Both stated (not 0), and more needed than there is.
                if has != 0 && needs > has {
                    tally.add(ReasonKind::Constraint, -weights.constraint * f64::from(needs - has), |points| {
                        let scale = |rank: u8| match rank {
                            1 => Scale::Low,
                            2 => Scale::Medium,
                            _ => Scale::High,
                        };
                        Reason::Constraint { resource, needs: scale(needs), has: scale(has), points }
                    });
                }
            }
        }

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
        Rank {
            score: tally.total,
            leverage: offered_prerequisites,
            cost: compiled.cost,
            kinds: tally.kinds,
            status,
            program,
        }
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

/// The level with unknown programs read as not offered, then as offered ([`level_of`] twice),
/// in one pass over the steps: a step's unknown programs are counted only when its counted
/// ones fall short, and the pass stops at the first step that falls short even with them.
fn levels(inner: &Inner, counted: &[u64], unknown: &[u64]) -> (usize, usize) {
    let mut level = None;
    for (step, (set, &needed)) in inner.level_sets.iter().zip(&inner.level_needed).enumerate() {
        let have = bits::intersection_count(counted, set);
        if have >= needed {
            continue;
        }
        let level = *level.get_or_insert(step);
        if have + bits::intersection_count(unknown, set) < needed {
            return (level, step);
        }
    }
    let top = inner.level_sets.len();
    (level.unwrap_or(top), top)
}

/// The number of set bits of a word that has few of them (a program's roles, goals or role
/// gaps): a table for the usual few low bits, else a loop per bit, both cheaper there than a
/// full population count on processors the portable build cannot assume have an instruction
/// for it.
#[inline]
fn few_ones(mut word: u64) -> u32 {
    if let Some(&ones) = usize::try_from(word).ok().and_then(|low| ONES_OF_BYTE.get(low)) {
        return u32::from(ones);
    }
    let mut ones = 0;
    while word != 0 {
        word &= word - 1;
        ones += 1;
    }
    ones
}

/// The number of set bits of every byte.
const ONES_OF_BYTE: [u8; 256] = {
    let mut table = [0; 256];
    let mut byte = 0;
    while byte < 256 {
        #[allow(clippy::cast_possible_truncation)]
        let ones = (byte as u8).count_ones() as u8;
        table[byte] = ones;
        byte += 1;
    }
    table
};

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

impl Rank {
    /// What [`Situation::ranks`] holds for an offered program, which is never ranked.
    pub(crate) const PLACEHOLDER: Rank = Rank {
        score: 0.0,
        leverage: 0,
        cost: 0,
        kinds: ReasonKinds::EMPTY,
        status: Status::Offered,
        program: usize::MAX,
    };
}

/// How many ranks [`keep_best`] keeps on the stack.
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

/// Hands the best `limit` of `ranks` to `each`, best first, as [`best`] orders them. Up to
/// [`KEPT`] are kept on the stack, by insertion, so the usual few allocate nothing.
pub(crate) fn keep_best(ranks: impl Iterator<Item = Rank>, limit: usize, mut each: impl FnMut(Rank)) {
    if limit == 0 {
        return;
    }
    if limit > KEPT {
        best(ranks.collect(), limit).into_iter().for_each(each);
        return;
    }
    let mut kept = [Rank::PLACEHOLDER; KEPT];
    let mut len = 0;
    for rank in ranks {
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
    for &rank in &kept[..len] {
        each(rank);
    }
}

/// The ids of the dimensions whose bits are set, in catalog order.
pub(crate) fn ids_of(bits: u64, dimensions: &[Dimension]) -> impl Iterator<Item = Id> + '_ {
    dimensions
        .iter()
        .enumerate()
        .filter(move |(position, _)| bits & (1 << position) != 0)
        .map(|(_, dimension)| dimension.id.clone())
}

#[allow(clippy::cast_precision_loss)]
fn count(n: usize) -> f64 {
    n as f64
}

/// Where the reasons of a score go: into a list, or nowhere when only the score is wanted.
/// A type parameter rather than an `Option`, so the ranking pass has no reason code in it.
pub(crate) trait Explain {
    /// Makes and keeps the reason (or does not make it).
    fn push(&mut self, reason: impl FnOnce() -> Reason);
}

/// No reasons: scores and reason kinds alone.
pub(crate) struct NoReasons;

impl Explain for NoReasons {
    #[inline]
    fn push(&mut self, _: impl FnOnce() -> Reason) {}
}

impl Explain for Vec<Reason> {
    fn push(&mut self, reason: impl FnOnce() -> Reason) {
        Vec::push(self, reason());
    }
}

/// Adds points and their reason's kind and, when reasons are wanted, the reason for them.
struct Tally<'r, E> {
    total: f64,
    kinds: ReasonKinds,
    reasons: &'r mut E,
}

impl<E: Explain> Tally<'_, E> {
    #[inline]
    fn add(&mut self, kind: ReasonKind, points: f64, reason: impl FnOnce(f64) -> Reason) {
        self.total += points;
        self.kinds.insert(kind);
        self.reasons.push(|| reason(points));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Scale;
    use crate::testing::{Lcg, generated_catalog};

    /// Profiles with every status, goals and resources, on catalogs of one word and of several,
    /// under both rules and with piloting counted or not.
    fn cases() -> impl Iterator<Item = (Catalog, ResolvedProfile)> {
        let mut rng = Lcg(16);
        let mut cases = Vec::new();
        for size in [1, 15, 70, 130] {
            for (rule, count_piloting) in [(Rule::PerTier, false), (Rule::Cumulative, true)] {
                let mut data = generated_catalog(size);
                data.policy.rule = rule;
                data.policy.count_piloting = count_piloting;
                data.policy.weights.goal = 15.3;
                data.policy.weights.role_gap = -0.7;
                let catalog = Catalog::new(data).expect("valid");
                for _ in 0..40 {
                    let mut profile = catalog.blank_profile();
                    for program in 0..size {
                        let status = Status::ALL[rng.below(Status::ALL.len())];
                        profile.set_status(program, status).expect("in range");
                    }
                    profile.goal_roles = rng.below(8) as u64;
                    profile.goal_areas = rng.below(8) as u64;
                    let scale = |n: usize| [None, Some(Scale::Low), Some(Scale::Medium), Some(Scale::High)][n];
                    profile.resources = Resources {
                        budget: scale(rng.below(4)),
                        staff: scale(rng.below(4)),
                        space: scale(rng.below(4)),
                    };
                    cases.push((catalog.clone(), profile));
                }
            }
        }
        cases.into_iter()
    }

    #[test]
    fn one_pass_levels_match_the_rule_read_twice() {
        for (catalog, profile) in cases() {
            let situation = Situation::new(&catalog, &profile).expect("same catalog");
            let unknown = profile.set(Status::Unknown);
            let counted = |step: &[u64]| bits::intersection_count(&situation.counted, step);
            assert_eq!(situation.level, level_of(&catalog.0, counted));
            assert_eq!(
                situation.level_max,
                level_of(&catalog.0, |step| counted(step) + bits::intersection_count(unknown, step))
            );
        }
    }

    #[test]
    fn ranking_without_reasons_scores_as_the_reasons_say() {
        for (catalog, profile) in cases() {
            let situation = Situation::new(&catalog, &profile).expect("same catalog");
            let scoring = situation.scoring();
            let not_offered = (0..catalog.programs().len()).filter(|&p| profile.status(p) != Status::Offered);
            let expected: Vec<(usize, Status)> = not_offered.map(|p| (p, profile.status(p))).collect();
            assert_eq!(scoring.candidates(catalog.programs().len()).collect::<Vec<_>>(), expected);
            for program in 0..catalog.programs().len() {
                assert_eq!(scoring.status(program), profile.status(program));
                let rank = situation.rank_of(&scoring, program);
                let full = situation.recommendation(&scoring, &rank);
                assert_eq!(full.score.to_bits(), rank.score.to_bits());
                assert_eq!(ReasonKinds::of(&full.reasons), rank.kinds);
                let added = full.reasons.iter().fold(0.0, |total, reason| total + reason.points());
                assert_eq!(added.to_bits(), rank.score.to_bits());
            }
        }
    }

    #[test]
    fn few_ones_counts_bits() {
        for word in [0, 1, 0b1011, 0xff, 0x100, 0x1ff, u64::MAX, 1 << 63] {
            assert_eq!(few_ones(word), word.count_ones());
        }
    }
}
