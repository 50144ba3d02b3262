//! The default catalog's files, compiled in: the toolbox in our own words (see catalog/NOTES.md).
//!
//! Listed by hand so that `cargo package` and the binary carry exactly these files; a test
//! checks the list against `catalog/` on disk.

/// (path inside `catalog/`, contents) of every embedded file.
pub(crate) const FILES: &[(&str, &str)] = &[
    ("catalog.toml", include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/catalog/catalog.toml"))),
    (
        "programs/advanced-training.toml",
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/catalog/programs/advanced-training.toml")),
    ),
    (
        "programs/basic-computer-training.toml",
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/catalog/programs/basic-computer-training.toml")),
    ),
    (
        "programs/book-vending-kiosks.toml",
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/catalog/programs/book-vending-kiosks.toml")),
    ),
    (
        "programs/business-innovation-centers.toml",
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/catalog/programs/business-innovation-centers.toml")),
    ),
    (
        "programs/civic-participation.toml",
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/catalog/programs/civic-participation.toml")),
    ),
    (
        "programs/computer-labs.toml",
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/catalog/programs/computer-labs.toml")),
    ),
    (
        "programs/digital-resources.toml",
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/catalog/programs/digital-resources.toml")),
    ),
    (
        "programs/makerspaces.toml",
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/catalog/programs/makerspaces.toml")),
    ),
    (
        "programs/open-data-portals.toml",
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/catalog/programs/open-data-portals.toml")),
    ),
    (
        "programs/public-meeting-spaces.toml",
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/catalog/programs/public-meeting-spaces.toml")),
    ),
    (
        "programs/public-services-support.toml",
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/catalog/programs/public-services-support.toml")),
    ),
    (
        "programs/technology-lending.toml",
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/catalog/programs/technology-lending.toml")),
    ),
    (
        "programs/wifi-access.toml",
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/catalog/programs/wifi-access.toml")),
    ),
    (
        "programs/wifi-after-hours.toml",
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/catalog/programs/wifi-after-hours.toml")),
    ),
    (
        "programs/youth-assisting-elderly.toml",
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/catalog/programs/youth-assisting-elderly.toml")),
    ),
    (
        "processes/assessment-of-library-needs.toml",
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/catalog/processes/assessment-of-library-needs.toml")),
    ),
    (
        "processes/building-infrastructure.toml",
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/catalog/processes/building-infrastructure.toml")),
    ),
    (
        "processes/engagement-with-partners.toml",
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/catalog/processes/engagement-with-partners.toml")),
    ),
    (
        "processes/engaging-staff.toml",
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/catalog/processes/engaging-staff.toml")),
    ),
    (
        "processes/strategic-planning.toml",
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/catalog/processes/strategic-planning.toml")),
    ),
    (
        "processes/swot-analysis.toml",
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/catalog/processes/swot-analysis.toml")),
    ),
    (
        "outreach/distribution-lists.toml",
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/catalog/outreach/distribution-lists.toml")),
    ),
    (
        "outreach/improve-engagement.toml",
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/catalog/outreach/improve-engagement.toml")),
    ),
    (
        "outreach/increase-participation.toml",
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/catalog/outreach/increase-participation.toml")),
    ),
    (
        "outreach/raise-awareness.toml",
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/catalog/outreach/raise-awareness.toml")),
    ),
    (
        "outreach/social-media.toml",
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/catalog/outreach/social-media.toml")),
    ),
    (
        "examples/alameda-county-library.toml",
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/catalog/examples/alameda-county-library.toml")),
    ),
    (
        "examples/chattanooga-public-library.toml",
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/catalog/examples/chattanooga-public-library.toml")),
    ),
    (
        "examples/chicago-public-library.toml",
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/catalog/examples/chicago-public-library.toml")),
    ),
    (
        "examples/cornwall-public-library.toml",
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/catalog/examples/cornwall-public-library.toml")),
    ),
    (
        "examples/edmonton-public-library.toml",
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/catalog/examples/edmonton-public-library.toml")),
    ),
    (
        "examples/hudson-library-historical-society.toml",
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/catalog/examples/hudson-library-historical-society.toml")),
    ),
    (
        "examples/ignacio-community-library.toml",
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/catalog/examples/ignacio-community-library.toml")),
    ),
    (
        "examples/palm-beach-county-library-system.toml",
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/catalog/examples/palm-beach-county-library-system.toml")),
    ),
    (
        "examples/palo-alto-city-library.toml",
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/catalog/examples/palo-alto-city-library.toml")),
    ),
    (
        "examples/saratoga-springs-public-library.toml",
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/catalog/examples/saratoga-springs-public-library.toml")),
    ),
    (
        "examples/westport-library.toml",
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/catalog/examples/westport-library.toml")),
    ),
];
