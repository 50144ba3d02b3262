//! What an assessment says in words, and on what it rests: facts worked out from the profile,
//! smartlib's reading of the toolbox's rule, and the catalog's advice for the stage reached
//! (the toolbox's guidance in the catalog's words with its source, or the catalog's reading).
//!
//! Every sentence here is either computed from the profile (so it is true by construction),
//! labelled as a reading, or carries the URL it paraphrases.

use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::assess::TierStatus;
use crate::bits;
use crate::catalog::Catalog;
use crate::engine::Situation;
use crate::model::AdviceItem;
use crate::model::CatalogData;
use crate::policy::{Policy, Rule};
use crate::view::and_list;

/// One piece of advice in an assessment, and what it rests on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Advice {
    /// What it rests on.
    pub kind: AdviceKind,
    /// The advice in words.
    pub text: Arc<str>,
    /// The page it paraphrases (`toolbox` advice); `null` otherwise.
    pub source: Option<Arc<str>>,
    /// True for the advice of the stage the level reaches when programs of unknown status may
    /// change the level: it holds at the lower end of the range, and depends on the answers
    /// the first piece of advice asks for.
    #[serde(default)]
    pub provisional: bool,
}

/// What a piece of advice rests on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum AdviceKind {
    /// Worked out from the profile: "5 of the 6 programs you offer are in Getting started".
    Fact,
    /// smartlib's (or the catalog's) own reading, where the toolbox says nothing precise.
    Reading,
    /// The toolbox's guidance, in the catalog's words, with its source.
    Toolbox,
}

impl AdviceKind {
    /// The name used in JSON (`fact`, `reading`, `toolbox`).
    pub fn as_str(self) -> &'static str {
        match self {
            AdviceKind::Fact => "fact",
            AdviceKind::Reading => "reading",
            AdviceKind::Toolbox => "toolbox",
        }
    }
}

impl From<&AdviceItem> for Advice {
    fn from(item: &AdviceItem) -> Advice {
        let kind = if item.source.is_some() { AdviceKind::Toolbox } else { AdviceKind::Reading };
        Advice {
            kind,
            text: item.text.as_str().into(),
            source: item.source.as_deref().map(Arc::from),
            provisional: false,
        }
    }
}

fn fact(text: String) -> Advice {
    Advice::fact(text)
}

impl Advice {
    /// A fact worked out from the profile.
    pub(crate) fn fact(text: String) -> Advice {
        Advice { kind: AdviceKind::Fact, text: text.into(), source: None, provisional: false }
    }
}

/// The advice that depends only on the level, built once with the catalog: index k holds
/// smartlib's reading of the rule, then the stage's advice for level k.
pub(crate) fn level_advice(data: &CatalogData) -> Vec<Vec<Advice>> {
    let reading =
        Advice { kind: AdviceKind::Reading, text: rule_reading(&data.policy).into(), source: None, provisional: false };
    let stages = std::iter::once(&data.start_advice).chain(data.tiers.iter().map(|tier| &tier.advice));
    stages.map(|stage| std::iter::once(reading.clone()).chain(stage.iter().map(Advice::from)).collect()).collect()
}

/// How the level is counted, said as smartlib's reading of the toolbox's "most" and "many".
fn rule_reading(policy: &Policy) -> String {
    #[allow(clippy::cast_possible_truncation)]
    let percent = (policy.established_share * 100.0).round() as u32;
    let counted = if policy.count_piloting { "offer or pilot" } else { "offer" };
    match policy.rule {
        Rule::PerTier => format!(
            "How the level is counted is smartlib's reading of the toolbox's \"most\" and \"many\": a tier is established when you {counted} at least {percent}% of its programs, and your level is the number of established tiers in a row, from the first."
        ),
        Rule::Cumulative => format!(
            "How the level is counted is smartlib's reading of the toolbox's \"most\" and \"many\", taken literally: your level is the largest number of first tiers that, taken together and at every step before, have at least {percent}% of their programs on offer (those you {counted})."
        ),
    }
}

