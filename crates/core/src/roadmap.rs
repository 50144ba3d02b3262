//! A phased plan: every program not offered yet, grouped so that nothing comes before what it
//! builds on, and each phase working toward the next tier.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::catalog::Catalog;
use crate::engine::{Plan, Situation};
use crate::error::Result;
use crate::model::{Id, Status};
use crate::profile::Profile;
use crate::reason::Recommendation;

/// Ordered phases from where the library stands to the top tier.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Roadmap {
    /// The level now.
    pub level: usize,
    /// The phases, first to do first. Empty when everything is offered.
    pub phases: Vec<Phase>,
}

/// One step of a roadmap. Its programs are ranked and explained as they will stand when the
/// phase starts, with every earlier phase done.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Phase {
    /// 1 for the first phase.
    pub number: usize,
    /// The programs to start in this phase, best first.
    pub programs: Vec<Recommendation>,
    /// The level once this phase and all before it are done.
    pub level_after: usize,
    /// The highest tier established once this phase and all before it are done.
    pub reached_after: Option<Id>,
}

impl Catalog {
    /// Plans every program the profile does not offer yet into ordered phases.
    ///
    /// Phase 1 finishes the tier to build now and fills gaps below it; each later phase takes
    /// the next tier. A program moves to a later phase than everything it builds on that is
    /// not offered yet, so a phase never holds a program before its prerequisites.
    ///
    /// # Errors
    /// As [`Catalog::resolve`].
    pub fn roadmap(&self, profile: &Profile) -> Result<Roadmap> {
        let resolved = self.resolve(profile)?;
        let inner = &*self.0;
        let (level, counted_now) = {
            let now = Situation::new(self, &resolved)?;
            (now.level, now.counted.to_vec())
        };
        // Raw phase numbers: 0 for the tier to build now and gaps below it, one more per tier
        // beyond, and always after every not-yet-offered program a program builds on.
        let mut phase_of: Vec<Option<usize>> =
            (0..inner.programs.len()).map(|p| (resolved.status(p) != Status::Offered).then_some(0)).collect();
        for &program in &inner.topological {
            if phase_of[program].is_none() {
                continue;
            }
            let compiled = &inner.programs[program];
            let by_tier = compiled.tier.saturating_sub(level);
            let after_prerequisites =
                compiled.builds_on.iter().filter_map(|&q| phase_of[q]).map(|phase| phase + 1).max().unwrap_or(0);
            phase_of[program] = Some(by_tier.max(after_prerequisites));
        }

        let mut raw_phases: Vec<usize> = phase_of.iter().flatten().copied().collect();
        raw_phases.sort_unstable();
        raw_phases.dedup();
        // Each phase is ranked and explained from where the library will stand when it
        // starts: everything in earlier phases offered.
        let mut done = resolved;
        let mut placed_in: Vec<Option<usize>> = vec![None; phase_of.len()];
        let mut phases = Vec::with_capacity(raw_phases.len());
        for (position, raw) in raw_phases.into_iter().enumerate() {
            let members: Vec<usize> = (0..phase_of.len()).filter(|&p| phase_of[p] == Some(raw)).collect();
            let programs = {
                let mut then = Situation::new(self, &done)?;
                then.plan = Some(Plan { counted_now: &counted_now, placed_in: &placed_in });
                let scoring = then.scoring();
                then.rank(members.clone()).into_iter().map(|program| then.recommend(&scoring, program)).collect()
            };
            for program in members {
                placed_in[program] = Some(position + 1);
                done.set_status(program, Status::Offered)?;
            }
            let level_after = Situation::new(self, &done)?.level;
            phases.push(Phase {
                number: position + 1,
                programs,
                level_after,
                reached_after: self.reached_tier(level_after).map(|tier| tier.id.clone()),
            });
        }
        if let Some(assumed) = &profile.assumed {
            for phase in &mut phases {
                crate::assess::verify_assumed(assumed, &mut phase.programs);
            }
        }
        Ok(Roadmap { level, phases })
    }
}
