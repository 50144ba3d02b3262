//! Invariants of the engine over random catalogs and random profiles (proptest).
//!
//! Catalogs have 1–5 tiers, 1–30 programs, random acyclic `builds_on` edges, roles, areas,
//! needs and thresholds; profiles give every program a random status, goals and constraints.

use proptest::prelude::*;
use smartlib::{
    Action, AssumeUnknown, Catalog, CatalogData, Cell, ColumnBuffers, Dimension, Id, Policy, Profile, Program, Reason,
    ReasonKinds, Resources, Rule, Scale, Status, Tier, Worker,
};

const STATUSES: [Status; 5] = [Status::Offered, Status::Piloting, Status::Planned, Status::NotOffered, Status::Unknown];
const ROLES: [&str; 3] = ["ict-users", "democratic-participants", "co-creators"];
const AREAS: [&str; 3] = ["developing-smart-citizens", "enabling-participation", "innovation-environment"];

fn scale() -> impl Strategy<Value = Option<Scale>> {
    prop_oneof![Just(None), Just(Some(Scale::Low)), Just(Some(Scale::Medium)), Just(Some(Scale::High))]
}

fn resources() -> impl Strategy<Value = Resources> {
    (scale(), scale(), scale()).prop_map(|(budget, staff, space)| Resources { budget, staff, space })
}

/// One program's random parts: tier pick, prerequisite picks, role bits, area bits, needs.
fn program_parts() -> impl Strategy<Value = (usize, Vec<usize>, u8, u8, Resources)> {
    (any::<usize>(), prop::collection::vec(any::<usize>(), 0..3), 0u8..8, 0u8..8, resources())
}

prop_compose! {
    fn catalog()(
        tier_count in 1usize..=5,
        parts in prop::collection::vec(program_parts(), 1..30),
        share in 0.05f64..=1.0,
        count_piloting in any::<bool>(),
        cumulative in any::<bool>(),
    ) -> Catalog {
        let rule = if cumulative { Rule::Cumulative } else { Rule::PerTier };
        let tier_count = tier_count.min(parts.len());
        let tiers = (0..tier_count)
            .map(|t| Tier { id: format!("tier-{t}").into(), name: format!("Tier {t}"), summary: String::new(), message: format!("Reached {t}."), advice: Vec::new() })
            .collect();
        let pick = |bits: u8, names: &[&str]| -> Vec<Id> {
            names.iter().enumerate().filter(|(i, _)| bits & (1 << i) != 0).map(|(_, n)| Id::from(*n)).collect()
        };
        let programs = parts
            .iter()
            .enumerate()
            .map(|(i, (tier, prerequisites, roles, areas, needs))| {
                // The first programs cover every tier; prerequisites point to earlier programs only.
                let tier = if i < tier_count { i } else { tier % tier_count };
                let mut builds_on: Vec<Id> = Vec::new();
                if i > 0 {
                    for pick in prerequisites {
                        let id = Id::from(format!("p{}", pick % i));
                        if !builds_on.contains(&id) {
                            builds_on.push(id);
                        }
                    }
                }
                Program {
                    id: format!("p{i}").into(),
                    name: format!("Program {i}"),
                    tier: format!("tier-{tier}").into(),
                    summary: "Generated.".into(),
                    items: Vec::new(),
                    roles: pick(*roles, &ROLES),
                    areas: pick(*areas, &AREAS),
                    builds_on: builds_on.into_iter().map(Into::into).collect(),
                    processes: Vec::new(),
                    outreach: Vec::new(),
                    libraries: Vec::new(),
                    needs: (*needs).into(),
                    sources: Vec::new(),
                }
            })
            .collect();
        let dimensions = |names: &[&str]| {
            names.iter().map(|n| Dimension { id: Id::from(*n), name: n.to_string(), summary: String::new(), sources: Vec::new() }).collect()
        };
        Catalog::new(CatalogData {
            schema: None,
            schema_version: None,
            name: "generated".into(),
            version: "0".into(),
            start_message: "Start.".into(),
            start_advice: Vec::new(),
            policy: Policy { rule, established_share: share, count_piloting, ..Policy::default() },
            tiers,
            roles: dimensions(&ROLES),
            areas: dimensions(&AREAS),
            programs,
            processes: Vec::new(),
            outreach: Vec::new(),
            examples: Vec::new(),
        })
        .expect("generated catalogs are valid")
    }
}

