//! Answers for people: plain text for the terminal, markdown for a report to a library board.
//! Renderers read the core's views (names, reasons in words), so they only lay text out.
//! Every renderer builds the whole output first, so a failure never leaves half a report.

use std::fmt::Write;

use smartlib::Catalog;
use smartlib::view::{AssessmentView, CoverageView, RecommendationView, RoadmapView, WhatIfView};

use crate::report;

/// Text or markdown: the two human formats differ only in their markup.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Style {
    Text,
    Markdown,
}

const WIDTH: usize = 92;

fn wrap(text: &str, indent: &str) -> String {
    let options = textwrap::Options::new(WIDTH).initial_indent(indent).subsequent_indent(indent);
    textwrap::fill(text, options)
}

/// The assessment for the terminal: level, tiers, roles, the advice, the way up and the best
/// next steps with their points. (The board report, markdown or HTML, is in `report`.)
pub(crate) fn assessment(assessment: &AssessmentView) -> String {
    let mut out = String::new();
    let title = assessment.profile.as_deref().unwrap_or("Your library");
    let _ = writeln!(out, "{title}: {}", assessment.headline);
    if let Some(note) = &assessment.level_note {
        let _ = writeln!(out, "{}", wrap(note, ""));
    }
    out.push('\n');
    let _ = writeln!(out, "{:<28} {:>9} {:>7}  Status", "Tier", "Offered", "Needed");
    for (position, tier) in assessment.tiers.iter().enumerate() {
        let offered = format!("{} of {}", tier.offered, tier.total);
        let status = report::tier_status(assessment, position);
        let _ = writeln!(out, "{:<28} {offered:>9} {:>7}  {status}", tier.name, tier.needed);
    }

    // Roles and areas.
    out.push('\n');
    for (heading, coverage) in [("Smart-citizen roles", &assessment.roles), ("Contribution areas", &assessment.areas)] {
        if coverage.is_empty() {
            continue;
        }
        let parts: Vec<String> = coverage
            .iter()
            .map(|c| match c.programs.len() {
                0 => format!("{} (none yet)", c.name),
                n => format!("{} ({n})", c.name),
            })
            .collect();
        let _ = writeln!(out, "{}", wrap(&format!("{heading}: {}", parts.join("; ")), ""));
    }

    // Advice, by what it rests on: facts, the toolbox's guidance with its sources, readings.
    out.push('\n');
    for section in report::advice_sections(assessment) {
        advice_section(&mut out, &section);
    }
    if let Some(next) = assessment.tiers.get(assessment.level) {
        // With unknowns deciding the level, the first advice already names the way up.
        if !assessment.to_next_level.is_empty() && assessment.to_confirm.is_empty() {
            let steps = assessment.to_next_level_steps.join("; ");
            let line = format!("To reach level {} ({}): {steps}.", assessment.level + 1, next.name);
            let _ = writeln!(out, "{}\n", wrap(&line, ""));
        }
    }

    // Recommendations. With none listed (`--top 0`), say nothing unless nothing is left.
    if assessment.recommendations.is_empty() {
        if assessment.tiers.iter().all(|tier| tier.offered == tier.total) {
            out.push_str("Every program in the catalog is offered: nothing left to recommend.\n");
        }
    } else {
        out.push_str("Recommended next steps:\n");
        for (rank, recommendation) in assessment.recommendations.iter().enumerate() {
            self::recommendation(&mut out, rank + 1, recommendation, Style::Text);
        }
    }
    let _ = write!(
        out,
        "\nContent: {} {} (fingerprint {})\n",
        assessment.content_name, assessment.content_version, assessment.content_fingerprint
    );
    out
}