impl Catalog {
    /// The advice of an assessment: facts, the rule's reading, the stage's advice.
    ///
    /// When programs of unknown status widen the level range, the first piece asks to confirm
    /// the programs that decide the level ([`Catalog::confirm_advice`]), and the stage's
    /// advice is marked provisional: it is the advice for the lower end of the range. Before
    /// the first tier it is left out: it tells the library to build the first tier, which the
    /// answers may show it has.
    /// `confirm` is [`Situation::to_confirm`].
    pub(crate) fn advice(&self, situation: &Situation<'_>, tiers: &[TierStatus], confirm: &[usize]) -> Vec<Advice> {
        let data = &self.0.data;
        let mut advice = Vec::with_capacity(3 + self.0.level_advice[situation.level].len());
        let unsettled = situation.level_max > situation.level;
        if unsettled {
            advice.extend(self.confirm_advice(situation, confirm));
        }
        let offered: usize = tiers.iter().map(|tier| tier.offered).sum();
        let most = tiers.iter().map(|tier| tier.offered).max().unwrap_or(0);
        // The tiers holding the most: one tier is where the offer lies; several equal ones
        // are said as such, never as one of them. Names are copied into a list only when
        // several tiers hold the most.
        let mut holding = tiers.iter().zip(&data.tiers).filter(|(t, _)| t.offered == most).map(|(_, t)| &t.name);
        if let (true, Some(first)) = (most > 0, holding.next()) {
            let several = || std::iter::once(first).chain(holding).cloned().collect::<Vec<String>>();
            advice.push(fact(match (tiers.iter().filter(|t| t.offered == most).count(), most, offered) {
                (1, 1, 1) => format!("The one program you offer is in {first}."),
                (1, 2, 2) => format!("Both programs you offer are in {first}."),
                (1, _, _) if most == offered => format!("All {offered} programs you offer are in {first}."),
                (1, _, _) => format!("{most} of the {offered} programs you offer are in {first}."),
                (_, 1, _) => format!("Of the {offered} programs you offer, one is in each of {}.", and_list(several())),
                (_, _, _) => {
                    format!("Of the {offered} programs you offer, {most} are in each of {}.", and_list(several()))
                }
            }));
        }
        // The rule's reading, then the stage's advice.
        let (reading, stage) = self.0.level_advice[situation.level].split_at(1);
        advice.extend(reading.iter().cloned());
        match (unsettled, situation.level) {
            (false, _) => advice.extend(stage.iter().cloned()),
            (true, 0) => {}
            (true, _) => advice.extend(stage.iter().map(|item| Advice { provisional: true, ..item.clone() })),
        }
        advice
    }

    /// The first advice when unknown programs widen the level range: which programs to
    /// confirm first ([`Situation::to_confirm`]) and the level they would give; then why, as a
    /// second fact: the range, what the step that holds the level needs, and which other
    /// unknown programs of it would do as well. Worked out from the profile, so facts.
    fn confirm_advice(&self, situation: &Situation<'_>, confirm: &[usize]) -> [Advice; 2] {
        let data = &self.0.data;
        let (level, names) = (situation.level, |ids: &[usize]| -> Vec<String> {
            ids.iter().map(|&p| data.programs[p].name.clone()).collect()
        });
        let deciding: Vec<usize> = situation.deciding().collect();
        let others: Vec<usize> = deciding.iter().copied().filter(|p| !confirm.contains(p)).collect();
        let unknown = bits::count(situation.profile.set(crate::model::Status::Unknown));
        let step = &self.0.level_sets[level];
        let (have, total, needed) =
            (bits::intersection_count(&situation.counted, step), bits::count(step), self.0.level_needed[level]);
        let verb = if data.policy.count_piloting { "offer or pilot" } else { "offer" };
        let all = match confirm.len() {
            1 => "do".to_owned(),
            2 => format!("{verb} both"),
            n => format!("{verb} all {n}"),
        };
        let ask = format!(
            "Confirm first whether you {verb} {}: if you {all}, your level is at least {}.",
            and_list(names(confirm)),
            situation.level_with(confirm),
        );
        let (step_needs, its) = match data.policy.rule {
            Rule::Cumulative if level > 0 => (format!("the first {} tiers together need", level + 1), "their"),
            _ => (format!("{} needs", data.tiers[level].name), "its"),
        };
        let have = if have == 0 { "none".to_owned() } else { have.to_string() };
        let mut why = format!(
            "With {unknown} program{} of unknown status, your level is anywhere from {level} to {}: {step_needs} {needed} of {its} {total} programs and you {verb} {have} of them for certain",
            if unknown == 1 { "" } else { "s" },
            situation.level_max
        );
        if others.is_empty() {
            why.push('.');
        } else {
            let any = if confirm.len() == 1 { "one".to_owned() } else { confirm.len().to_string() };
            why.push_str(&format!(
                ". Any {any} of {its} {} programs of unknown status would do as well (the other{}: {}).",
                deciding.len(),
                if others.len() == 1 { "" } else { "s" },
                and_list(names(&others))
            ));
        }
        [fact(ask), fact(why)]
    }

    /// Why a tier above the level, established by itself, does not raise it: the note that
    /// belongs beside the level wherever it is shown.
    pub(crate) fn level_note(&self, situation: &Situation<'_>, tiers: &[TierStatus]) -> Option<String> {
        let data = &self.0.data;
        let level = situation.level;
        let (above, _) = tiers.iter().zip(&data.tiers).enumerate().skip(level + 1).find(|(_, (t, _))| t.established)?;
        let higher = &data.tiers[above].name;
        let blocking = tiers.get(level)?;
        Some(match self.0.data.policy.rule {
            Rule::PerTier => format!(
                "{higher} is established, but {} ({} of {}, {} needed) holds your level at {level}.",
                data.tiers[level].name, blocking.offered, blocking.total, blocking.needed
            ),
            Rule::Cumulative => {
                let set = &self.0.level_sets[level];
                let (have, total, needed) =
                    (bits::intersection_count(&situation.counted, set), bits::count(set), self.0.level_needed[level]);
                format!(
                    "{higher} is established, but the first {} tiers together have {have} of {total} programs ({needed} needed), which holds your level at {level}.",
                    level + 1
                )
            }
        })
    }
}