/// A catalog and a profile for it.
fn catalog_and_profile() -> impl Strategy<Value = (Catalog, Profile)> {
    catalog().prop_flat_map(|catalog| {
        let count = catalog.programs().len();
        let statuses = prop::collection::vec(prop::sample::select(STATUSES.to_vec()), count);
        let goals = prop::collection::vec(prop::sample::select([ROLES, AREAS].concat()), 0..3);
        (Just(catalog), statuses, goals, resources()).prop_map(|(catalog, statuses, goals, constraints)| {
            let mut profile =
                Profile { goals: goals.into_iter().map(String::from).collect(), constraints, ..Profile::default() };
            for (program, status) in catalog.programs().iter().zip(statuses) {
                let id = program.id.to_string();
                match status {
                    Status::Offered => profile.offers.push(id),
                    Status::Piloting => profile.piloting.push(id),
                    Status::Planned => profile.planned.push(id),
                    Status::Unknown => profile.unknown.push(id),
                    Status::NotOffered => {}
                }
            }
            (catalog, profile)
        })
    })
}

/// Programs that count as offered under the catalog's policy.
fn counted(catalog: &Catalog, profile: &Profile) -> Vec<String> {
    let mut ids = profile.offers.clone();
    if catalog.policy().count_piloting {
        ids.extend(profile.piloting.iter().cloned());
    }
    ids
}

