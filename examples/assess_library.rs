//! Assess a library on the embedded toolbox and print why each next step is recommended.
//!
//! `cargo run --example assess_library`

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let catalog = smartlib::default_catalog();
    let profile =
        smartlib::Profile::offering(["computer-labs", "wifi-access", "digital-resources", "public-meeting-spaces"])
            .with_goal("enabling-participation");
    let assessment = catalog.assess(&profile)?;

    let reached = assessment.reached.as_deref().unwrap_or("no tier yet");
    println!("Level {} of {} ({reached})", assessment.level, catalog.tiers().len());
    println!("{}\n", assessment.message.text);
    for recommendation in &assessment.recommendations {
        let name = catalog.program(&recommendation.program).map_or("?", |p| p.name.as_str());
        println!("{name} (score {})", recommendation.score);
        for reason in &recommendation.reasons {
            println!("  - {}", catalog.explain(reason));
        }
    }
    Ok(())
}
