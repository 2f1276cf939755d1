"""nearmiss.py: which known key or value an editor meant, and when a key is no near miss."""

from __future__ import annotations

import pytest

from courant.read.nearmiss import meant_key, meant_value

ITEM_KEYS = ["title", "date", "audience", "summary", "authors", "tags", "issue", "draft",
             "image", "image_alt", "department"]


@pytest.mark.parametrize(("written", "meant"), [
    ("audiance", "audience"), ("titel", "title"), ("Title", "title"), ("datum", "date"),
    ("doelgroep", "audience"), ("afdeling", "department"), ("samenvatting", "summary"),
    ("concept", "draft"), ("afbeelding", "image"), ("auteurs", "authors"), ("sumary", "summary"),
    ("image-alt", "image_alt"), ("tag", "tags"),
])
def test_near_misses_of_keys(written: str, meant: str) -> None:
    assert meant_key(written, ITEM_KEYS) == meant


@pytest.mark.parametrize("written", ["kleur", "status", "notes", "contact", "locatie"])
def test_keys_that_are_no_near_miss(written: str) -> None:
    """'locatie' means location, which an update does not have."""
    assert meant_key(written, ITEM_KEYS) is None


@pytest.mark.parametrize(("written", "meant"), [
    ("Partners", "partners"), ("STAFF", "staff"), (" all ", "all"), ("iedereen", "all"),
    ("medewerkers", "staff"), ("partner", "partners"), ("parnters", "partners"),
])
def test_near_misses_of_values(written: str, meant: str) -> None:
    words = {"iedereen": "all", "medewerkers": "staff", "partner": "partners"}
    assert meant_value(written, ["staff", "partners", "all"], words) == meant


@pytest.mark.parametrize("written", ["publiek", "niemand", "", 3, None])
def test_values_that_are_no_near_miss(written: object) -> None:
    assert meant_value(written, ["staff", "partners", "all"], {}) is None
