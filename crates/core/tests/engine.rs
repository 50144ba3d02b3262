//! Behaviour of assess, recommend, roadmap, what-if and summarize on the demonstration catalog.
//!
//! Expected scores are worked out by hand from the default weights (next tier 100, lower-tier
//! gap 60, higher tier 30, builds on 12, missing prerequisite −8, goal 15, role gap 6,
//! piloting 10, constraint −10 a step); the comments show the sums.

use smartlib_core::testing::small_catalog;
use smartlib_core::{AdviceKind, Catalog, ErrorKind, Policy, Profile, Reason, Resources, Scale, Status, Weights};

fn catalog() -> Catalog {
    Catalog::new(small_catalog()).expect("the demonstration catalog is valid")
}

fn ranked(catalog: &Catalog, profile: &Profile) -> Vec<(String, f64)> {
    catalog
        .recommend(profile, usize::MAX)
        .expect("valid profile")
        .into_iter()
        .map(|r| (r.program.to_string(), r.score))
        .collect()
}

#[test]
fn level_counts_consecutive_established_tiers() {
    let catalog = catalog();
    let level = |offers: &[&str]| {
        let assessment = catalog.assess(&Profile::offering(offers.iter().copied())).expect("valid");
        (assessment.level, assessment.reached.map(|t| t.to_string()), assessment.message.key.to_string())
    };
    assert_eq!(level(&[]), (0, None, "not-started".into()));
    assert_eq!(level(&["lab"]), (0, None, "not-started".into()));
    assert_eq!(level(&["lab", "wifi"]), (1, Some("basics".into()), "basics".into()));
    assert_eq!(level(&["lab", "wifi", "lending", "help-desk"]), (2, Some("growth".into()), "growth".into()));
    let all = ["lab", "wifi", "lending", "help-desk", "makerspace", "open-data"];
    assert_eq!(level(&all), (3, Some("frontier".into()), "frontier".into()));
    // Higher tiers do not count while a lower one is missing.
    assert_eq!(level(&["lending", "help-desk", "makerspace", "open-data"]), (0, None, "not-started".into()));
}

#[test]
fn tier_shares_and_coverage() {
    let assessment = catalog().assess(&Profile::offering(["lab", "wifi", "help-desk"])).expect("valid");
    let basics = &assessment.tiers[0];
    assert_eq!((basics.offered, basics.total, basics.needed, basics.established), (2, 3, 2, true));
    assert!((basics.share - 2.0 / 3.0).abs() < 1e-12);
    let growth = &assessment.tiers[1];
    assert_eq!((growth.offered, growth.established), (1, false));
    let users = &assessment.roles[0];
    assert_eq!((&*users.id, users.programs.len()), ("users", 2));
    assert_eq!(&*assessment.roles[1].programs[0], "help-desk");
    assert!(assessment.roles[2].programs.is_empty());
    assert_eq!(&*assessment.areas[1].programs[0], "help-desk");
    assert_eq!(&*assessment.message.text, "Basics done: grow next.");
}

#[test]
fn ranking_follows_tier_then_leverage_then_goals() {
    let catalog = catalog();
    let profile = Profile::offering(["lab", "wifi", "classes"]).with_goal("creators");
    assert_eq!(
        ranked(&catalog, &profile),
        [
            ("advanced".into(), 133.0),  // 100 + 12 classes + 15 goal + 6 creators gap
            ("lending".into(), 112.0),   // 100 + 12 wifi
            ("help-desk".into(), 106.0), // 100 + 6 participants gap
            ("open-data".into(), 69.0),  // 30 + 12 classes + 15 goal + 2 × 6 gaps
            ("makerspace".into(), 43.0), // 30 − 8 missing advanced + 15 goal + 6 gap
        ]
    );
}

