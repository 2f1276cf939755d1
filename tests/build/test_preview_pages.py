"""After a save the preview makes again only the pages an edit changes: the renderers' memo
(audience.Remember, build/cache.py's Cache.remembered) keeps a card, an item's page and the
targets of its links by the identity of the items they show and by all else each reads
(render/site/lists.py's _card_inputs, render/site/items.py's _page_inputs). Each test
changes one of those other things, the page's own item left as it was, and the pages made
with the memo must be the pages made without it."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import timedelta
from pathlib import Path, PurePosixPath

import pytest
from PIL import Image

from conftest import NOW_EPOCH
from courant import clock
from courant.audience import Edition, select
from courant.build import pipeline
from courant.build.cache import Cache

LINKING = PurePosixPath("content/updates/2026/huisbezoek-eerste-ervaringen.md")
LINKED = PurePosixPath("content/updates/2026-10-pilot-huisbezoek.md")
SECTION = PurePosixPath("content/pages/leeracademie/index.md")
IMAGE = PurePosixPath("content/media/banenmarkt.jpg")
DAYS_LATER = str(int(NOW_EPOCH) + 40 * 86400)


def pages(root: Path, cache: Cache, name: str = "intranet") -> dict[str, str]:
    """The pages of the preview of site `name`, by path: their Markdown."""
    return site_pages(pipeline.load(pipeline.Project(root), cache), cache, name)


def site_pages(loaded: pipeline.Loaded, cache: Cache, name: str = "intranet",
               later: timedelta = timedelta()) -> dict[str, str]:
    site = pipeline.sites(loaded, clock.now() + later, preview=True, names=(name,),
                          syndication=False, cache=cache)[name]
    return {page.path: page.markdown for page in site.pages}


def assert_alike(remembered: dict[str, str], fresh: dict[str, str]) -> None:
    assert remembered.keys() == fresh.keys()
    differing = [path for path in fresh if remembered[path] != fresh[path]]
    assert not differing, f"pages as before the change: {differing[:5]}"


def edit(root: Path, source: PurePosixPath, old: str, new: str) -> None:
    path = root / source
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {source}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def memo(demo: Path) -> Cache:
    """A cache that builds again (the preview's kind), after its first build of `demo`."""
    cache = Cache.memory()
    pages(demo, cache)
    return cache


def assert_as_made_afresh(root: Path, memo: Cache, name: str = "intranet") -> dict[str, str]:
    remembered = pages(root, memo, name)
    assert_alike(remembered, pages(root, Cache.off(), name))
    return remembered


def test_an_unchanged_page_is_not_made_again(demo: Path, memo: Cache) -> None:
    """The memo is in force (else the tests below would pass without it, and prove nothing
    of its key): the pages of items an edit does not touch are the very texts of the build
    before; the edited item's page, and the page that links to it, are new."""
    before = pages(demo, memo)
    edit(demo, LINKED, "De pilot duurt drie maanden.", "De pilot duurt vier maanden.")
    after = assert_as_made_afresh(demo, memo)
    items = [path for path in after if path.startswith(("nieuws/", "agenda/", "vraagbaken/"))
             and "index" not in path and "pagina-" not in path]
    kept = [path for path in items if after[path] is before[path]]
    assert len(kept) > 0.8 * len(items)
    for made in ("nieuws/2026-10-pilot-huisbezoek.md", "nieuws/huisbezoek-eerste-ervaringen.md"):
        assert made not in kept


def test_a_link_to_an_item_now_for_partners_leads_to_it(demo: Path) -> None:
    """On the public site's preview: the target, for staff until now, is for everyone after
    the edit, so the link that was its words alone leads to its page."""
    memo, linking = Cache.memory(), "nieuws/huisbezoek-eerste-ervaringen.md"
    assert "2026-10-pilot-huisbezoek.md" not in pages(demo, memo, "public")[linking]
    edit(demo, LINKED, "date: 2026-10-06\n", "date: 2026-10-06\naudience: all\n")
    after = assert_as_made_afresh(demo, memo, "public")
    assert "(2026-10-pilot-huisbezoek.md)" in after[linking]


def test_a_section_pages_new_title_is_in_the_crumbs_of_its_pages(demo: Path,
                                                                memo: Cache) -> None:
    edit(demo, SECTION, "title: Leeracademie\n", "title: Leerhuis\n")
    after = assert_as_made_afresh(demo, memo)
    assert "Leerhuis" in after["leeracademie/aanbod.md"]


def test_a_renamed_department_is_on_the_cards_and_pages_of_its_items(demo: Path,
                                                                    memo: Cache) -> None:
    edit(demo, PurePosixPath("content/departments.yml"), "name: Werk en Inkomen",
         "name: Werk, Inkomen en Participatie")
    after = assert_as_made_afresh(demo, memo)
    assert "Werk, Inkomen en Participatie" in after["nieuws/index.md"]


def test_a_related_items_new_title_is_on_the_pages_it_is_related_to(demo: Path,
                                                                    memo: Cache) -> None:
    edit(demo, LINKED, 'title: "Pilot: het eerste gesprek bij de inwoner thuis"',
         'title: "Pilot: het eerste gesprek aan de keukentafel"')
    after = assert_as_made_afresh(demo, memo)
    assert sum("aan de keukentafel" in text for path, text in after.items()
               if path != "nieuws/2026-10-pilot-huisbezoek.md") > 1


def test_an_image_of_another_size_is_shown_at_its_size(demo: Path, memo: Cache) -> None:
    picture = io.BytesIO()
    Image.new("RGB", (320, 640), "white").save(picture, "JPEG")
    (demo / IMAGE).write_bytes(picture.getvalue())
    after = assert_as_made_afresh(demo, memo)
    assert 'height="' in after["nieuws/index.md"]


def test_an_event_that_is_over_is_shown_so(demo: Path, memo: Cache,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", DAYS_LATER)
    after = assert_as_made_afresh(demo, memo)
    assert any("Deze bijeenkomst is voorbij" in text for text in after.values())


# The content changed in memory, every item the same object but the one changed: a changed
# file makes its item again (and a change to the departments or the date every item, as
# their check reads them: read/validate.py's item_inputs), which would hide a key's gap.

@pytest.fixture
def loaded(demo: Path, memo: Cache) -> pipeline.Loaded:
    return pipeline.load(pipeline.Project(demo), memo)


def with_items(loaded: pipeline.Loaded, changed: dict[PurePosixPath, dict[str, object]]
               ) -> pipeline.Loaded:
    items = tuple(replace(item, **changed[item.source]) if item.source in changed else item
                  for item in loaded.content.items)
    content = replace(loaded.content, items=items,
                      by_source={item.source: item for item in items})
    return replace(loaded, content=content)


AANBOD = PurePosixPath("content/pages/leeracademie/aanbod.md")


def remade(before: pipeline.Loaded, after: pipeline.Loaded, memo: Cache,
           later: timedelta = timedelta()) -> dict[str, str]:
    """The pages of `after` (`later` than now), made with the memo of `before`'s pages:
    they must be the pages made afresh."""
    site_pages(before, memo)
    remembered = site_pages(after, memo, later=later)
    assert_alike(remembered, site_pages(after, Cache.off(), later=later))
    return remembered


def moved(loaded: pipeline.Loaded) -> pipeline.Loaded:
    """The content with the page AANBOD at another address."""
    return with_items(loaded, {AANBOD: {"slug": "leeracademie/aanbod-2027"}})


def with_foreword(loaded: pipeline.Loaded, month: str, added: str) -> pipeline.Loaded:
    issues = tuple(replace(issue, foreword=issue.foreword + added) if issue.month == month
                   else issue for issue in loaded.content.issues)
    return replace(loaded, content=replace(loaded.content, issues=issues))


def test_a_page_follows_the_new_address_of_a_page_it_links_to(loaded: pipeline.Loaded,
                                                            memo: Cache) -> None:
    remembered = remade(loaded, moved(loaded), memo)
    assert "(aanbod-2027.md)" in remembered["leeracademie/index.md"]


def test_a_department_renamed_is_on_its_items_cards_and_pages(loaded: pipeline.Loaded,
                                                             memo: Cache) -> None:
    renamed = tuple(replace(d, name="Werk en Participatie") if d.key == "wi" else d
                    for d in loaded.content.departments)
    remembered = remade(loaded, replace(loaded, content=replace(loaded.content,
                                                                departments=renamed)), memo)
    assert "Werk en Participatie" in remembered["nieuws/2026-10-pilot-huisbezoek.md"]
    assert "Werk en Participatie" in remembered["nieuws/index.md"]


def test_an_event_is_over_on_its_page_the_day_after(loaded: pipeline.Loaded,
                                                    memo: Cache) -> None:
    remembered = remade(loaded, loaded, memo, later=timedelta(days=40))
    assert any("Deze bijeenkomst is voorbij" in text for text in remembered.values())


def test_the_partners_never_get_the_staff_version_of_an_item(loaded: pipeline.Loaded,
                                                             memo: Cache) -> None:
    """The memo keeps an item as each edition may show it (audience.select): the one made
    for staff, with its staff passage, is never handed to the partner edition."""
    source = PurePosixPath("content/updates/2026/inkoop-jeugdhulp-2027.md")
    remember, now = memo.remembered(), clock.now()

    def body(edition: Edition) -> str:
        chosen = select(loaded.content, edition, now, True, remember)
        return next(item.body for item in chosen.items if item.source == source)

    assert "Sander Jacobs" in body(Edition.INTRANET)
    assert "Sander Jacobs" not in body(Edition.PARTNERS)
    assert body(Edition.PARTNERS) == next(
        item.body for item in select(loaded.content, Edition.PARTNERS, now, True).items
        if item.source == source)


def test_an_issues_new_foreword_is_on_its_page(demo: Path, memo: Cache) -> None:
    issue = demo / "newsletter" / "2026-11.md"
    issue.write_text(issue.read_text(encoding="utf-8") + "\nEen nieuwe zin in het voorwoord.\n",
                     encoding="utf-8")
    after = assert_as_made_afresh(demo, memo)
    assert "Een nieuwe zin in het voorwoord." in after["nieuwsbrief/2026-11/index.md"]


def test_an_events_new_title_is_in_the_agenda_of_its_issue(demo: Path, memo: Cache) -> None:
    edit(demo, PurePosixPath("content/agenda/2026/kerstbijeenkomst.md"),
         "title: Kerstbijeenkomst Sociaal Domein", "title: Kerstborrel Sociaal Domein")
    after = assert_as_made_afresh(demo, memo)
    assert "Kerstborrel" in after["nieuwsbrief/2026-12/index.md"]


def test_an_issue_follows_the_new_address_of_a_page_its_foreword_links_to(
        loaded: pipeline.Loaded, memo: Cache) -> None:
    linking = with_foreword(loaded, "2026-11",
                            "\nZie [het aanbod](../content/pages/leeracademie/aanbod.md).\n")
    remembered = remade(linking, moved(linking), memo)
    assert "aanbod-2027.md" in remembered["nieuwsbrief/2026-11/index.md"]


def test_a_link_to_an_issue_that_is_gone_is_its_text_alone(loaded: pipeline.Loaded,
                                                           memo: Cache) -> None:
    linking = with_foreword(loaded, "2026-11", "\nLees ook [het volgende nummer](2026-12.md).\n")
    assert "(../2026-12/index.md)" in site_pages(linking, memo)["nieuwsbrief/2026-11/index.md"]
    without = replace(linking, content=replace(linking.content, issues=tuple(
        issue for issue in linking.content.issues if issue.month != "2026-12")))
    remembered = remade(linking, without, memo)
    assert "Lees ook het volgende nummer." in remembered["nieuwsbrief/2026-11/index.md"]
