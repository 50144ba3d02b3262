"""The IMLS Public Libraries Survey (PLS) mapped to toolbox programs.

The survey counts public computer sessions, Wi-Fi sessions and electronic collection items per
library system; those show three getting-started programs. Nothing in it shows the other twelve,
so they stay *unknown* (not "not offered") and the level becomes a range.

>>> from smartlib.surveys import pls
>>> pls.CROSSWALK["computer-labs"]
'computer_sessions'

The crosswalk is plain data: copy it, change it, pass it to :func:`to_programs`.
"""

from __future__ import annotations

from typing import Any, Mapping, Optional

#: Program id → the PLS column (FY2022 public-use names, lower case) whose positive value shows it.
CROSSWALK: dict[str, str] = {
    "computer-labs": "computer_sessions",  # PITUSR: uses of public Internet computers
    "wifi-access": "wireless_sessions",  # WIFISESS: wireless sessions
    "digital-resources": "e_items",  # ELECCOLL: electronic collection items
}

def to_programs(frame: Any, crosswalk: Optional[Mapping[str, str]] = None, *, threshold: float = 0) -> Any:
    """One column per mapped program: True where the survey value is above ``threshold``,
    False where it is 0 (or at most the threshold), missing (unknown) where the survey says
    missing (negative codes, blanks). Other programs get no column, so they are unknown too.

    Keeps the frame's index, so the result joins back onto the survey data.
    """
    import pandas as pd

    crosswalk = CROSSWALK if crosswalk is None else crosswalk
    columns = {}
    for program, column in crosswalk.items():
        if column not in frame.columns:
            raise KeyError(f"the survey data has no column {column!r} (crosswalk for {program!r})")
        values = pd.to_numeric(frame[column], errors="coerce")
        observed = values.where(values >= 0)  # negative codes mean missing
        columns[program] = (observed > threshold).astype("boolean").mask(observed.isna())
    return pd.DataFrame(columns, index=frame.index)


__all__ = ["CROSSWALK", "to_programs"]
