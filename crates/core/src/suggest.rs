//! The nearest valid id or name for a misspelt one, for "did you mean" hints.

use crate::model::Id;

/// The candidate closest to `input` by edit distance; ties go to the earliest candidate.
///
/// Returns `None` only when there are no candidates: error messages always name the nearest
/// valid id or field, as the CLI contract promises.
///
/// ```
/// use smartlib_core::suggest::nearest_str;
/// assert_eq!(nearest_str("buils_on", ["builds_on", "roles"]), Some("builds_on"));
/// ```
pub fn nearest_str<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
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
}