#[test]
fn reasons_explain_the_whole_score_and_name_their_ids() {
    let catalog = catalog();
    let profile = Profile::offering(["lab", "wifi", "classes"]).with_goal("creators");
    for recommendation in catalog.recommend(&profile, usize::MAX).expect("valid") {
        let sum: f64 = recommendation.reasons.iter().map(Reason::points).sum();
        assert_eq!(sum, recommendation.score, "{}", recommendation.program);
    }
    let makerspace = catalog.recommend(&profile, usize::MAX).expect("valid").pop().expect("five");
    assert_eq!(
        makerspace.reasons,
        [
            Reason::HigherTier { tier: "frontier".into(), tiers_ahead: 1, points: 30.0 },
            Reason::MissingPrerequisites { programs: vec!["advanced".into()], points: -8.0 },
            Reason::Goals { goals: vec!["creators".into()], points: 15.0 },
            Reason::RoleGap { roles: vec!["creators".into()], points: 6.0 },
        ]
    );
    assert_eq!(makerspace.examples, ["demo-library".into()]);
    assert_eq!(makerspace.processes, ["planning".into()]);
    assert_eq!(makerspace.outreach, ["social".into()]);
}

#[test]
fn constraints_lower_costly_programs() {
    let catalog = catalog();
    let mut profile = Profile::offering(["lab", "wifi", "classes", "lending", "advanced", "help-desk"]);
    // Both score 100 + 12 (makerspace builds on advanced, open-data on classes), with the same
    // leverage: the cheaper one first (makerspace needs a high budget and high space).
    assert_eq!(ranked(&catalog, &profile), [("open-data".into(), 112.0), ("makerspace".into(), 112.0)]);
    profile.constraints = Resources { budget: Some(Scale::Low), staff: None, space: Some(Scale::Medium) };
    // Makerspace needs a high budget (2 steps over low) and high space (1 step over medium).
    assert_eq!(ranked(&catalog, &profile), [("open-data".into(), 112.0), ("makerspace".into(), 82.0)]);
    let makerspace = &catalog.recommend(&profile, usize::MAX).expect("valid")[1];
    assert!(makerspace.reasons.contains(&Reason::Constraint {
        resource: smartlib_core::Resource::Budget,
        needs: Scale::High,
        has: Scale::Low,
        points: -20.0,
    }));
}

#[test]
fn piloting_counts_only_when_the_policy_says_so() {
    let catalog = catalog();
    let profile = Profile { piloting: vec!["wifi".into()], ..Profile::offering(["lab"]) };
    let assessment = catalog.assess(&profile).expect("valid");
    assert_eq!(assessment.level, 0);
    // Piloting is not offering: wifi is still recommended, with a bonus for being under way.
    assert_eq!(&*assessment.recommendations[0].program, "wifi");
    assert_eq!(assessment.recommendations[0].score, 110.0);

    let texts: Vec<String> = assessment.recommendations[0].reasons.iter().map(|r| catalog.explain(r)).collect();
    assert_eq!(texts.last().map(String::as_str), Some("you are already piloting it"));
    let planned = Profile { planned: vec!["wifi".into()], ..Profile::offering(["lab"]) };
    let reasons = &catalog.assess(&planned).expect("valid").recommendations[0].reasons;
    assert_eq!(catalog.explain(reasons.last().expect("reasons")), "you already plan it");

    let lenient = catalog.with_policy(Policy { count_piloting: true, ..Policy::default() }).expect("valid");
    assert_eq!(lenient.assess(&profile).expect("valid").level, 1);
}

#[test]
fn unknown_programs_give_a_level_range() {
    let catalog = catalog();
    let profile = Profile {
        unknown: vec!["wifi".into(), "classes".into(), "lending".into(), "help-desk".into()],
        ..Profile::offering(["lab"])
    };
    let assessment = catalog.assess(&profile).expect("valid");
    assert_eq!((assessment.level, assessment.level_range), (0, [0, 2]));
    assert_eq!(assessment.tiers[0].unknown, 2);
    assert_eq!(assessment.to_next_level, ["wifi".into()]);
    assert!(assessment.recommendations[0].reasons.contains(&Reason::StatusUnknown { points: 0.0 }));
}

