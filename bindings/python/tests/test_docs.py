"""Every public class, property and method of the package says what it means (its `__doc__`,
which `help()` and notebooks show), and the level's docstrings say how the range reads."""

from __future__ import annotations

import pytest

import smartlib

CLASSES = [getattr(smartlib, name) for name in smartlib.__all__ if isinstance(getattr(smartlib, name), type)]


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)
def test_every_public_attribute_has_a_docstring(cls: type) -> None:
    assert (cls.__doc__ or "").strip(), cls.__name__
    # Properties and methods; plain class attributes (an error's defaults) are described in the
    # class's docstring.
    undocumented = [name for name, value in vars(cls).items()
                    if not name.startswith("_") and hasattr(value, "__get__")
                    and not (getattr(value, "__doc__", None) or "").strip()]
    assert undocumented == [], f"{cls.__name__}: {undocumented}"


def test_the_level_docstrings_say_how_the_range_reads() -> None:
    level, low, high = (getattr(smartlib.Assessment, name).__doc__ for name in ("level", "level_min", "level_max"))
    assert "level_min" in level and "level_max" in level
    assert "not offered" in low and "as offered" in high and "unknown" in high
