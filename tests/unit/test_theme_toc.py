"""theme/overrides/partials/toc.html is Material's partial with one change (the title is a
label only where Material writes the switch it points at): it must not drift from Material's."""

from __future__ import annotations

import re
from pathlib import Path

import material

from conftest import ROOT

OURS = ROOT / "theme" / "overrides" / "partials" / "toc.html"
THEIRS = Path(material.__file__).parent / "templates" / "partials" / "toc.html"
CHANGE = re.compile(r"\{% if page in nav\.pages.*?%\}(.*?)\{% else %\}.*?\{% endif %\}",
                    re.DOTALL)


def body(template: str) -> str:
    """Without its header comment, whitespace folded."""
    return " ".join(re.sub(r"\{#-.*?-#\}", "", template, flags=re.DOTALL).split())


def test_the_override_is_materials_partial_but_for_the_title() -> None:
    ours = OURS.read_text("utf-8")
    assert CHANGE.search(ours), "the one change is gone"
    undone = CHANGE.sub(lambda m: m.group(1), ours)
    assert body(undone) == body(THEIRS.read_text("utf-8")), (
        "Material's partials/toc.html changed: copy it anew and make the one change again")