/// One section of advice as a list under its heading; sources as notes after it.
fn advice_section(out: &mut String, section: &report::Section) {
    let _ = writeln!(out, "{}:", section.heading);
    for (text, source) in &section.lines {
        let note = match source {
            Some(number) if section.sources.len() > 1 => format!(" [{}]", number + 1),
            _ => String::new(),
        };
        let options = textwrap::Options::new(WIDTH).initial_indent("  - ").subsequent_indent("    ");
        let _ = writeln!(out, "{}", textwrap::fill(&format!("{text}{note}"), options));
    }
    match section.sources.as_slice() {
        [] => {}
        [source] => {
            let _ = writeln!(out, "  Source: {source}");
        }
        many => {
            for (number, source) in many.iter().enumerate() {
                let _ = writeln!(out, "  [{}] {source}", number + 1);
            }
        }
    }
    out.push('\n');
}

fn recommendation(out: &mut String, rank: usize, recommendation: &RecommendationView, style: Style) {
    let md = style == Style::Markdown;
    let (name, tier) = (&recommendation.name, &recommendation.tier_name);
    let action = report::action_label(recommendation);
    if md {
        let action = action.map(|label| format!(", _{label}_")).unwrap_or_default();
        let _ = writeln!(out, "{rank}. **{name}** ({tier}), score {}{action}", recommendation.score);
    } else {
        let title = format!("{rank:>2}. {name} ({tier}), score {}", recommendation.score);
        let options = textwrap::Options::new(WIDTH).subsequent_indent("    ");
        let mut title = textwrap::fill(&title, options);
        // The label stays whole: at the end of the title, or on a line of its own.
        if let Some(label) = action {
            let last = title.rsplit('\n').next().map_or(0, |line| line.chars().count());
            let gap = if last + label.chars().count() + 3 <= WIDTH { " " } else { "\n    " };
            let _ = write!(title, "{gap}[{label}]");
        }
        let _ = writeln!(out, "{title}");
    }
    let mut lines: Vec<String> = recommendation
        .reasons
        .iter()
        .map(|reason| {
            let sign = if reason.points >= 0.0 { "+" } else { "" };
            format!("{} ({sign}{})", reason.text, reason.points)
        })
        .collect();
    let guides: Vec<&str> =
        recommendation.process_names.iter().chain(&recommendation.outreach_names).map(String::as_str).collect();
    if !guides.is_empty() {
        lines.push(format!("read next: {}", guides.join("; ")));
    }
    if !recommendation.example_names.is_empty() {
        lines.push(format!("see how others do it: {}", recommendation.example_names.join("; ")));
    }
    for line in lines {
        if md {
            let _ = writeln!(out, "   - {line}");
        } else {
            let options = textwrap::Options::new(WIDTH).initial_indent("      - ").subsequent_indent("        ");
            let _ = writeln!(out, "{}", textwrap::fill(&line, options));
        }
    }
}

/// The phased plan; `tiers` is the catalog's number of tiers.
pub(crate) fn roadmap(roadmap: &RoadmapView, tiers: usize, style: Style) -> String {
    let md = style == Style::Markdown;
    let mut out = String::new();
    let _ = writeln!(out, "{}Roadmap from level {} of {tiers}\n", if md { "# " } else { "" }, roadmap.level);
    if roadmap.phases.is_empty() {
        out.push_str("Every program in the catalog is offered: nothing left to plan.\n");
    }
    for phase in &roadmap.phases {
        let after = phase.reached_after_name.as_deref().unwrap_or("no tier yet");
        let heading = format!("Phase {}: then level {} of {tiers} ({after})", phase.number, phase.level_after);
        let _ = writeln!(out, "{}", if md { format!("## {heading}\n") } else { heading });
        for (rank, recommendation) in phase.programs.iter().enumerate() {
            self::recommendation(&mut out, rank + 1, recommendation, style);
        }
        out.push('\n');
    }
    out
}

