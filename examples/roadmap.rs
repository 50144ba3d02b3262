//! Build a phased roadmap for a library and compare it with a what-if.
//!
//! `cargo run --example roadmap`

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let catalog = smartlib::default_catalog();
    let profile = smartlib::Profile::offering(["computer-labs", "wifi-access", "basic-computer-training"]);
    let roadmap = catalog.roadmap(&profile)?;
    for phase in &roadmap.phases {
        let programs: Vec<&str> = phase.programs.iter().map(|r| r.program.as_ref()).collect();
        println!(
            "phase {}: {} -> level {} ({})",
            phase.number,
            programs.join(", "),
            phase.level_after,
            phase.reached_after.as_deref().unwrap_or("-")
        );
    }

    let change =
        catalog.what_if(&profile, &["technology-lending", "advanced-training", "wifi-after-hours"], &[] as &[&str])?;
    println!(
        "\nwhat if we add three making-progress programs: level {} -> {}",
        change.level_before, change.level_after
    );
    println!("roles gained: {:?}", change.roles_gained);
    Ok(())
}
