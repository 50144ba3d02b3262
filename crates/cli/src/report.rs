//! The board report of `assess`: one document a library board can read, as markdown or as a
//! self-contained printable HTML page (inline styles, no external request, a print
//! stylesheet and a tier chart). Both are laid out from one outline, so they say the same.
//!
//! Every sentence comes from the core's view: facts it computed, readings it labels, the
//! toolbox's guidance with its source, reasons in words. Points appear only with `--scores`.

use std::fmt::Write;

use smartlib::view::{AdviceView, AssessmentView, RecommendationView, TierStatusView};

/// The toolbox this report applies, credited on every report.
const TOOLBOX_URL: &str = "https://www.smartcommunitytoolbox.ctg.albany.edu/";

/// What the report shows besides the advice.
pub(crate) struct Options {
    /// The date printed under the title ("29 November 2026").
    pub(crate) date: String,
    /// Show each reason's points and each recommendation's score.
    pub(crate) scores: bool,
}

/// The level in plain words, after the core's headline. With unknown programs widening the
/// range, it says what the programs known to be offered establish, and no next tier to build:
/// the first advice asks which programs to confirm.
fn level_words(a: &AssessmentView) -> String {
    let tiers = a.tiers.len();
    let unsettled = a.level_max > a.level_min;
    let mut words = match (a.level, a.reached_name.as_deref()) {
        (0, _) if unsettled => "No tier is established by the programs you are known to offer.".to_owned(),
        // The headline says it.
        (0, _) => String::new(),
        (level, _) if level == tiers => format!("All {tiers} tiers of the toolbox are established."),
        (1, Some(reached)) if unsettled => {
            format!(
                "The programs you are known to offer establish the first of the toolbox's {tiers} tiers, {reached}."
            )
        }
        (1, Some(reached)) => format!("The first of the toolbox's {tiers} tiers, {reached}, is established."),
        (level, Some(reached)) if unsettled => format!(
            "The programs you are known to offer establish the first {level} of the toolbox's {tiers} tiers, up to {reached}."
        ),
        (level, Some(reached)) => {
            format!("The first {level} of the toolbox's {tiers} tiers are established, up to {reached}.")
        }
        (level, None) => format!("{level} of the toolbox's {tiers} tiers are established."),
    };
    let mut add = |sentence: &str| {
        if !words.is_empty() {
            words.push(' ');
        }
        words.push_str(sentence);
    };
    if let Some(note) = &a.level_note {
        add(note);
    }
    if let Some(next) = a.tiers.get(a.level).filter(|_| !unsettled) {
        add(&format!("The next to build is {}.", next.name));
    }
    words
}

/// A tier's status in the tier table. A tier that its unknown programs could establish is not
/// called missing: the one holding the level is to confirm first, the others are "not for
/// certain".
pub(crate) fn tier_status(a: &AssessmentView, position: usize) -> String {
    let tier = &a.tiers[position];
    let could = tier.offered + tier.unknown >= tier.needed;
    let mut status = if tier.established {
        "established".to_owned()
    } else if position == a.level && could {
        "confirm first".to_owned()
    } else if position == a.level {
        "build this next".to_owned()
    } else if could {
        "not for certain".to_owned()
    } else {
        "not yet".to_owned()
    };
    for (count, word) in [(tier.piloting, "piloting"), (tier.planned, "planned"), (tier.unknown, "unknown")] {
        if count > 0 {
            let _ = write!(status, ", {count} {word}");
        }
    }
    status
}

/// One section of advice: its heading, each item with the number of the source it cites, and
/// those sources in order.
pub(crate) struct Section {
    pub(crate) heading: String,
    pub(crate) lines: Vec<(String, Option<usize>)>,
    pub(crate) sources: Vec<String>,
}

