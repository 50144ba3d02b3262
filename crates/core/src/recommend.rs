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
        let scoring = situation.scoring();
        let mut recommendations: Vec<Recommendation> =
            situation.best(limit).iter().map(|rank| situation.recommendation(&scoring, rank)).collect();
        if let Some(assumed) = &profile.assumed {
            crate::assess::verify_assumed(assumed, &mut recommendations);
        }
        Ok(recommendations)
    }
}

#[cfg(test)]
mod tests {
    use crate::catalog::Catalog;
    use crate::model::Action;
    use crate::profile::Profile;
    use crate::testing::small_catalog;

    #[test]
    fn each_recommendation_carries_the_action_for_its_status() {
        let catalog = Catalog::new(small_catalog()).expect("valid");
        let profile = Profile {
            piloting: vec!["advanced".into()],
            planned: vec!["makerspace".into()],
            unknown: vec!["wifi".into(), "help-desk".into()],
            ..Profile::offering(["lab", "classes"])
        };
        let mut actions: Vec<(String, Action)> = (catalog.recommend(&profile, usize::MAX).expect("recommends"))
            .into_iter()
            .map(|r| (r.program.to_string(), r.action))
            .collect();
        actions.sort_by(|a, b| a.0.cmp(&b.0));
        let expected = [
            ("advanced", Action::MakePermanent),
            ("help-desk", Action::Verify),
            ("lending", Action::Start),
            ("makerspace", Action::CarryOutPlan),
            ("open-data", Action::Start),
            ("wifi", Action::Verify),
        ];
        assert_eq!(actions, expected.map(|(id, action)| (id.to_owned(), action)));
        // The view spells them out, and reports word them from the core.
        let views: Vec<(String, String)> = (catalog.assess_top(&profile, usize::MAX).expect("assesses"))
            .recommendations
            .iter()
            .map(|r| catalog.view_recommendation(r))
            .map(|v| (v.program, v.action))
            .collect();
        assert!(views.contains(&("advanced".into(), "make-permanent".into())));
        assert!(views.contains(&("makerspace".into(), "carry-out-plan".into())));
        assert!(views.contains(&("wifi".into(), "verify".into())));
        assert!(views.contains(&("lending".into(), "start".into())));
        assert!(views.iter().all(|(_, action)| Action::from_name(action).is_some_and(|a| a != Action::Keep)));
    }
}