fn without(list: &[String], id: &str) -> Vec<String> {
    list.iter().filter(|other| *other != id).cloned().collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn offering_one_more_program_never_lowers_the_level((catalog, profile) in catalog_and_profile(), pick in any::<usize>()) {
        let before = catalog.assess(&profile).unwrap();
        let id = catalog.programs()[pick % catalog.programs().len()].id.to_string();
        let mut more = Profile {
            piloting: without(&profile.piloting, &id),
            planned: without(&profile.planned, &id),
            unknown: without(&profile.unknown, &id),
            offers: without(&profile.offers, &id),
            ..profile.clone()
        };
        more.offers.push(id);
        let after = catalog.assess(&more).unwrap();
        prop_assert!(after.level >= before.level);
        prop_assert!(before.level_range[0] <= before.level_range[1]);
    }

    #[test]
    fn recommendations_are_never_offered_and_explain_their_score((catalog, profile) in catalog_and_profile()) {
        let counted = counted(&catalog, &profile);
        let recommendations = catalog.recommend(&profile, usize::MAX).unwrap();
        prop_assert_eq!(recommendations.len(), catalog.programs().len() - profile.offers.len());
        for recommendation in &recommendations {
            prop_assert!(!profile.offers.contains(&recommendation.program.to_string()));
            let sum: f64 = recommendation.reasons.iter().map(Reason::points).sum();
            prop_assert!((sum - recommendation.score).abs() < 1e-9);
            for reason in &recommendation.reasons {
                if let Reason::BuildsOn { programs, .. } = reason {
                    prop_assert!(!programs.is_empty());
                    for id in programs {
                        prop_assert!(counted.contains(&id.to_string()), "{} is not offered", id);
                    }
                }
            }
        }
        // Best first.
        prop_assert!(recommendations.windows(2).all(|pair| pair[0].score >= pair[1].score));
    }

    #[test]
    fn every_recommendation_acts_on_its_status_and_none_says_keep((catalog, profile) in catalog_and_profile()) {
        let status_of = |id: &str| {
            let listed = |list: &[String]| list.iter().any(|other| other == id);
            if listed(&profile.offers) {
                Status::Offered
            } else if listed(&profile.piloting) {
                Status::Piloting
            } else if listed(&profile.planned) {
                Status::Planned
            } else if listed(&profile.unknown) {
                Status::Unknown
            } else {
                Status::NotOffered
            }
        };
        let roadmap = catalog.roadmap(&profile).unwrap();
        let everywhere = catalog.recommend(&profile, usize::MAX).unwrap().into_iter()
            .chain(catalog.assess(&profile).unwrap().recommendations)
            .chain(roadmap.phases.into_iter().flat_map(|phase| phase.programs));
        for recommendation in everywhere {
            prop_assert_ne!(recommendation.action, Action::Keep, "{} is offered", recommendation.program);
            prop_assert_eq!(recommendation.action, Action::for_status(status_of(&recommendation.program)));
            let view = catalog.view_recommendation(&recommendation);
            prop_assert_eq!(view.action.as_str(), recommendation.action.as_str());
        }
    }

    #[test]
    fn applying_to_next_level_raises_the_level((catalog, profile) in catalog_and_profile()) {
        let before = catalog.assess(&profile).unwrap();
        prop_assume!(before.level < catalog.tiers().len());
        prop_assert!(!before.to_next_level.is_empty());
        let offering = |ids: &[&str]| {
            let mut raised = profile.clone();
            for &id in ids {
                raised.piloting.retain(|other| other != id);
                raised.planned.retain(|other| other != id);
                raised.unknown.retain(|other| other != id);
                raised.offers.push(id.to_owned());
            }
            catalog.assess(&raised).unwrap().level
        };
        let ids: Vec<&str> = before.to_next_level.iter().map(|id| id.as_ref()).collect();
        prop_assert!(offering(&ids) > before.level);
        // And it is the fewest: without any one of them, the level stays.
        for skip in 0..ids.len() {
            let fewer: Vec<&str> = ids.iter().enumerate().filter(|(i, _)| *i != skip).map(|(_, id)| *id).collect();
            prop_assert_eq!(offering(&fewer), before.level);
        }
    }

    #[test]
    fn no_reason_penalises_an_unknown_program((catalog, profile) in catalog_and_profile()) {
        let unknown = |id: &Id| profile.unknown.iter().any(|other| other == &**id);
        let roadmap = catalog.roadmap(&profile).unwrap();
        let everywhere = catalog.recommend(&profile, usize::MAX).unwrap().into_iter()
            .chain(roadmap.phases.into_iter().flat_map(|phase| phase.programs));
        for recommendation in everywhere {
            for reason in &recommendation.reasons {
                match reason {
                    Reason::MissingPrerequisites { programs, points } => {
                        prop_assert!(*points < 0.0 || catalog.policy().weights.missing_prerequisite == 0.0);
                        prop_assert!(!programs.iter().any(unknown), "{:?} penalises an unknown program", reason);
                    }
                    Reason::BuildsOnUnknown { programs, points } => {
                        prop_assert_eq!(*points, 0.0);
                        prop_assert!(!programs.is_empty() && programs.iter().all(unknown), "{:?}", reason);
                    }
                    _ => {}
                }
            }
            if profile.unknown.iter().any(|id| *recommendation.program == **id) {
                prop_assert_eq!(recommendation.action, Action::Verify);
            }
        }
    }

    /// Marking a program unknown instead of not offered changes what it adds as a prerequisite
    /// from a gap to nothing: every other program's score rises by the missing-prerequisite
    /// weight if it builds on it, and stays the same otherwise.
    #[test]
    fn unknown_instead_of_not_offered_never_lowers_a_score_through_a_prerequisite(
        (catalog, profile) in catalog_and_profile(),
        pick in any::<usize>(),
    ) {
        let id = catalog.programs()[pick % catalog.programs().len()].id.to_string();
        let not_offered = Profile {
            offers: without(&profile.offers, &id),
            piloting: without(&profile.piloting, &id),
            planned: without(&profile.planned, &id),
            unknown: without(&profile.unknown, &id),
            ..profile.clone()
        };
        let mut unknown = not_offered.clone();
        unknown.unknown.push(id.clone());
        let scores = |profile: &Profile| -> Vec<(String, f64)> {
            catalog.recommend(profile, usize::MAX).unwrap().into_iter().map(|r| (r.program.to_string(), r.score)).collect()
        };
        let (before, after) = (scores(&not_offered), scores(&unknown));
        prop_assert_eq!(before.len(), after.len());
        let weight = catalog.policy().weights.missing_prerequisite;
        for (program, score) in &before {
            if *program == id {
                continue;
            }
            let (_, now) = after.iter().find(|(other, _)| other == program).expect("still recommended");
            let builds_on = catalog.program(program).unwrap().builds_on.iter().any(|link| *link.program == *id);
            prop_assert!(*now >= *score, "{} fell from {} to {}", program, score, now);
            let expected = if builds_on { score + weight } else { *score };
            prop_assert!((now - expected).abs() < 1e-9, "{}: {} then {}, expected {}", program, score, now, expected);
        }
    }

    /// The programs to confirm, once confirmed as offered, narrow the range: the lower end
    /// rises, the upper end stays. They are all unknown, they are the way up, and none can be
    /// left out.
    #[test]
    fn confirming_the_programs_to_confirm_narrows_the_range((catalog, profile) in catalog_and_profile()) {
        let before = catalog.assess(&profile).unwrap();
        let [low, high] = before.level_range;
        if low == high {
            prop_assert!(before.to_confirm.is_empty());
            prop_assert!(before.advice.iter().all(|a| !a.provisional));
            return Ok(());
        }
        prop_assert!(!before.to_confirm.is_empty());
        prop_assert_eq!(&before.to_confirm, &before.to_next_level);
        prop_assert!(before.to_confirm.iter().all(|id| profile.unknown.iter().any(|other| other == &**id)));
        prop_assert!(before.advice[0].text.starts_with("Confirm first"), "{}", before.advice[0].text);
        let confirming = |ids: &[&str]| {
            let mut confirmed = profile.clone();
            confirmed.unknown.retain(|other| !ids.contains(&other.as_str()));
            confirmed.offers.extend(ids.iter().map(|id| (*id).to_owned()));
            catalog.assess(&confirmed).unwrap().level_range
        };
        let ids: Vec<&str> = before.to_confirm.iter().map(|id| id.as_ref()).collect();
        let [new_low, new_high] = confirming(&ids);
        prop_assert!(new_low > low, "{:?}: {} -> {}", ids, low, new_low);
        prop_assert_eq!(new_high, high);
        for skip in 0..ids.len() {
            let fewer: Vec<&str> = ids.iter().enumerate().filter(|(i, _)| *i != skip).map(|(_, id)| *id).collect();
            prop_assert_eq!(confirming(&fewer)[0], low, "{:?} would do without {}", fewer, ids[skip]);
        }
    }

    /// Reading every unknown program as not offered, then as offered, gives the two ends of
    /// the level range, each a settled level.
    #[test]
    fn assuming_the_unknowns_gives_the_ends_of_the_range((catalog, profile) in catalog_and_profile()) {
        let range = catalog.assess(&profile).unwrap().level_range;
        for (assume, end) in [(AssumeUnknown::NotOffered, range[0]), (AssumeUnknown::Offered, range[1])] {
            let assessed = catalog.assess(&catalog.assume_unknown(&profile, assume).unwrap()).unwrap();
            prop_assert_eq!(assessed.level_range, [end, end]);
            prop_assert!(assessed.to_confirm.is_empty());
        }
    }

    #[test]
    fn roadmap_never_schedules_a_program_before_what_it_builds_on((catalog, profile) in catalog_and_profile()) {
        let roadmap = catalog.roadmap(&profile).unwrap();
        let phase_of = |id: &str| roadmap.phases.iter().position(|phase| phase.programs.iter().any(|r| &*r.program == id));
        let mut planned = 0;
        for (number, phase) in roadmap.phases.iter().enumerate() {
            prop_assert_eq!(phase.number, number + 1);
            prop_assert!(!phase.programs.is_empty());
            for recommendation in &phase.programs {
                planned += 1;
                // Reasons tell what the library offers now from what an earlier phase starts.
                let sum: f64 = recommendation.reasons.iter().map(Reason::points).sum();
                prop_assert!((sum - recommendation.score).abs() < 1e-9);
                for reason in &recommendation.reasons {
                    match reason {
                        Reason::BuildsOn { programs, .. } => {
                            for id in programs {
                                prop_assert!(counted(&catalog, &profile).contains(&id.to_string()), "{} is not offered now", id);
                            }
                        }
                        Reason::BuildsOnEarlierPhases { programs, phases, .. } => {
                            for (id, earlier) in programs.iter().zip(phases) {
                                prop_assert_eq!(phase_of(id), Some(earlier - 1));
                                prop_assert!(earlier - 1 < number);
                            }
                        }
                        _ => {}
                    }
                }
                let program = catalog.program(&recommendation.program).unwrap();
                for prerequisite in program.builds_on.iter().map(|link| &link.program) {
                    if let Some(before) = phase_of(prerequisite) {
                        prop_assert!(before < number, "{} before its prerequisite {}", recommendation.program, prerequisite);
                    }
                }
            }
        }
        prop_assert_eq!(planned, catalog.programs().len() - profile.offers.len());
        // Levels only go up, and doing everything reaches the top.
        prop_assert!(roadmap.phases.windows(2).all(|pair| pair[0].level_after <= pair[1].level_after));
        if let Some(last) = roadmap.phases.last() {
            prop_assert_eq!(last.level_after, catalog.tiers().len());
        }
    }

    #[test]
    fn same_input_same_output((catalog, profile) in catalog_and_profile()) {
        prop_assert_eq!(catalog.assess(&profile).unwrap(), catalog.assess(&profile).unwrap());
        // Listing order inside the profile does not matter.
        let mut shuffled = profile.clone();
        shuffled.offers.reverse();
        shuffled.unknown.reverse();
        prop_assert_eq!(catalog.assess(&profile).unwrap(), catalog.assess(&shuffled).unwrap());
        // Nor does sharing the catalog across threads.
        let (other, profile_copy) = (catalog.clone(), profile.clone());
        let from_thread = std::thread::spawn(move || other.assess(&profile_copy).unwrap()).join().unwrap();
        prop_assert_eq!(from_thread, catalog.assess(&profile).unwrap());
    }

    #[test]
    fn summary_matches_the_assessment((catalog, profile) in catalog_and_profile()) {
        let assessment = catalog.assess(&profile).unwrap();
        let summary = catalog.summarize(&catalog.resolve(&profile).unwrap(), catalog.policy().recommendations).unwrap();
        prop_assert_eq!(summary.level, assessment.level);
        prop_assert_eq!(summary.level_range, assessment.level_range);
        let top: Vec<&str> = summary.top.iter().map(|&p| &*catalog.programs()[p].id).collect();
        let listed: Vec<&str> = assessment.recommendations.iter().map(|r| &*r.program).collect();
        prop_assert_eq!(top, listed);
        let unknown: Vec<usize> = assessment.tiers.iter().map(|tier| tier.unknown).collect();
        prop_assert_eq!(summary.unknown(), &unknown[..]);
    }

    #[test]
    fn level_ranges_by_column_match_rows_read_one_by_one(
        catalog in catalog(),
        picks in prop::collection::vec(any::<bool>(), 30),
        cells in prop::collection::vec(prop::collection::vec(prop::sample::select(STATUSES.to_vec()), 30), 0..40),
    ) {
        // Some programs have a column (the others are unknown), plus a carried column.
        let mut names: Vec<String> = catalog.programs().iter().zip(&picks).filter(|&(_, &pick)| pick).map(|(p, _)| p.id.to_string()).collect();
        names.push("state".to_owned());
        let columns = catalog.columns(&names);
        prop_assume!(columns.is_ok());
        let columns = columns.unwrap();
        prop_assert!(columns.levels_by_column());
        let mut ranges = vec![[9, 9]; cells.len()];
        columns.level_ranges(&catalog, |position, out| {
            for (row, status) in out.iter_mut().enumerate() {
                *status = cells[row][position];
            }
        }, &mut ranges).unwrap();
        let fill = |position: usize, out: &mut [Status]| {
            for (row, status) in out.iter_mut().enumerate() {
                *status = cells[row][position];
            }
        };
        let mut by_column = vec![catalog.blank_profile(); cells.len()];
        columns.read_by_column(&catalog, fill, &mut by_column, &mut ColumnBuffers::default()).unwrap();
        let mut summaries = Vec::new();
        let mut worker = Worker::new(&catalog, 3);
        worker.summarize_by_column(&columns, cells.len(), fill, |_, summary| summaries.push(summary.clone())).unwrap();
        let mut scored = Vec::new();
        worker.score_by_column(&columns, cells.len(), fill, |_, top| scored.push(top.to_vec())).unwrap();
        let mut profile = catalog.blank_profile();
        for (row, statuses) in cells.iter().enumerate() {
            let row_cells: Vec<Cell<'_>> = (0..names.len()).map(|position| Cell::Status(statuses[position])).collect();
            columns.read(&catalog, row + 1, &row_cells, &mut profile).unwrap();
            prop_assert_eq!(ranges[row], catalog.summarize(&profile, 0).unwrap().level_range);
            prop_assert_eq!(&by_column[row], &profile);
            prop_assert_eq!(&summaries[row], &catalog.summarize(&profile, 3).unwrap());
            let mut expected = Vec::new();
            catalog.score_top(&profile, 3, &mut expected).unwrap();
            prop_assert_eq!(&scored[row], &expected);
        }
    }

    #[test]
    fn batch_outputs_match_the_full_answer((catalog, profile) in catalog_and_profile(), top in 0usize..12) {
        let resolved = catalog.resolve(&profile).unwrap();
        let assessment = catalog.assess_top(&profile, top).unwrap();
        // Each top program's action follows its status; offered programs are never listed.
        let summary = catalog.summarize(&resolved, top).unwrap();
        prop_assert_eq!(summary.top.len(), assessment.recommendations.len());
        let actions: Vec<Action> = summary.top.iter().map(|&p| Action::for_status(resolved.status(p))).collect();
        prop_assert_eq!(summary.actions(), &actions[..]);
        prop_assert!(!summary.actions().contains(&Action::Keep));
        // A reused summary gives the same answer as a fresh one, whatever it held before.
        let mut reused = catalog.summarize(&resolved, 7).unwrap();
        catalog.summarize_into(&resolved, top, &mut reused).unwrap();
        prop_assert_eq!(&reused, &summary);
        // Scores and reason kinds are those of the full recommendations.
        let mut scored = vec![];
        catalog.score_top(&resolved, top, &mut scored).unwrap();
        prop_assert_eq!(scored.len(), assessment.recommendations.len());
        for (scored, full) in scored.iter().zip(&assessment.recommendations) {
            prop_assert_eq!(&catalog.programs()[scored.program].id, &full.program);
            prop_assert_eq!(scored.score, full.score);
            prop_assert_eq!(scored.reasons, ReasonKinds::of(&full.reasons));
            prop_assert_eq!(scored.action, Action::for_status(resolved.status(scored.program)));
        }
    }
}
