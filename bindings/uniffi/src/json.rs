//! JSON in and out: answers in the shape of their records (derived with serde, one shape for
//! every language), profiles in the profile file format the CLI reads.

use serde::Serialize;

use crate::error::{SmartlibError, guarded};
use crate::records::{Assessment, Profile};

/// Any record as JSON. Writing a record that derives serde cannot fail; if it ever did, that
/// would be a bug, so it is `Internal`.
pub(crate) fn to_json(value: &impl Serialize) -> Result<String, SmartlibError> {
    serde_json::to_string(value).map_err(|e| SmartlibError::Internal {
        description: format!("internal error (a bug in smartlib): cannot write JSON: {e}"),
    })
}

/// An assessment as JSON: the `Assessment` record's fields in snake_case (`level_min`,
/// `to_next_level_names`, …, the names `viewFields()` lists), each reason with its `kind`
/// (`next-tier`, …) and that kind's fields.
#[uniffi::export]
pub fn assessment_to_json(assessment: Assessment) -> Result<String, SmartlibError> {
    guarded(|| to_json(&assessment))
}

/// An assessment from the JSON `assessmentToJson` writes. Throws `InvalidArgument` (naming the
/// line and column) for anything else.
#[uniffi::export]
pub fn assessment_from_json(json: String) -> Result<Assessment, SmartlibError> {
    guarded(|| {
        serde_json::from_str(&json).map_err(|e| SmartlibError::InvalidArgument {
            description: format!("json: not an assessment: {e}"),
            name: "json".to_owned(),
        })
    })
}

/// A profile as JSON in the profile file format (`budget`, `staff` and `space` under
/// `constraints`), which `Catalog.profileFromJson` and the CLI read back.
#[uniffi::export]
pub fn profile_to_json(profile: Profile) -> Result<String, SmartlibError> {
    guarded(|| to_json(&smartlib::Profile::from(profile)))
}
