//! [`Catalog::recommend`]: every program a library does not offer yet, ranked, with reasons.

use crate::catalog::Catalog;
use crate::engine::Situation;
use crate::error::Result;
use crate::profile::Profile;
use crate::reason::Recommendation;

impl Catalog {
    /// Programs the profile does not offer yet, best first, at most `limit` of them
    /// (`usize::MAX` for all).
    ///
    /// # Errors
    /// As [`Catalog::resolve`].
    pub fn recommend(&self, profile: &Profile, limit: usize) -> Result<Vec<Recommendation>> {
        let resolved = self.resolve(profile)?;
        let situation = Situation::new(self, &resolved)?;
        Ok(situation.ranked(limit).into_iter().map(|p| situation.recommendation(p)).collect())
    }
}
