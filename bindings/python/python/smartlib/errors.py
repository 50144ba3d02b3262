"""The exceptions smartlib raises. All derive from :class:`SmartlibError`.

They are plain Python classes, so they can also be the built-in errors you would expect:
a bad profile is a ``ValueError``, an unknown id is a ``KeyError`` too.
"""

from __future__ import annotations

from typing import Any, Optional


class SmartlibError(Exception):
    """Base class of every smartlib error."""

    def __str__(self) -> str:
        # KeyError quotes its message; every smartlib error prints it as written.
        return str(self.args[0]) if self.args else ""


class ContentError(SmartlibError, ValueError):
    """A catalog or profile file (or text) that cannot be used.

    ``diagnostics`` lists every problem as a dict with ``origin``, ``line``, ``column``,
    ``path``, ``kind`` and ``message``.
    """

    diagnostics: list[dict[str, Any]] = []


class ProfileError(SmartlibError, ValueError):
    """A profile that does not fit the catalog: wrong types, a program under two statuses."""

    id: Optional[str] = None
    path: Optional[str] = None


class UnknownProgramError(ProfileError, KeyError):
    """A program id the catalog does not have; ``suggestion`` is the nearest valid id."""

    suggestion: Optional[str] = None


class UnknownGoalError(ProfileError, KeyError):
    """A goal that is neither a role nor an area id; ``suggestion`` is the nearest valid one."""

    suggestion: Optional[str] = None


__all__ = ["SmartlibError", "ContentError", "ProfileError", "UnknownProgramError", "UnknownGoalError"]
