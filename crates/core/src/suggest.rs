//! The nearest valid id or name for a misspelt one, for "did you mean" hints.

use crate::model::Id;

/// Inputs longer than this many characters get no suggestion: no id or field is that long, and
/// the edit distance takes time and memory in proportion to the input's length.
pub const MAX_SUGGESTED_INPUT: usize = 64;

/// The candidate closest to `input` by edit distance; ties go to the earliest candidate.
///
/// Returns `None` when there are no candidates or when `input` is longer than
/// [`MAX_SUGGESTED_INPUT`] characters; otherwise error messages always name the nearest valid
/// id or field, as the CLI contract promises.
///
/// ```
/// use smartlib_core::suggest::nearest_str;
/// assert_eq!(nearest_str("buils_on", ["builds_on", "roles"]), Some("builds_on"));
/// assert_eq!(nearest_str(&"b".repeat(65), ["builds_on"]), None);
/// ```
pub fn nearest_str<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    if input.chars().nth(MAX_SUGGESTED_INPUT).is_some() {
        return None;
    }
    candidates
        .into_iter()
        .map(|candidate| (strsim::damerau_levenshtein(input, candidate), candidate))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

/// [`nearest_str`] over ids.
pub(crate) fn nearest<'a>(input: &str, candidates: impl IntoIterator<Item = &'a Id>) -> Option<Id> {
    let candidates: Vec<&'a Id> = candidates.into_iter().collect();
    let best: &'a str = nearest_str(input, candidates.iter().map(|id| -> &'a str { id }))?;
    Some(Id::from(best))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_the_closest_and_breaks_ties_by_order() {
        let ids: Vec<Id> = ["wifi-access", "wifi-after-hours", "makerspaces"].into_iter().map(Id::from).collect();
        assert_eq!(nearest("wifi-acess", &ids).as_deref(), Some("wifi-access"));
        assert_eq!(nearest("makerspace", &ids).as_deref(), Some("makerspaces"));
        assert_eq!(nearest("x", &[]), None);
    }

    /// The edit distance grows with the input's length: a 15 MB id took 14 s (and gigabytes)
    /// to find no suggestion. Past the limit the search is skipped.
    #[test]
    fn a_huge_id_errors_at_once_without_a_suggestion() {
        let catalog = crate::Catalog::new(crate::testing::small_catalog()).expect("valid");
        let started = std::time::Instant::now();
        let error = catalog.resolve(&crate::Profile::offering(["x".repeat(15_000_000)])).expect_err("unknown");
        let message = error.to_string();
        assert!(started.elapsed() < std::time::Duration::from_millis(500), "took {:?}", started.elapsed());
        assert_eq!(message, format!("offers[0]: unknown program \"{}…\"", "x".repeat(80)));
        assert_eq!(nearest_str(&"é".repeat(MAX_SUGGESTED_INPUT), ["e"]), Some("e"), "counted in characters");
        assert_eq!(nearest_str(&"é".repeat(MAX_SUGGESTED_INPUT + 1), ["e"]), None);
    }
}
