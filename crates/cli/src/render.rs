//! Answers for people: plain text for the terminal, markdown for a report to a library board.
//! Every renderer builds the whole output first, so a failure never leaves half a report.

use std::fmt::Write;

use smartlib::{Assessment, Catalog, Id, Recommendation, Roadmap, WhatIf};

/// Text or markdown: the two human formats differ only in their markup.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Style {
    Text,
    Markdown,
}

const WIDTH: usize = 92;

struct Names<'a>(&'a Catalog);

impl Names<'_> {
    fn program(&self, id: &str) -> String {
        self.0.program(id).map_or_else(|| id.to_owned(), |p| p.name.clone())
    }

    fn tier(&self, id: &str) -> String {
        self.0.tier(id).map_or_else(|| id.to_owned(), |t| t.name.clone())
    }

    fn dimension(&self, id: &str) -> String {
        self.0.dimension(id).map_or_else(|| id.to_owned(), |d| d.name.clone())
    }

    fn guide(&self, id: &str) -> String {
        self.0.guide(id).map_or_else(|| id.to_owned(), |g| g.name.clone())
    }

    fn library(&self, id: &str) -> String {
        self.0.example_library(id).map_or_else(|| id.to_owned(), |l| format!("{} ({})", l.name, l.location))
    }

    fn programs(&self, ids: &[Id]) -> String {
        ids.iter().map(|id| self.program(id)).collect::<Vec<_>>().join(", ")
    }
}

fn level_line(assessment: &Assessment, names: &Names<'_>, tiers: usize) -> String {
    let reached = assessment.reached.as_deref().map_or_else(|| "no tier established yet".to_owned(), |t| names.tier(t));
    let mut line = format!("level {} of {tiers} ({reached})", assessment.level);
    let [low, high] = assessment.level_range;
    if low != high {
        let unknown: usize = assessment.tiers.iter().map(|t| t.unknown).sum();
        let _ = write!(line, " (up to level {high} depending on {unknown} programs of unknown status)");
    }
    line
}

fn wrap(text: &str, indent: &str) -> String {
    let options = textwrap::Options::new(WIDTH).initial_indent(indent).subsequent_indent(indent);
    textwrap::fill(text, options)
}

/// The assessment: level, tiers, roles, the advice, the shortest way up and the best next steps.
pub(crate) fn assessment(catalog: &Catalog, assessment: &Assessment, style: Style) -> String {
    let names = Names(catalog);
    let md = style == Style::Markdown;
    let mut out = String::new();
    let title = assessment.profile.clone().unwrap_or_else(|| "Your library".to_owned());
    let level = level_line(assessment, &names, catalog.tiers().len());
    if md {
        let _ = writeln!(out, "# {title}: smart community assessment\n\n**{}**\n", capitalise(&level));
    } else {
        let _ = writeln!(out, "{title}: {level}\n");
    }

    // Tiers.
    if md {
        out.push_str("| Tier | Offered | Needed | Status |\n|---|---|---|---|\n");
    } else {
        let _ = writeln!(out, "{:<28} {:>9} {:>7}  Status", "Tier", "Offered", "Needed");
    }
    for (position, tier) in assessment.tiers.iter().enumerate() {
        let status = if tier.established {
            "established".to_owned()
        } else if position == assessment.level {
            "build this next".to_owned()
        } else {
            "not yet".to_owned()
        };
        let unknown = if tier.unknown > 0 { format!(", {} unknown", tier.unknown) } else { String::new() };
        let offered = format!("{} of {}", tier.offered, tier.total);
        if md {
            let _ = writeln!(out, "| {} | {offered} | {} | {status}{unknown} |", names.tier(&tier.id), tier.needed);
        } else {
            let _ = writeln!(out, "{:<28} {offered:>9} {:>7}  {status}{unknown}", names.tier(&tier.id), tier.needed);
        }
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
                0 => format!("{} (none yet)", names.dimension(&c.id)),
                n => format!("{} ({n})", names.dimension(&c.id)),
            })
            .collect();
        if md {
            let _ = writeln!(out, "- **{heading}:** {}", parts.join("; "));
        } else {
            let _ = writeln!(out, "{}", wrap(&format!("{heading}: {}", parts.join("; ")), ""));
        }
    }

    // Advice.
    if md {
        let _ = writeln!(out, "\n## What the toolbox advises\n\n{}\n", assessment.message.text);
    } else {
        let _ = writeln!(out, "\nWhat the toolbox advises:\n{}\n", wrap(&assessment.message.text, "  "));
    }
    if let Some(next) = catalog.tiers().get(assessment.level) {
        if !assessment.to_next_level.is_empty() {
            let line = format!("To establish {}, start: {}.", next.name, names.programs(&assessment.to_next_level));
            let _ = writeln!(out, "{}\n", if md { line } else { wrap(&line, "") });
        }
    }

    // Recommendations.
    if assessment.recommendations.is_empty() {
        out.push_str("Every program in the catalog is offered: nothing left to recommend.\n");
    } else {
        let _ = writeln!(out, "{}", if md { "## Recommended next steps\n" } else { "Recommended next steps:" });
        for (rank, recommendation) in assessment.recommendations.iter().enumerate() {
            self::recommendation(&mut out, &names, rank + 1, recommendation, style);
        }
    }
    let content = catalog.content();
    let _ = write!(
        out,
        "\n{}Content: {} {} (fingerprint {}){}\n",
        if md { "_" } else { "" },
        content.name,
        content.version,
        content.fingerprint,
        if md { "_" } else { "" }
    );
    out
}

