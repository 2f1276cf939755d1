"""Material's search index, written a thousand entries at a time.

Material makes the whole index as one JSON string, then as bytes, while every page's entries
are still held: at 10,000 items that is 46 MB twice over, the build's peak memory. This writes
the same bytes (the same encoder settings, entry by entry) without holding the whole.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig

MATERIAL_SEARCH = "material.plugins.search.plugin"
CONFIG_KEYS = ("lang", "separator", "pipeline", "fields")
BATCH = 1000


def stream_search_index(config: MkDocsConfig, again: bool = False) -> None:
    """Put the streaming writer in place of Material's search plugin's on_post_build;
    `again`: the configuration is built again and again (the preview's), so each entry's JSON
    is kept for the next write while the entry is the same object (`Encoded`): after an edit
    only the changed page's entries are new."""
    events = config.plugins.events["post_build"]
    for plugin in config.plugins.values():
        if type(plugin).__module__ != MATERIAL_SEARCH:
            continue
        for position, method in enumerate(events):
            if getattr(method, "__self__", None) is plugin:
                events[position] = _post_build(plugin, method, Encoded() if again else None)


class Encoded:
    """The JSON of each search entry written last time, by the entry's identity: an entry
    (a dict made once per page build, never changed after) is held with its JSON, so no
    other can take its identity while it is kept. Only what one write used is kept."""

    def __init__(self) -> None:
        self.kept: dict[int, tuple[dict[str, Any], str]] = {}

    def encoder(self, encode: Callable[[Any], str]) -> Callable[[dict[str, Any]], str]:
        """`encode`, for one write: what it encoded is all the next write finds."""
        kept, used = self.kept, dict[int, tuple[dict[str, Any], str]]()
        self.kept = used

        def encoded(entry: dict[str, Any]) -> str:
            found = kept.get(id(entry))
            if found is None:
                found = (entry, encode(entry))
            used[id(entry)] = found
            return found[1]
        return encoded


def _post_build(plugin: Any, original: Callable[..., None],
                encoded: Encoded | None) -> Callable[..., None]:
    def on_post_build(*, config: MkDocsConfig) -> None:
        if not plugin.config.enabled:
            return
        if plugin.search_index_prev is not None:  # a dirty rebuild merges: Material's own way
            original(config=config)
            return
        write_search_index(plugin.search_index, Path(config.site_dir) / "search" /
                           "search_index.json", encoded)
        if plugin.is_dirty:
            plugin.search_index_prev = plugin.search_index

    on_post_build.mkdocs_priority = getattr(original, "mkdocs_priority", 0)  # type: ignore[attr-defined]
    return on_post_build


def write_search_index(index: Any, path: Path, encoded: Encoded | None = None) -> None:
    """The bytes of Material's `json.dumps({"config": ..., "docs": entries},
    separators=(",", ":"), default=str)`, written in batches; `encoded`: the entries' JSON
    of the last write, reused."""
    encode = json.JSONEncoder(separators=(",", ":"), default=str).encode
    entry_json = encode if encoded is None else encoded.encoder(encode)
    settings = {key: index.config[key] for key in CONFIG_KEYS}
    entries = index.entries
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as out:
        out.write(f'{{"config":{encode(settings)},"docs":['.encode())
        for start in range(0, len(entries), BATCH):
            batch = ",".join(entry_json(entry) for entry in entries[start:start + BATCH])
            out.write(("," if start else "").encode() + batch.encode())
        out.write(b"]}")
