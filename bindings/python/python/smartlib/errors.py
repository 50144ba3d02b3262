"""The exceptions smartlib raises. All derive from :class:`SmartlibError`.

They are plain Python classes, so they can also be the built-in errors you would expect:
a bad profile is a ``ValueError``, an unknown id is a ``KeyError`` too.
"""

from __future__ import annotations

from typing import Any, Optional


class SmartlibError(Exception):
    """Base class of every smartlib error.

    Errors about input say where: ``path`` (the whole position as text, such as
    ``offers[1]`` or ``row 3, column "wifi-access"``), and for tables ``row`` (from 1, the first
    row of data) and ``column``; ``index`` is the DataFrame's index label of that row.
    """

    path: Optional[str] = None
    row: Optional[int] = None
    column: Optional[str] = None
    index: Any = None

    def __str__(self) -> str:
        # KeyError quotes its message; every smartlib error prints it as written.
        return str(self.args[0]) if self.args else ""


class ContentError(SmartlibError, ValueError):
    """A catalog or profile file (or text) that cannot be used.

    ``diagnostics`` lists every problem (the first 100) as a dict with ``origin``, ``line``,
    ``column``, ``path``, ``kind``, ``message``, ``id`` (the name at fault: an unknown id or
    field) and ``suggestion`` (the nearest valid one); ``omitted`` counts the problems past
    them and ``count`` all of them. The message is the first problem and how many more.
    """

    diagnostics: list[dict[str, Any]] = []
    omitted: int = 0
    count: int = 0


class ProfileError(SmartlibError, ValueError):
    """A profile or table that does not fit the catalog: a cell that is not a status or an
    amount, a column one typo away from a program id (``suggestion`` names it), a program under
    two statuses, wrong types."""

    id: Optional[str] = None
    suggestion: Optional[str] = None


class PolicyError(SmartlibError, ValueError):
    """A policy change that :meth:`Catalog.with_policy` cannot make, whatever is wrong: an
    unknown key, a value of the wrong type or one out of range. ``path`` names the key, such as
    ``policy.established_share`` or ``policy.weights.goal``."""


class UnknownProgramError(ProfileError, KeyError):
    """A program id the catalog does not have; ``suggestion`` is the nearest valid id."""


class UnknownGoalError(ProfileError, KeyError):
    """A goal that is neither a role nor an area id; ``suggestion`` is the nearest valid one."""


__all__ = ["SmartlibError", "ContentError", "ProfileError", "PolicyError", "UnknownProgramError", "UnknownGoalError"]