/// What offering or dropping programs would change.
pub(crate) fn what_if(change: &WhatIfView, style: Style) -> String {
    let md = style == Style::Markdown;
    let bullet = if md { "- " } else { "  " };
    let mut out = String::new();
    let tiers = change.after.tiers.len();
    let _ = writeln!(out, "{}What if", if md { "# " } else { "" });
    if !change.added.is_empty() {
        let _ = writeln!(out, "{bullet}you offer {}", change.added_names.join(", "));
    }
    if !change.removed.is_empty() {
        let _ = writeln!(out, "{bullet}you stop offering {}", change.removed_names.join(", "));
    }
    if change.added.is_empty() && change.removed.is_empty() {
        let _ = writeln!(out, "{bullet}nothing changes: those programs already have that status");
    }
    let reached = |name: &Option<String>| name.clone().unwrap_or_else(|| "no tier yet".to_owned());
    let _ = writeln!(
        out,
        "\nLevel: {} ({}) -> {} ({}) of {tiers}",
        change.level_before,
        reached(&change.before.reached_name),
        change.level_after,
        reached(&change.after.reached_name)
    );
    for tier in &change.tiers {
        let established = match (tier.established_before, tier.established_after) {
            (false, true) => ", now established",
            (true, false) => ", no longer established",
            _ => "",
        };
        let _ = writeln!(
            out,
            "{bullet}{}: {} -> {} offered{established}",
            tier.name, tier.offered_before, tier.offered_after
        );
    }
    let name_in = |coverage: &[CoverageView], id: &String| {
        coverage.iter().find(|c| &c.id == id).map_or_else(|| id.clone(), |c| c.name.clone())
    };
    for (label, ids, coverage) in [
        ("roles gained", &change.roles_gained, &change.after.roles),
        ("roles lost", &change.roles_lost, &change.after.roles),
        ("areas gained", &change.areas_gained, &change.after.areas),
        ("areas lost", &change.areas_lost, &change.after.areas),
    ] {
        if !ids.is_empty() {
            let list: Vec<String> = ids.iter().map(|id| name_in(coverage, id)).collect();
            let _ = writeln!(out, "{bullet}{label}: {}", list.join(", "));
        }
    }
    let next: Vec<&str> = change.after.recommendations.iter().map(|r| r.name.as_str()).collect();
    if !next.is_empty() {
        let _ = writeln!(out, "\nThen the best next steps: {}", next.join(", "));
    }
    out
}

/// The catalog at a glance: tiers, programs with their ids and what they build on.
pub(crate) fn catalog(catalog: &Catalog) -> String {
    let content = catalog.content();
    let mut out = format!(
        "{} {}: {} programs in {} tiers (fingerprint {})\n",
        content.name,
        content.version,
        catalog.programs().len(),
        catalog.tiers().len(),
        content.fingerprint
    );
    for (position, tier) in catalog.tiers().iter().enumerate() {
        let needed = catalog.needed_per_tier()[position];
        let members: Vec<_> = catalog.programs().iter().filter(|p| p.tier == tier.id).collect();
        let _ = writeln!(out, "\n{} ({}): {needed} of {} establish it", tier.name, tier.id, members.len());
        for program in members {
            let builds_on = if program.builds_on.is_empty() {
                String::new()
            } else {
                format!(
                    "  [builds on {}]",
                    program.builds_on.iter().map(|link| link.program.as_ref()).collect::<Vec<_>>().join(", ")
                )
            };
            let _ = writeln!(out, "  {:<30} {}{builds_on}", program.id, program.name);
        }
    }
    for (label, ids) in [
        ("Roles", catalog.roles().iter().map(|d| (&d.id, &d.name)).collect::<Vec<_>>()),
        ("Contribution areas", catalog.areas().iter().map(|d| (&d.id, &d.name)).collect()),
        ("Processes", catalog.processes().iter().map(|g| (&g.id, &g.name)).collect()),
        ("Outreach tools", catalog.outreach().iter().map(|g| (&g.id, &g.name)).collect()),
        ("Example libraries", catalog.examples().iter().map(|l| (&l.id, &l.name)).collect()),
    ] {
        if ids.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n{label}:");
        for (id, name) in ids {
            let _ = writeln!(out, "  {:<30} {name}", id.as_ref());
        }
    }
    out
}