#[test]
fn an_unknown_prerequisite_is_neither_leverage_nor_a_gap() {
    let catalog = catalog();
    let reasons = |profile: &Profile, id: &str| {
        let all = catalog.recommend(profile, usize::MAX).expect("valid");
        all.into_iter().find(|r| &*r.program == id).expect("recommended")
    };
    // Lending builds on wifi. Not offered, wifi is a gap (−8); unknown, it costs nothing and
    // the reason says so; offered, it is leverage (+12).
    let missing = reasons(&Profile::offering(["lab", "classes"]), "lending");
    let unknown =
        reasons(&Profile { unknown: vec!["wifi".into()], ..Profile::offering(["lab", "classes"]) }, "lending");
    let offered = reasons(&Profile::offering(["lab", "classes", "wifi"]), "lending");
    assert!(missing.reasons.contains(&Reason::MissingPrerequisites { programs: vec!["wifi".into()], points: -8.0 }));
    assert_eq!(
        unknown.reasons,
        [
            Reason::NextTier { tier: "growth".into(), points: 100.0 },
            Reason::BuildsOnUnknown { programs: vec!["wifi".into()], points: 0.0 },
        ]
    );
    assert_eq!((missing.score, unknown.score, offered.score), (92.0, 100.0, 112.0));
    assert_eq!(catalog.explain_for("lending", &unknown.reasons[1]), "builds on Program wifi, whose status is unknown");
    let view = catalog.view_reason("lending", &unknown.reasons[1]);
    assert_eq!((view.kind.as_str(), view.points, view.ids), ("builds-on-unknown", 0.0, vec!["wifi".to_owned()]));
}

#[test]
fn to_next_level_is_the_fewest_programs_and_raises_the_level() {
    let catalog = catalog();
    for offers in [&[][..], &["lab"], &["lab", "wifi"], &["lab", "wifi", "advanced"], &["help-desk"]] {
        let profile = Profile::offering(offers.iter().copied());
        let assessment = catalog.assess(&profile).expect("valid");
        let tier = &assessment.tiers[assessment.level];
        assert_eq!(assessment.to_next_level.len(), tier.needed - tier.offered, "{offers:?}");
        let mut raised = profile.clone();
        raised.offers.extend(assessment.to_next_level.iter().map(|id| id.to_string()));
        assert!(catalog.assess(&raised).expect("valid").level > assessment.level, "{offers:?}");
    }
    let top = catalog.assess(&Profile::offering(["lab", "wifi", "lending", "help-desk", "makerspace", "open-data"]));
    assert!(top.expect("valid").to_next_level.is_empty());
}

#[test]
fn assessment_lists_the_policys_number_of_recommendations() {
    let catalog = catalog();
    assert_eq!(catalog.assess(&Profile::default()).expect("valid").recommendations.len(), 5);
    let two = catalog.with_policy(Policy { recommendations: 2, ..Policy::default() }).expect("valid");
    assert_eq!(two.assess(&Profile::default()).expect("valid").recommendations.len(), 2);
    // Or per call, without a new catalog: the same answer as the policy route.
    let three = catalog.assess_top(&Profile::default(), 3).expect("valid");
    assert_eq!(three.recommendations.len(), 3);
    assert_eq!(three.recommendations[..2], two.assess(&Profile::default()).expect("valid").recommendations[..]);
}

