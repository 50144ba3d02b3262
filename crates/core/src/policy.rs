//! The assessment threshold and the recommendation weights, with their documented defaults.
//!
//! The policy is part of the catalog data, so a content file can change it without code.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// How established tiers add up to a level. The toolbox's Getting Started page places a
/// library by where "most" or "many" of its programs fall; both readings below are smartlib's.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    /// The default: the level is the number of tiers in a row, from the first, that each have
    /// at least the share of their own programs offered.
    #[default]
    PerTier,
    /// The page's words read literally ("many of the programs … within the first two
    /// categories"): the level is the largest k such that, for every j up to k, tiers 1 to j
    /// taken together have at least the share of their programs offered.
    Cumulative,
}

impl Rule {
    /// The name used in files (`per-tier`, `cumulative`).
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::PerTier => "per-tier",
            Rule::Cumulative => "cumulative",
        }
    }
}

/// How a catalog places libraries and ranks what they could do next.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Policy {
    /// How established tiers add up to a level (default `per-tier`).
    pub rule: Rule,
    /// Share of a tier's programs a library must offer for the tier to count as established
    /// (default 0.6: 3 of 5). Between 0 (exclusive) and 1 (inclusive). With the `cumulative`
    /// rule, the share of the programs of the first tiers taken together.
    pub established_share: f64,
    /// Whether programs being piloted count as offered for the level and for leverage
    /// (default `false`: only `offered` counts).
    pub count_piloting: bool,
    /// How many recommendations an assessment lists (default 5).
    pub recommendations: usize,
    /// Points of the recommendation score.
    pub weights: Weights,
}

impl Policy {
    /// This policy with some fields changed, given as JSON such as
    /// `{"established_share": 0.8, "weights": {"goal": 30}}`: fields are replaced, and `weights`
    /// are changed one by one, so the others keep their values.
    ///
    /// ```
    /// use smartlib_core::Policy;
    /// let changed = Policy::default().with_changes(&serde_json::json!({"weights": {"goal": 30}}))?;
    /// assert_eq!((changed.weights.goal, changed.weights.next_tier), (30.0, 100.0));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    ///
    /// # Errors
    /// When `changes` is not an object, names an unknown field, or gives a value of the wrong type.
    pub fn with_changes(&self, changes: &serde_json::Value) -> Result<Policy, serde_json::Error> {
        use serde::de::Error as _;
        let serde_json::Value::Object(changes) = changes else {
            return Err(serde_json::Error::custom("expected an object of policy fields"));
        };
        let mut merged = serde_json::to_value(self)?;
        if let Some(fields) = merged.as_object_mut() {
            for (key, value) in changes {
                match (fields.get_mut(key), value) {
                    (Some(serde_json::Value::Object(weights)), serde_json::Value::Object(new)) if key == "weights" => {
                        weights.extend(new.iter().map(|(k, v)| (k.clone(), v.clone())));
                    }
                    _ => {
                        fields.insert(key.clone(), value.clone());
                    }
                }
            }
        }
        serde_json::from_value(merged)
    }
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            rule: Rule::PerTier,
            established_share: 0.6,
            count_piloting: false,
            recommendations: 5,
            weights: Weights::default(),
        }
    }
}

/// Points each ranking principle adds to (or takes from) a recommendation's score.
///
/// The defaults keep the toolbox's order of importance: the tier to work on first outweighs
/// leverage, which outweighs goals and role gaps, which outweigh constraints.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Weights {
    /// A program in the first tier not yet established (default 100).
    pub next_tier: f64,
    /// A program left out of a tier that is already established (default 60).
    pub lower_tier_gap: f64,
    /// A program in the tier after the next one (default 30).
    pub higher_tier: f64,
    /// Taken off `higher_tier` for each further tier beyond that (default 10; never below 0).
    pub higher_tier_step: f64,
    /// For each program it builds on that the library already offers (default 12).
    pub builds_on: f64,
    /// Taken off for each program it builds on that the library does not offer (default 8).
    pub missing_prerequisite: f64,
    /// For each of the library's goals (roles or areas) it serves (default 15).
    pub goal: f64,
    /// For each smart-citizen role it serves that no offered program serves yet (default 6).
    pub role_gap: f64,
    /// When the library is already piloting it (default 10).
    pub piloting: f64,
    /// When the library already plans it (default 5).
    pub planned: f64,
    /// When the library does not know whether it offers it (default 0).
    pub unknown: f64,
    /// Taken off for each step a need exceeds the library's budget, staff or space (default 10).
    pub constraint: f64,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            next_tier: 100.0,
            lower_tier_gap: 60.0,
            higher_tier: 30.0,
            higher_tier_step: 10.0,
            builds_on: 12.0,
            missing_prerequisite: 8.0,
            goal: 15.0,
            role_gap: 6.0,
            piloting: 10.0,
            planned: 5.0,
            unknown: 0.0,
            constraint: 10.0,
        }
    }
}

impl Weights {
    /// Every weight with its field name, for validation and display.
    pub fn named(&self) -> [(&'static str, f64); 12] {
        [
            ("next_tier", self.next_tier),
            ("lower_tier_gap", self.lower_tier_gap),
            ("higher_tier", self.higher_tier),
            ("higher_tier_step", self.higher_tier_step),
            ("builds_on", self.builds_on),
            ("missing_prerequisite", self.missing_prerequisite),
            ("goal", self.goal),
            ("role_gap", self.role_gap),
            ("piloting", self.piloting),
            ("planned", self.planned),
            ("unknown", self.unknown),
            ("constraint", self.constraint),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn changes_replace_fields_and_merge_weights() {
        let changed = Policy::default()
            .with_changes(&json!({"established_share": 1.0, "count_piloting": true, "weights": {"goal": 200}}))
            .expect("valid changes");
        assert_eq!((changed.established_share, changed.count_piloting), (1.0, true));
        assert_eq!((changed.weights.goal, changed.weights.builds_on), (200.0, 12.0));
        assert_eq!(changed.recommendations, 5);
    }

    #[test]
    fn bad_changes_are_errors() {
        let policy = Policy::default();
        assert!(policy.with_changes(&json!({"established": 0.5})).is_err());
        assert!(policy.with_changes(&json!({"weights": {"goals": 1}})).is_err());
        assert!(policy.with_changes(&json!({"established_share": "most"})).is_err());
        assert!(policy.with_changes(&json!([1])).is_err());
    }
}
