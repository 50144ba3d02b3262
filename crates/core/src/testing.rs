//! Catalogs for tests, doc examples and benchmarks: a small hand-made one that exercises every
//! rule, and generated ones of any size. The full toolbox lives in the content crate.

use crate::model::{
    CatalogData, Dimension, ExampleLibrary, Guide, Id, Link, Need, Needs, Program, Resources, Scale, Tier,
};
use crate::policy::Policy;

/// A small deterministic pseudo-random generator (a 64-bit LCG), so generated data is the same
/// on every run and platform.
#[derive(Clone, Debug)]
pub struct Lcg(pub u64);

impl Lcg {
    /// The next 31 random bits.
    pub fn next_u32(&mut self) -> u32 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) as u32
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        self.next_u32() as usize % n.max(1)
    }
}

/// A catalog of `programs` programs (at least 1) with the toolbox's shape, for benchmarks and
/// scale tests: three tiers of equal size (fewer below three programs), up to two `builds_on` links to earlier programs, one role and
/// one area each, half of them needing a high budget. Deterministic for a given size.
pub fn generated_catalog(programs: usize) -> CatalogData {
    const ROLES: [&str; 3] = ["ict-users", "democratic-participants", "co-creators"];
    const AREAS: [&str; 3] = ["developing-smart-citizens", "enabling-participation", "innovation-environment"];
    const TIERS: [&str; 3] = ["getting-started", "making-progress", "advancing-your-role"];
    let mut rng = Lcg(programs as u64);
    let tiers = programs.clamp(1, 3);
    let per_tier = programs.div_ceil(tiers).max(1);
    let dimension =
        |id: &&str| Dimension { id: Id::from(*id), name: id.to_string(), summary: String::new(), sources: Vec::new() };
    CatalogData {
        schema: None,
        schema_version: None,
        name: format!("Generated catalog of {programs} programs"),
        version: "generated".into(),
        start_message: "Start with the first tier.".into(),
        start_advice: Vec::new(),
        policy: Policy::default(),
        tiers: TIERS[..tiers]
            .iter()
            .map(|id| Tier {
                id: Id::from(*id),
                name: id.to_string(),
                summary: String::new(),
                message: "Next tier.".into(),
                advice: Vec::new(),
            })
            .collect(),
        roles: ROLES.iter().map(dimension).collect(),
        areas: AREAS.iter().map(dimension).collect(),
        programs: (0..programs)
            .map(|i| {
                let mut builds_on: Vec<Id> = if i == 0 {
                    Vec::new()
                } else {
                    (0..rng.below(3)).map(|_| Id::from(format!("program-{}", rng.below(i)))).collect()
                };
                builds_on.sort();
                builds_on.dedup();
                Program {
                    id: format!("program-{i}").into(),
                    name: format!("Program {i}"),
                    tier: TIERS[(i / per_tier).min(tiers - 1)].into(),
                    summary: "A generated program.".into(),
                    items: Vec::new(),
                    roles: vec![Id::from(ROLES[rng.below(3)])],
                    areas: vec![Id::from(AREAS[rng.below(3)])],
                    builds_on: builds_on.into_iter().map(Link::from).collect(),
                    processes: Vec::new(),
                    outreach: Vec::new(),
                    libraries: Vec::new(),
                    needs: Resources { budget: [None, Some(Scale::High)][rng.below(2)], ..Resources::default() }.into(),
                    sources: Vec::new(),
                }
            })
            .collect(),
        processes: Vec::new(),
        outreach: Vec::new(),
        examples: Vec::new(),
    }
}

/// The demonstration catalog's data.
///
/// | tier | programs (builds on) |
/// |---|---|
/// | basics | `lab`, `wifi`, `classes` |
/// | growth | `lending` (wifi), `advanced` (classes), `help-desk` |
/// | frontier | `makerspace` (advanced), `open-data` (classes) |
pub fn small_catalog() -> CatalogData {
    let ids = |list: &[&str]| list.iter().map(|&id| Id::from(id)).collect::<Vec<_>>();
    let program = |id: &str, tier: &str, roles: &[&str], areas: &[&str], builds_on: &[&str]| Program {
        id: id.into(),
        name: format!("Program {id}"),
        tier: tier.into(),
        summary: format!("The {id} program."),
        items: Vec::new(),
        roles: ids(roles),
        areas: ids(areas),
        builds_on: ids(builds_on).into_iter().map(Link::from).collect(),
        processes: ids(&["planning"]),
        outreach: if tier == "basics" { Vec::new() } else { ids(&["social"]) },
        libraries: if id == "makerspace" { ids(&["demo-library"]) } else { Vec::new() },
        needs: Needs::default(),
        sources: vec!["https://example.org/toolbox".to_owned()],
    };
    let tier = |id: &str, message: &str| Tier {
        id: id.into(),
        name: format!("Tier {id}"),
        summary: String::new(),
        message: message.to_owned(),
        advice: Vec::new(),
    };
    let dimension =
        |id: &str| Dimension { id: id.into(), name: id.to_uppercase(), summary: String::new(), sources: Vec::new() };
    let guide = |id: &str| Guide {
        id: id.into(),
        name: id.to_uppercase(),
        summary: format!("How {id} helps."),
        parent: None,
        sources: Vec::new(),
    };
    let mut makerspace = program("makerspace", "frontier", &["creators"], &["innovation"], &["advanced"]);
    makerspace.needs = Resources { budget: Some(Scale::High), staff: None, space: Some(Scale::High) }.into();
    let mut advanced = program("advanced", "growth", &["users", "creators"], &["inclusion"], &["classes"]);
    advanced.needs.staff = Some(Need { level: Scale::Medium, why: None, source: None });
    CatalogData {
        schema: None,
        schema_version: None,
        name: "Demonstration catalog".to_owned(),
        version: "1".to_owned(),
        start_message: "Start with the basics.".to_owned(),
        start_advice: Vec::new(),
        policy: Policy::default(),
        tiers: vec![
            tier("basics", "Basics done: grow next."),
            tier("growth", "Growing: reach the frontier."),
            tier("frontier", "At the frontier: keep going."),
        ],
        roles: ["users", "participants", "creators"].map(dimension).to_vec(),
        areas: ["inclusion", "participation", "innovation"].map(dimension).to_vec(),
        programs: vec![
            program("lab", "basics", &["users"], &["inclusion"], &[]),
            program("wifi", "basics", &["users"], &["inclusion"], &[]),
            program("classes", "basics", &["users"], &["inclusion"], &[]),
            program("lending", "growth", &["users"], &["inclusion"], &["wifi"]),
            advanced,
            program("help-desk", "growth", &["participants"], &["participation"], &[]),
            makerspace,
            program("open-data", "frontier", &["participants", "creators"], &["participation"], &["classes"]),
        ],
        processes: vec![guide("planning")],
        outreach: vec![guide("social")],
        examples: vec![ExampleLibrary {
            id: "demo-library".into(),
            name: "Demo Library".to_owned(),
            location: "Anytown".to_owned(),
            summary: "Runs a makerspace.".to_owned(),
            sources: Vec::new(),
        }],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;

    #[test]
    fn generated_catalogs_are_valid_and_deterministic() {
        for size in [1, 2, 3, 15, 1_000] {
            let data = generated_catalog(size);
            assert_eq!(data.programs.len(), size);
            assert!(Catalog::new(data.clone()).is_ok(), "size {size}");
            assert_eq!(data, generated_catalog(size));
        }
    }
}
