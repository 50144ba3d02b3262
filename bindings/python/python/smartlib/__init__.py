"""smartlib: the Public Libraries in Smart Cities and Communities Toolbox (CTG UAlbany with
ALA) as a fast, explainable engine.

>>> import smartlib
>>> catalog = smartlib.Catalog.default()
>>> a = catalog.assess(["computer-labs", "wifi-access", "digital-resources"])
>>> a.level, a.reached
(1, 'getting-started')

Score many libraries at once with :meth:`Catalog.assess_many` (lists or pandas / polars
DataFrames); map survey data to programs with :mod:`smartlib.surveys`.
"""

from smartlib._smartlib import (
    CATALOG_VERSION,
    Advice,
    Assessment,
    Catalog,
    Coverage,
    Dimension,
    ExampleLibrary,
    Guide,
    Phase,
    Program,
    Reason,
    Recommendation,
    Roadmap,
    SCHEMA_MAJOR,
    SCHEMA_MINOR,
    SCHEMA_VERSION,
    Tier,
    TierChange,
    TierStatus,
    WhatIf,
    __version__,
    schema,
)
from smartlib.errors import (
    ContentError,
    PolicyError,
    ProfileError,
    SmartlibError,
    UnknownGoalError,
    UnknownProgramError,
)

__all__ = [
    "CATALOG_VERSION",
    "Advice",
    "Assessment",
    "Catalog",
    "ContentError",
    "Coverage",
    "Dimension",
    "ExampleLibrary",
    "Guide",
    "Phase",
    "PolicyError",
    "ProfileError",
    "Program",
    "Reason",
    "Recommendation",
    "Roadmap",
    "SCHEMA_MAJOR",
    "SCHEMA_MINOR",
    "SCHEMA_VERSION",
    "SmartlibError",
    "Tier",
    "TierChange",
    "TierStatus",
    "UnknownGoalError",
    "UnknownProgramError",
    "WhatIf",
    "__version__",
    "schema",
]