/// The advice, by what it rests on: facts, the toolbox's guidance, readings; then the advice
/// the core marks provisional (the stage's advice at the lower end of a level range), under
/// headings that say it depends on the answers the first advice asks for.
pub(crate) fn advice_sections(a: &AssessmentView) -> Vec<Section> {
    let provisional = format!("at level {} (depends on your answers above)", a.level);
    [
        ("fact", false, "Where the library stands".to_owned()),
        ("toolbox", false, "What the toolbox advises".to_owned()),
        ("reading", false, "smartlib's reading (not the toolbox's words)".to_owned()),
        ("toolbox", true, format!("What the toolbox advises {provisional}")),
        ("reading", true, format!("smartlib's reading {provisional}")),
    ]
    .into_iter()
    .filter_map(|(kind, held, heading)| {
        let items: Vec<&AdviceView> = a.advice.iter().filter(|a| a.kind == kind && a.provisional == held).collect();
        if items.is_empty() {
            return None;
        }
        let mut sources: Vec<String> = Vec::new();
        for source in items.iter().filter_map(|a| a.source.clone()) {
            if !sources.contains(&source) {
                sources.push(source);
            }
        }
        let lines = items
            .iter()
            .map(|a| (a.text.clone(), a.source.as_ref().and_then(|s| sources.iter().position(|x| x == s))))
            .collect();
        Some(Section { heading, lines, sources })
    })
    .collect()
}

fn why(recommendation: &RecommendationView, scores: bool) -> Vec<String> {
    recommendation
        .reasons
        .iter()
        .map(|reason| {
            if scores {
                let sign = if reason.points >= 0.0 { "+" } else { "" };
                format!("{} ({sign}{})", capitalise(&reason.text), reason.points)
            } else {
                capitalise(&reason.text)
            }
        })
        .collect()
}

/// What to do with a recommended program in the core's words ("verify first: status
/// unknown"), for every action but `start`, which a recommendation means anyway.
pub(crate) fn action_label(recommendation: &RecommendationView) -> Option<&'static str> {
    smartlib::Action::from_name(&recommendation.action)
        .filter(|&action| action != smartlib::Action::Start)
        .map(smartlib::Action::label)
}

fn credit() -> String {
    format!(
        "The Public Libraries in Smart Cities and Communities Toolbox is by the Center for Technology in Government, University at Albany, SUNY, with the American Library Association's Center for the Future of Libraries, funded by the Institute of Museum and Library Services: {TOOLBOX_URL}. smartlib applies it as software; it is an independent project, not endorsed by them."
    )
}

/// The board report as markdown.
pub(crate) fn markdown(a: &AssessmentView, options: &Options) -> String {
    let mut out = String::new();
    let title = a.profile.as_deref().unwrap_or("Your library");
    let _ = writeln!(out, "# {title}: smart community assessment\n");
    let _ = writeln!(out, "_{}_\n", options.date);
    let words = level_words(a);
    let _ = writeln!(out, "**{}.**{}{words}\n", a.headline, if words.is_empty() { "" } else { " " });
    out.push_str("| Tier | Offered | Needed | Status |\n|---|---|---|---|\n");
    for (position, tier) in a.tiers.iter().enumerate() {
        let _ = writeln!(
            out,
            "| {} | {} of {} | {} | {} |",
            tier.name,
            tier.offered,
            tier.total,
            tier.needed,
            tier_status(a, position)
        );
    }
    out.push('\n');
    for Section { heading, lines, sources } in advice_sections(a) {
        let _ = writeln!(out, "## {heading}\n");
        for (text, source) in lines {
            let note = match source {
                Some(number) if sources.len() > 1 => format!(" [{}]", number + 1),
                _ => String::new(),
            };
            let _ = writeln!(out, "- {text}{note}");
        }
        match sources.as_slice() {
            [] => {}
            [source] => {
                let _ = writeln!(out, "\nSource: <{source}>");
            }
            many => {
                out.push('\n');
                for (number, source) in many.iter().enumerate() {
                    let _ = writeln!(out, "[{}] <{source}>  ", number + 1);
                }
            }
        }
        out.push('\n');
    }
    if let Some(next) = a.tiers.get(a.level) {
        // With unknowns deciding the level, the first advice already names the way up.
        if !a.to_next_level_steps.is_empty() && a.to_confirm.is_empty() {
            let _ = writeln!(out, "## The way to level {} ({})\n", a.level + 1, next.name);
            for step in &a.to_next_level_steps {
                let _ = writeln!(out, "- {}", capitalise(step));
            }
            out.push('\n');
        }
    }
    if !a.recommendations.is_empty() {
        out.push_str("## Recommended next steps\n\n");
    }
    for (rank, r) in a.recommendations.iter().enumerate() {
        let score = if options.scores { format!(", score {}", r.score) } else { String::new() };
        let _ = writeln!(out, "### {}. {} ({}{score})\n", rank + 1, r.name, r.tier_name);
        if let Some(label) = action_label(r) {
            let _ = writeln!(out, "**{}.**\n", capitalise(label));
        }
        if !r.summary.is_empty() {
            let _ = writeln!(out, "{}\n", r.summary);
        }
        out.push_str("**Why:**\n\n");
        for line in why(r, options.scores) {
            let _ = writeln!(out, "- {line}");
        }
        out.push('\n');
        if !r.process_names.is_empty() || !r.outreach_names.is_empty() {
            out.push_str("**Read next in the toolbox:**\n\n");
            for name in &r.process_names {
                let _ = writeln!(out, "- {name} (organizational process)");
            }
            for name in &r.outreach_names {
                let _ = writeln!(out, "- {name} (marketing and outreach tool)");
            }
            out.push('\n');
        }
        if !r.example_names.is_empty() {
            let _ = writeln!(out, "**See how others do it:** {}\n", r.example_names.join("; "));
        }
    }
    let _ = writeln!(out, "---\n\n_{} Content: {} {}._", credit(), a.content_name, a.content_version);
    out
}

