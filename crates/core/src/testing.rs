//! A small demonstration catalog for tests, doc examples and benchmarks.
//!
//! Three tiers (`basics`, `growth`, `frontier`), eight programs, a few `builds_on` edges and
//! resource needs: enough to exercise every rule without the full toolbox, which lives in the
//! content crate.

use crate::catalog::CatalogData;
use crate::model::{Dimension, ExampleLibrary, Guide, Id, Program, Resources, Scale, Tier};
use crate::policy::Policy;

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
        examples: Vec::new(),
        roles: ids(roles),
        contributions: ids(areas),
        builds_on: ids(builds_on),
        processes: ids(&["planning"]),
        outreach: if tier == "basics" { Vec::new() } else { ids(&["social"]) },
        libraries: if id == "makerspace" { ids(&["demo-library"]) } else { Vec::new() },
        needs: Resources::default(),
        sources: vec!["https://example.org/toolbox".to_owned()],
    };
    let tier = |id: &str, message: &str| Tier {
        id: id.into(),
        name: format!("Tier {id}"),
        summary: String::new(),
        message: message.to_owned(),
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
    makerspace.needs = Resources { budget: Some(Scale::High), staff: None, space: Some(Scale::High) };
    let mut advanced = program("advanced", "growth", &["users", "creators"], &["inclusion"], &["classes"]);
    advanced.needs.staff = Some(Scale::Medium);
    CatalogData {
        schema: None,
        name: "Demonstration catalog".to_owned(),
        version: "1".to_owned(),
        start_message: "Start with the basics.".to_owned(),
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
