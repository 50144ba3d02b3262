//! Load a catalog of your own (here: a two-tier catalog written inline as TOML), with a stricter
//! threshold, and see a precise error when it is wrong.
//!
//! `cargo run --example custom_catalog`

use smartlib::{Format, Profile};

const CATALOG: &str = r#"
name = "County library network"
version = "2026.1"
start_message = "Start with access: computers and Wi-Fi in every branch."

[policy]
established_share = 1.0   # every program of a tier, not 60%

[[tiers]]
id = "access"
name = "Access"
message = "Access is in place; start teaching."

[[tiers]]
id = "skills"
name = "Skills"
message = "Access and skills in place: look for partners."

[[programs]]
id = "computers"
name = "Public computers"
tier = "access"
summary = "Computers and printers in every branch."

[[programs]]
id = "wifi"
name = "Wi-Fi"
tier = "access"
summary = "Free wireless in every branch."

[[programs]]
id = "coding-club"
name = "Coding club"
tier = "skills"
summary = "Weekly coding sessions for teenagers."
builds_on = ["computers"]
"#;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let catalog = smartlib::parse_catalog(CATALOG, Format::Toml, "county.toml")?;
    let assessment = catalog.assess(&Profile::offering(["computers", "wifi"]))?;
    println!(
        "level {} ({}): {}",
        assessment.level,
        assessment.reached.as_deref().unwrap_or("-"),
        assessment.message.text
    );
    println!("next: {}", assessment.recommendations[0].program);

    // A typo in the catalog is reported with file, line, column and the nearest valid id.
    let broken = CATALOG.replace(r#"builds_on = ["computers"]"#, r#"builds_on = ["computer"]"#);
    if let Err(error) = smartlib::parse_catalog(&broken, Format::Toml, "county.toml") {
        println!("error: {error}");
    }
    Ok(())
}