#[test]
fn bad_profiles_are_typed_errors_naming_the_nearest_id() {
    let catalog = catalog();
    let error = catalog.assess(&Profile::offering(["lab", "makerspce"])).expect_err("unknown id");
    assert_eq!(error.to_string(), r#"offers[1]: unknown program "makerspce" (did you mean "makerspace"?)"#);
    assert!(matches!(error.kind, ErrorKind::UnknownProgram { suggestion: Some(ref s), .. } if &**s == "makerspace"));

    let error = catalog.assess(&Profile::default().with_goal("creator")).expect_err("unknown goal");
    assert_eq!(
        error.to_string(),
        r#"goals[0]: unknown goal "creator" (goals are role or contribution area ids) (did you mean "creators"?)"#
    );

    let conflicting = Profile { planned: vec!["lab".into()], ..Profile::offering(["lab"]) };
    let error = catalog.assess(&conflicting).expect_err("two statuses");
    assert_eq!(error.to_string(), r#"planned[0]: program "lab" is listed as offered and as planned"#);
    // Listing a program twice under the same status is harmless.
    assert!(catalog.assess(&Profile::offering(["lab", "lab"])).is_ok());
}

#[test]
fn resolved_profiles_belong_to_their_catalog() {
    let catalog = catalog();
    let mut other_data = small_catalog();
    other_data.programs[0].id = "computer-lab".into();
    let other = Catalog::new(other_data).expect("valid");
    let resolved = other.resolve(&Profile::default()).expect("valid");
    assert_eq!(catalog.assess_resolved(&resolved), Err(ErrorKind::CatalogMismatch.into()));
    assert_eq!(catalog.summarize(&resolved, 3), Err(ErrorKind::CatalogMismatch.into()));
    // A catalog differing only in text or policy has the same shape: profiles carry over.
    let reworded = catalog.with_policy(Policy { established_share: 0.9, ..Policy::default() }).expect("valid");
    assert!(reworded.assess_resolved(&catalog.resolve(&Profile::default()).expect("valid")).is_ok());

    let mut blank = catalog.blank_profile();
    assert_eq!(blank.set_status(8, Status::Offered), Err(ErrorKind::NoSuchProgram { index: 8, programs: 8 }.into()));
    blank.set_status(0, Status::Offered).expect("in range");
    assert_eq!((blank.status(0), blank.status(1)), (Status::Offered, Status::NotOffered));
}

#[test]
fn summary_agrees_with_the_full_assessment() {
    let catalog = catalog();
    for offers in [&[][..], &["lab", "wifi"], &["lab", "wifi", "classes", "advanced"], &["open-data"]] {
        let profile = Profile::offering(offers.iter().copied()).with_goal("participation");
        let resolved = catalog.resolve(&profile).expect("valid");
        let summary = catalog.summarize(&resolved, 5).expect("same catalog");
        let assessment = catalog.assess(&profile).expect("valid");
        assert_eq!(summary.level, assessment.level);
        assert_eq!(summary.level_range, assessment.level_range);
        let top: Vec<&str> = summary.top.iter().map(|&p| &*catalog.programs()[p].id).collect();
        let expected: Vec<&str> = assessment.recommendations.iter().map(|r| &*r.program).collect();
        assert_eq!(top, expected, "{offers:?}");
    }
}

#[test]
fn roadmap_phases_follow_tiers_and_prerequisites() {
    let catalog = catalog();
    let roadmap = catalog.roadmap(&Profile::offering(["lab"])).expect("valid");
    let phases: Vec<(Vec<&str>, usize)> = roadmap
        .phases
        .iter()
        .map(|phase| (phase.programs.iter().map(|r| &*r.program).collect(), phase.level_after))
        .collect();
    assert_eq!(
        phases,
        [
            (vec!["wifi", "classes"], 1),
            (vec!["advanced", "lending", "help-desk"], 2),
            // Tied at 100 + 12 once growth is done, with the same leverage: the cheaper first.
            (vec!["open-data", "makerspace"], 3),
        ]
    );
    assert_eq!(roadmap.phases[2].reached_after.as_deref(), Some("frontier"));

    // Phase 2 is ranked as it will stand after phase 1: advanced 100 + 12 + 6 (creators gap),
    // lending 100 + 12, help-desk 100 + 6.
    // At level 2, the frontier is phase 1, but makerspace waits for advanced (a growth gap).
    let roadmap =
        catalog.roadmap(&Profile::offering(["lab", "wifi", "classes", "lending", "help-desk"])).expect("valid");
    let phases: Vec<Vec<&str>> =
        roadmap.phases.iter().map(|phase| phase.programs.iter().map(|r| &*r.program).collect()).collect();
    assert_eq!(phases, [vec!["open-data", "advanced"], vec!["makerspace"]]);
    assert_eq!(roadmap.phases.iter().map(|p| p.number).collect::<Vec<_>>(), [1, 2]);
    // Makerspace builds on advanced, which the library does not offer now: phase 1 starts it,
    // and the reason says so (with the same points as leverage on an offered program).
    let makerspace = &roadmap.phases[1].programs[0];
    assert!(makerspace.reasons.contains(&Reason::BuildsOnEarlierPhases {
        programs: vec!["advanced".into()],
        phases: vec![1],
        points: 12.0
    }));
    assert!(!makerspace.reasons.iter().any(|r| matches!(r, Reason::BuildsOn { .. })));
    assert_eq!(catalog.explain(&makerspace.reasons[1]), "builds on Program advanced, started in phase 1");

    let everything = ["lab", "wifi", "classes", "lending", "advanced", "help-desk", "makerspace", "open-data"];
    assert!(catalog.roadmap(&Profile::offering(everything)).expect("valid").phases.is_empty());
}

#[test]
fn what_if_reports_what_changes() {
    let catalog = catalog();
    let profile = Profile::offering(["lab"]);
    let change = catalog.what_if(&profile, &["wifi", "help-desk"], &[] as &[&str]).expect("valid");
    assert_eq!((change.level_before, change.level_after), (0, 1));
    assert_eq!(change.reached_after.as_deref(), Some("basics"));
    assert_eq!(change.added, ["wifi".into(), "help-desk".into()]);
    assert_eq!(change.roles_gained, ["participants".into()]);
    assert_eq!(change.areas_gained, ["participation".into()]);
    assert_eq!(change.tiers.len(), 2);
    assert!(!change.tiers[0].established_before && change.tiers[0].established_after);
    assert_eq!(change.after.level, 1);

    let change = catalog.what_if(&Profile::offering(["lab", "wifi"]), &["lab"], &["wifi", "classes"]).expect("valid");
    assert!(change.added.is_empty(), "lab was already offered");
    assert_eq!(change.removed, ["wifi".into()], "classes was not offered");
    assert_eq!((change.level_before, change.level_after), (1, 0));

    let error = catalog.what_if(&profile, &["wifi"], &["wifi"]).expect_err("both lists");
    assert_eq!(error.to_string(), r#"remove[0]: program "wifi" is listed as offered and as not-offered"#);
    let error = catalog.what_if(&profile, &["wify"], &[] as &[&str]).expect_err("unknown");
    assert_eq!(error.to_string(), r#"add[0]: unknown program "wify" (did you mean "wifi"?)"#);
}

#[test]
fn lookups_by_id() {
    let catalog = catalog();
    assert_eq!(catalog.tier("growth").map(|t| t.name.as_str()), Some("Tier growth"));
    assert_eq!(catalog.dimension("creators").map(|d| d.name.as_str()), Some("CREATORS"));
    assert_eq!(catalog.dimension("participation").map(|d| d.name.as_str()), Some("PARTICIPATION"));
    assert_eq!(catalog.guide("social").map(|g| g.name.as_str()), Some("SOCIAL"));
    assert_eq!(catalog.guide("planning").map(|g| g.name.as_str()), Some("PLANNING"));
    assert_eq!(catalog.example_library("demo-library").map(|l| l.location.as_str()), Some("Anytown"));
    assert!(catalog.tier("nope").is_none() && catalog.dimension("lab").is_none() && catalog.guide("lab").is_none());
}

#[test]
fn ties_go_to_leverage_then_cost_then_catalog_order() {
    // With leverage worth no points, three growth programs tie at 100.
    let weights = Weights { builds_on: 0.0, missing_prerequisite: 0.0, role_gap: 0.0, ..Weights::default() };
    let catalog = catalog().with_policy(Policy { weights, ..Policy::default() }).expect("valid");
    let profile = Profile::offering(["lab", "classes"]);
    // advanced builds on classes (offered): it leads although lending comes first in the
    // catalog; lending (its wifi not offered) and help-desk tie on leverage and cost.
    let top: Vec<(String, f64)> = ranked(&catalog, &profile).into_iter().take(3).collect();
    assert_eq!(top, [("advanced".into(), 100.0), ("lending".into(), 100.0), ("help-desk".into(), 100.0)]);
}

#[test]
fn advice_rests_on_facts_readings_and_sources() {
    let mut data = small_catalog();
    data.tiers[0].advice =
        vec![smartlib_core::AdviceItem { text: "Grow next.".into(), source: Some("https://example.org/gs".into()) }];
    data.start_advice = vec![smartlib_core::AdviceItem { text: "Our reading.".into(), source: None }];
    let catalog = Catalog::new(data).expect("valid");
    let kinds = |profile: &Profile| -> Vec<(AdviceKind, String, Option<String>)> {
        catalog
            .assess(profile)
            .expect("valid")
            .advice
            .into_iter()
            .map(|a| (a.kind, a.text.to_string(), a.source.as_deref().map(String::from)))
            .collect()
    };
    // Level 1: where the offer lies, how the level is counted, and the stage's sourced advice.
    let advice = kinds(&Profile::offering(["lab", "wifi", "help-desk"]));
    assert_eq!(advice[0], (AdviceKind::Fact, "2 of the 3 programs you offer are in Tier basics.".into(), None));
    assert_eq!(advice[1].0, AdviceKind::Reading);
    assert!(advice[1].1.contains("at least 60% of its programs"));
    assert_eq!(advice[2], (AdviceKind::Toolbox, "Grow next.".into(), Some("https://example.org/gs".into())));
    // A higher tier established above a missing one is explained beside the level.
    let gapped = Profile::offering(["lab", "makerspace", "open-data"]);
    let advice = kinds(&gapped);
    assert_eq!(advice[0].1, "2 of the 3 programs you offer are in Tier frontier.");
    assert_eq!(
        catalog.assess(&gapped).expect("valid").level_note.as_deref(),
        Some("Tier frontier is established, but Tier basics (1 of 3, 2 needed) holds your level at 0.")
    );
    assert_eq!(catalog.assess(&Profile::offering(["lab", "wifi"])).expect("valid").level_note, None);
    // Level 0 has the catalog's reading, with no source.
    assert_eq!(advice.last().map(|a| (a.0, a.2.clone())), Some((AdviceKind::Reading, None)));
    // Equal tiers are said as equal, not as the first of them.
    let even = kinds(&Profile::offering(["lab", "lending", "makerspace"]));
    assert_eq!(even[0].1, "Of the 3 programs you offer, one is in each of Tier basics, Tier growth and Tier frontier.");
    let pairs = kinds(&Profile::offering(["lab", "wifi", "lending", "advanced", "makerspace"]));
    assert_eq!(pairs[0].1, "Of the 5 programs you offer, 2 are in each of Tier basics and Tier growth.");
    // Nothing offered: no claim about where the offer lies.
    assert!(kinds(&Profile::default()).iter().all(|a| a.0 != AdviceKind::Fact));
}

#[test]
fn when_unknowns_widen_the_range_the_first_advice_asks_to_confirm_what_decides_it() {
    let mut data = small_catalog();
    data.tiers[0].advice =
        vec![smartlib_core::AdviceItem { text: "Grow next.".into(), source: Some("https://example.org/gs".into()) }];
    data.start_advice = vec![smartlib_core::AdviceItem { text: "Build the basics first.".into(), source: None }];
    let catalog = Catalog::new(data).expect("valid");
    let texts = |assessment: &smartlib_core::Assessment| -> Vec<(AdviceKind, String, bool)> {
        assessment.advice.iter().map(|a| (a.kind, a.text.to_string(), a.provisional)).collect()
    };

    // Level 0 to 2: Tier basics needs 2 of its 3 programs, the library offers 1 for certain
    // and 2 are unknown, so either one raises the level.
    let open = Profile {
        unknown: vec!["wifi".into(), "classes".into(), "lending".into(), "help-desk".into()],
        ..Profile::offering(["lab"])
    };
    let assessment = catalog.assess(&open).expect("valid");
    assert_eq!(assessment.level_range, [0, 2]);
    assert_eq!(assessment.to_confirm, ["wifi".into()]);
    assert_eq!(assessment.to_next_level, assessment.to_confirm);
    assert_eq!(catalog.headline(&assessment), "Level 0–2 of 3: 4 programs are unknown");
    let advice = texts(&assessment);
    assert_eq!(
        advice[..2],
        [
            (AdviceKind::Fact, "Confirm first whether you offer Program wifi: if you do, your level is at least 1.".into(), false),
            (
                AdviceKind::Fact,
                "With 4 programs of unknown status, your level is anywhere from 0 to 2: Tier basics needs 2 of its 3 programs and you offer 1 of them for certain. Any one of its 2 programs of unknown status would do as well (the other: Program classes).".into(),
                false
            )
        ]
    );
    // No "build the basics first" for a library whose basics may all be there.
    assert!(advice.iter().all(|(_, text, _)| text != "Build the basics first."), "{advice:?}");

    // Settled at level 0, the catalog's advice for that stage is given as before.
    let settled = catalog.assess(&Profile::offering(["lab"])).expect("valid");
    assert!(settled.to_confirm.is_empty());
    assert_eq!(catalog.headline(&settled), "Level 0 of 3: no tier established yet");
    assert!(texts(&settled).contains(&(AdviceKind::Reading, "Build the basics first.".into(), false)));

    // Level 1 to 2: the stage's advice follows the question, marked as depending on the answer.
    let higher = Profile { unknown: vec!["lending".into(), "help-desk".into()], ..Profile::offering(["lab", "wifi"]) };
    let assessment = catalog.assess(&higher).expect("valid");
    assert_eq!((assessment.level_range, assessment.to_confirm.len()), ([1, 2], 2));
    let advice = texts(&assessment);
    assert!(advice[0].1.starts_with("Confirm first whether you offer Program lending and Program help-desk: if you offer both, your level is at least 2."), "{}", advice[0].1);
    assert!(advice[1].1.ends_with("Tier growth needs 2 of its 3 programs and you offer none of them for certain."));
    assert_eq!(advice.last(), Some(&(AdviceKind::Toolbox, "Grow next.".into(), true)));
    assert!(advice.iter().filter(|a| a.2).all(|a| a.0 != AdviceKind::Fact));

    // Settled, nothing is provisional and the headline names the tier reached.
    let assessment = catalog.assess(&Profile::offering(["lab", "wifi"])).expect("valid");
    assert!(assessment.advice.iter().all(|a| !a.provisional));
    assert_eq!(catalog.headline(&assessment), "Level 1 of 3: Tier basics");
}

#[test]
fn the_way_up_checks_unknown_programs_before_starting_others() {
    let catalog = catalog();
    // Tier basics needs 2 of 3. With lab offered, wifi unknown and classes not offered, either
    // of the two is a way up; checking wifi is the cheaper one (the range is 0 to 1).
    let profile = Profile { unknown: vec!["wifi".into()], ..Profile::offering(["lab"]) };
    let assessment = catalog.assess(&profile).expect("valid");
    assert_eq!((assessment.level_range, assessment.to_next_level.clone()), ([0, 1], vec!["wifi".into()]));
    // With one unknown program but two needed, the range is one value; the unknown program
    // still comes first on the way up.
    let profile = Profile { unknown: vec!["classes".into()], ..Profile::default() };
    let assessment = catalog.assess(&profile).expect("valid");
    assert_eq!(assessment.level_range, [0, 0]);
    assert!(assessment.to_confirm.is_empty());
    assert_eq!(assessment.to_next_level.first().map(|id| id.to_string()), Some("classes".to_owned()));
    assert_eq!(assessment.to_next_level_actions.first(), Some(&smartlib_core::Action::Verify));
}

#[test]
fn assuming_the_unknowns_shows_each_end_of_the_range_and_says_so() {
    use smartlib_core::{Action, AssumeUnknown};
    let catalog = catalog();
    let profile = Profile {
        unknown: vec!["wifi".into(), "classes".into(), "lending".into(), "help-desk".into()],
        ..Profile::offering(["lab"])
    };
    let open = catalog.assess(&profile).expect("valid");
    assert_eq!(open.level_range, [0, 2]);

    let high =
        catalog.assess(&catalog.assume_unknown(&profile, AssumeUnknown::Offered).expect("valid")).expect("valid");
    assert_eq!((high.level, high.level_range), (2, [2, 2]));
    assert!(high.to_confirm.is_empty());
    assert_eq!(catalog.headline(&high), "Level 2 of 3: Tier growth (4 unknown programs read as offered)");
    assert!(high.advice[0].text.starts_with(
        "This reads the 4 programs of unknown status as offered (Program wifi, Program classes, Program lending and Program help-desk): if you offer them all, your level is 2."
    ));

    let low =
        catalog.assess(&catalog.assume_unknown(&profile, AssumeUnknown::NotOffered).expect("valid")).expect("valid");
    assert_eq!((low.level, low.level_range), (0, [0, 0]));
    assert_eq!(
        catalog.headline(&low),
        "Level 0 of 3: no tier established yet (4 unknown programs read as not offered)"
    );
    assert!(low.advice[0].text.contains("not offered") && low.advice[0].text.contains("not a finding"));
    // Still unknown underneath: every program assumed not offered says verify, here and in
    // recommend and roadmap.
    let unknown = |id: &str| profile.unknown.iter().any(|other| other == id);
    for r in &low.recommendations {
        assert_eq!(r.action == Action::Verify, unknown(&r.program), "{}", r.program);
    }
    let assumed = catalog.assume_unknown(&profile, AssumeUnknown::NotOffered).expect("valid");
    assert!(
        catalog
            .recommend(&assumed, usize::MAX)
            .expect("valid")
            .iter()
            .all(|r| (r.action == Action::Verify) == unknown(&r.program))
    );
    let roadmap = catalog.roadmap(&assumed).expect("valid");
    assert!(
        roadmap.phases.iter().flat_map(|p| &p.programs).all(|r| (r.action == Action::Verify) == unknown(&r.program))
    );
    let view = catalog.view_assessment(&low);
    assert_eq!((view.assumed_unknown.as_deref(), view.assumed.len()), (Some("not-offered"), 4));
    // The two ends are the range.
    assert_eq!([low.level, high.level], open.level_range);
    // A profile is checked before it is read either way: a typo in unknown is still an error.
    let typo = Profile { unknown: vec!["wfi".into()], ..Profile::default() };
    assert!(catalog.assume_unknown(&typo, AssumeUnknown::NotOffered).is_err());
    assert_eq!(AssumeUnknown::from_name("not-offered"), Some(AssumeUnknown::NotOffered));
    assert_eq!(AssumeUnknown::from_name("maybe"), None);
}