fn recommendation(out: &mut String, names: &Names<'_>, rank: usize, recommendation: &Recommendation, style: Style) {
    let md = style == Style::Markdown;
    let name = names.program(&recommendation.program);
    let tier = names.tier(&recommendation.tier);
    if md {
        let _ = writeln!(out, "{rank}. **{name}** ({tier}), score {}", recommendation.score);
    } else {
        let _ = writeln!(out, "{rank:>2}. {name} ({tier}), score {}", recommendation.score);
    }
    let mut lines: Vec<String> = recommendation
        .reasons
        .iter()
        .map(|reason| {
            let points = reason.points();
            let sign = if points >= 0.0 { "+" } else { "" };
            format!("{} ({sign}{points})", names.0.explain(reason))
        })
        .collect();
    let guides: Vec<String> =
        recommendation.processes.iter().chain(&recommendation.outreach).map(|id| names.guide(id)).collect();
    if !guides.is_empty() {
        lines.push(format!("read next: {}", guides.join("; ")));
    }
    if !recommendation.examples.is_empty() {
        let libraries: Vec<String> = recommendation.examples.iter().map(|id| names.library(id)).collect();
        lines.push(format!("see how others do it: {}", libraries.join("; ")));
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

/// The phased plan.
pub(crate) fn roadmap(catalog: &Catalog, roadmap: &Roadmap, style: Style) -> String {
    let names = Names(catalog);
    let md = style == Style::Markdown;
    let mut out = String::new();
    let tiers = catalog.tiers().len();
    let _ = writeln!(out, "{}Roadmap from level {} of {tiers}\n", if md { "# " } else { "" }, roadmap.level);
    if roadmap.phases.is_empty() {
        out.push_str("Every program in the catalog is offered: nothing left to plan.\n");
    }
    for phase in &roadmap.phases {
        let after = phase.reached_after.as_deref().map_or_else(|| "no tier yet".to_owned(), |t| names.tier(t));
        let heading = format!("Phase {}: then level {} of {tiers} ({after})", phase.number, phase.level_after);
        let _ = writeln!(out, "{}", if md { format!("## {heading}\n") } else { heading });
        for (rank, recommendation) in phase.programs.iter().enumerate() {
            self::recommendation(&mut out, &names, rank + 1, recommendation, style);
        }
        out.push('\n');
    }
    out
}

/// What offering or dropping programs would change.
pub(crate) fn what_if(catalog: &Catalog, change: &WhatIf, style: Style) -> String {
    let names = Names(catalog);
    let md = style == Style::Markdown;
    let bullet = if md { "- " } else { "  " };
    let mut out = String::new();
    let tiers = catalog.tiers().len();
    let _ = writeln!(out, "{}What if", if md { "# " } else { "" });
    if !change.added.is_empty() {
        let _ = writeln!(out, "{bullet}you offer {}", names.programs(&change.added));
    }
    if !change.removed.is_empty() {
        let _ = writeln!(out, "{bullet}you stop offering {}", names.programs(&change.removed));
    }
    if change.added.is_empty() && change.removed.is_empty() {
        let _ = writeln!(out, "{bullet}nothing changes: those programs already have that status");
    }
    let reached = |tier: &Option<Id>| tier.as_deref().map_or_else(|| "no tier yet".to_owned(), |t| names.tier(t));
    let _ = writeln!(
        out,
        "\nLevel: {} ({}) -> {} ({}) of {tiers}",
        change.level_before,
        reached(&change.reached_before),
        change.level_after,
        reached(&change.reached_after)
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
            names.tier(&tier.id),
            tier.offered_before,
            tier.offered_after
        );
    }
    for (label, ids) in [
        ("roles gained", &change.roles_gained),
        ("roles lost", &change.roles_lost),
        ("areas gained", &change.areas_gained),
        ("areas lost", &change.areas_lost),
    ] {
        if !ids.is_empty() {
            let list: Vec<String> = ids.iter().map(|id| names.dimension(id)).collect();
            let _ = writeln!(out, "{bullet}{label}: {}", list.join(", "));
        }
    }
    let next: Vec<Id> = change.after.recommendations.iter().map(|r| r.program.clone()).collect();
    if !next.is_empty() {
        let _ = writeln!(out, "\nThen the best next steps: {}", names.programs(&next));
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
                    program.builds_on.iter().map(|id| id.as_ref()).collect::<Vec<_>>().join(", ")
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

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
}