/// HTML text, escaped.
fn esc(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

const STYLE: &str = r#"
:root { --ink: #1d2433; --muted: #5b6578; --line: #d7dce5; --offered: #1f6f5c; --pilot: #7fb8a9; --plan: #c9e3dc; --unknown: #eef0f4; }
* { box-sizing: border-box; }
body { font: 16px/1.5 Georgia, "Times New Roman", serif; color: var(--ink); max-width: 46rem; margin: 2rem auto; padding: 0 1.25rem; }
h1 { font-size: 1.7rem; line-height: 1.2; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; margin: 1.8rem 0 .6rem; border-bottom: 1px solid var(--line); padding-bottom: .2rem; }
h3 { font-size: 1.05rem; margin: 1.4rem 0 .3rem; }
.date, .note, footer { color: var(--muted); }
.level { font-size: 1.1rem; }
table { border-collapse: collapse; width: 100%; margin: .8rem 0; font-size: .95rem; }
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid var(--line); vertical-align: middle; }
td.num { text-align: right; white-space: nowrap; }
.bar { position: relative; height: .9rem; min-width: 9rem; background: var(--unknown); border-radius: 2px; display: flex; overflow: hidden; }
.bar span { display: block; height: 100%; }
.bar .offered { background: var(--offered); }
.bar .piloting { background: var(--pilot); }
.bar .planned { background: var(--plan); }
.bar .unknown, .legend .unknown { background: repeating-linear-gradient(135deg, var(--muted) 0 1.5px, transparent 1.5px 5px); }
.bar i { position: absolute; top: -2px; bottom: -2px; width: 2px; background: var(--ink); }
.legend span { display: inline-block; width: .8rem; height: .8rem; margin: 0 .25rem 0 .9rem; vertical-align: -1px; }
ol.sources { font-size: .85rem; color: var(--muted); padding-left: 1.4rem; }
.recommendation { break-inside: avoid; page-break-inside: avoid; }
.action { display: inline-block; margin: 0 0 .2rem; padding: .1rem .55rem; border: 1px solid var(--offered); border-radius: 3px; color: var(--offered); font-size: .9rem; font-weight: bold; }
ul { padding-left: 1.3rem; }
footer { border-top: 1px solid var(--line); margin-top: 2rem; padding-top: .6rem; font-size: .85rem; }
a { color: inherit; }
@media print {
  @page { size: A4; margin: 18mm 16mm; }
  body { margin: 0; max-width: none; font-size: 11pt; }
  h2 { break-after: avoid; page-break-after: avoid; }
  a { text-decoration: none; }
  .bar, .legend span { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
"#;

/// One tier's chart bar: offered, piloting, planned and unknown programs as shares of the tier
/// (unknown ones hatched, so they never look like programs the library lacks), and a mark
/// where the tier becomes established.
fn bar(tier: &TierStatusView) -> String {
    let TierStatusView { offered, piloting, planned, unknown, needed, total, .. } = *tier;
    let percent = |n: usize| if total == 0 { 0.0 } else { 100.0 * n as f64 / total as f64 };
    let unknown_label = if unknown > 0 { format!(", {unknown} unknown") } else { String::new() };
    format!(
        "<div class=\"bar\" role=\"img\" aria-label=\"{offered} offered, {piloting} piloting, {planned} planned{unknown_label} of {total}; {needed} needed\"><span class=\"offered\" style=\"width:{:.1}%\"></span><span class=\"piloting\" style=\"width:{:.1}%\"></span><span class=\"planned\" style=\"width:{:.1}%\"></span>{}<i style=\"left:{:.1}%\"></i></div>",
        percent(offered),
        percent(piloting),
        percent(planned),
        if unknown > 0 {
            format!("<span class=\"unknown\" style=\"width:{:.1}%\"></span>", percent(unknown))
        } else {
            String::new()
        },
        percent(needed)
    )
}

/// The board report as one self-contained HTML page.
pub(crate) fn html(a: &AssessmentView, options: &Options) -> String {
    let mut out = String::new();
    let title = a.profile.as_deref().unwrap_or("Your library");
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{} — smart community assessment</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n",
        esc(title)
    );
    let _ = writeln!(out, "<h1>{}: smart community assessment</h1>", esc(title));
    let _ = writeln!(out, "<p class=\"date\">{}</p>", esc(&options.date));
    let words = level_words(a);
    let _ = writeln!(
        out,
        "<p class=\"level\"><strong>{}.</strong>{}{}</p>",
        esc(&a.headline),
        if words.is_empty() { "" } else { " " },
        esc(&words)
    );
    out.push_str("<table>\n<thead><tr><th>Tier</th><th>Programs</th><th class=\"num\">Offered</th><th class=\"num\">Needed</th><th>Status</th></tr></thead>\n<tbody>\n");
    for (position, tier) in a.tiers.iter().enumerate() {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td class=\"num\">{} of {}</td><td class=\"num\">{}</td><td>{}</td></tr>",
            esc(&tier.name),
            bar(tier),
            tier.offered,
            tier.total,
            tier.needed,
            esc(&tier_status(a, position))
        );
    }
    out.push_str("</tbody>\n</table>\n<p class=\"note legend\">Bars:<span style=\"background:var(--offered)\"></span>offered<span style=\"background:var(--pilot)\"></span>piloting<span style=\"background:var(--plan)\"></span>planned");
    if a.tiers.iter().any(|tier| tier.unknown > 0) {
        out.push_str("<span class=\"unknown\"></span>unknown");
    }
    out.push_str("; the mark shows how many establish the tier.</p>\n");
    for Section { heading, lines, sources } in advice_sections(a) {
        let _ = writeln!(out, "<h2>{}</h2>\n<ul>", esc(&heading));
        for (text, source) in lines {
            let note = match source {
                Some(number) if sources.len() > 1 => format!(" <sup>[{}]</sup>", number + 1),
                _ => String::new(),
            };
            let _ = writeln!(out, "<li>{}{note}</li>", esc(&text));
        }
        out.push_str("</ul>\n");
        if !sources.is_empty() {
            let label = if sources.len() == 1 { "Source" } else { "Sources" };
            let _ = writeln!(out, "<p class=\"note\">{label}:</p>\n<ol class=\"sources\">");
            for source in &sources {
                let _ = writeln!(out, "<li><a href=\"{0}\">{0}</a></li>", esc(source));
            }
            out.push_str("</ol>\n");
        }
    }
    if let Some(next) = a.tiers.get(a.level) {
        // With unknowns deciding the level, the first advice already names the way up.
        if !a.to_next_level_steps.is_empty() && a.to_confirm.is_empty() {
            let _ = writeln!(out, "<h2>The way to level {} ({})</h2>\n<ul>", a.level + 1, esc(&next.name));
            for step in &a.to_next_level_steps {
                let _ = writeln!(out, "<li>{}</li>", esc(&capitalise(step)));
            }
            out.push_str("</ul>\n");
        }
    }
    if !a.recommendations.is_empty() {
        out.push_str("<h2>Recommended next steps</h2>\n");
    }
    for (rank, r) in a.recommendations.iter().enumerate() {
        let score = if options.scores { format!(", score {}", r.score) } else { String::new() };
        let _ = writeln!(
            out,
            "<section class=\"recommendation\">\n<h3>{}. {} <span class=\"note\">({}{score})</span></h3>",
            rank + 1,
            esc(&r.name),
            esc(&r.tier_name)
        );
        if let Some(label) = action_label(r) {
            let _ = writeln!(out, "<p class=\"action\">{}</p>", esc(&capitalise(label)));
        }
        if !r.summary.is_empty() {
            let _ = writeln!(out, "<p>{}</p>", esc(&r.summary));
        }
        out.push_str("<p><strong>Why</strong></p>\n<ul>\n");
        for line in why(r, options.scores) {
            let _ = writeln!(out, "<li>{}</li>", esc(&line));
        }
        out.push_str("</ul>\n");
        if !r.process_names.is_empty() || !r.outreach_names.is_empty() {
            out.push_str("<p><strong>Read next in the toolbox</strong></p>\n<ul>\n");
            for name in &r.process_names {
                let _ = writeln!(out, "<li>{} <span class=\"note\">(organizational process)</span></li>", esc(name));
            }
            for name in &r.outreach_names {
                let _ =
                    writeln!(out, "<li>{} <span class=\"note\">(marketing and outreach tool)</span></li>", esc(name));
            }
            out.push_str("</ul>\n");
        }
        if !r.example_names.is_empty() {
            let _ = writeln!(out, "<p><strong>See how others do it:</strong> {}</p>", esc(&r.example_names.join("; ")));
        }
        out.push_str("</section>\n");
    }
    let _ = writeln!(
        out,
        "</main>\n<footer>\n<p>{}</p>\n<p>Content: {} {}.</p>\n</footer>\n</body>\n</html>",
        esc(&credit()).replace(TOOLBOX_URL, &format!("<a href=\"{TOOLBOX_URL}\">{TOOLBOX_URL}</a>")),
        esc(&a.content_name),
        esc(&a.content_version)
    );
    out
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
}

/// A date as reports print it: "29 November 2026", from `YYYY-MM-DD`, or today's (UTC).
pub(crate) fn date(given: Option<&str>) -> Result<String, String> {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let (year, month, day) = match given {
        Some(text) => {
            let parts: Vec<&str> = text.split('-').collect();
            let number = |i: usize| parts.get(i).and_then(|p| p.parse::<u32>().ok());
            match (parts.len(), number(0), number(1), number(2)) {
                (3, Some(y), Some(m @ 1..=12), Some(d @ 1..=31)) => (y, m, d),
                _ => return Err(format!("--date: \"{}\" is not a date like 2026-11-29", smartlib::Echo(text))),
            }
        }
        None => {
            let seconds = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |elapsed| elapsed.as_secs());
            civil(seconds / 86_400)
        }
    };
    Ok(format!("{day} {} {year}", MONTHS[(month - 1) as usize]))
}

/// Days since 1970-01-01 to (year, month, day), after Howard Hinnant's `civil_from_days`.
#[allow(clippy::cast_possible_truncation, clippy::cast_possible_wrap, clippy::cast_sign_loss)]
fn civil(days: u64) -> (u32, u32, u32) {
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as u32;
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(civil(0), (1970, 1, 1));
        assert_eq!(civil(20_786), (2026, 11, 29));
        assert_eq!(civil(11_016), (2000, 2, 29));
        assert_eq!(date(Some("2026-11-29")).as_deref(), Ok("29 November 2026"));
        assert!(date(Some("29/11/2026")).is_err());
        assert!(date(None).is_ok());
    }
}
