"""engine/mkdocs/searchindex.py writes the bytes Material's own search index would have."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from courant.engine.mkdocs.searchindex import BATCH, write_search_index

CONFIG = {"lang": ["nl"], "separator": r"[\s\-]+", "pipeline": ["stopWordFilter"],
          "fields": {"title": {"boost": 1000.0}}, "prebuild_index": False}


@pytest.mark.parametrize("count", [0, 1, BATCH, 2 * BATCH + 7])
def test_streamed_index_equals_materials_json(tmp_path: Path, count: int) -> None:
    entries = [{"location": f"nieuws/{n}/", "title": f"Één “titel” {n}",
                "text": "<p>café\u00a0– tekst</p>" * (n % 5), "tags": ["a", "b"]}
               for n in range(count)]
    index = SimpleNamespace(config=CONFIG, entries=entries)
    path = tmp_path / "search" / "search_index.json"
    write_search_index(index, path)
    settings = {key: CONFIG[key] for key in ("lang", "separator", "pipeline", "fields")}
    expected = json.dumps({"config": settings, "docs": entries}, separators=(",", ":"),
                          default=str)
    assert path.read_bytes() == expected.encode("utf-8")
