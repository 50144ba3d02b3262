"""Crosswalks from library surveys to toolbox programs."""

from smartlib.surveys import pls

__all__ = ["pls"]
