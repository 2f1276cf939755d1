"""`courant status` in a terminal (rich panels and tables) or as JSON for tools."""

from __future__ import annotations

import json
from datetime import date, datetime

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from courant import wording
from courant.check.writing import B1_SCORE
from courant.editorial.status import EditionReport, ItemLine, StatusReport


def as_json(report: StatusReport) -> str:
    return json.dumps(report.as_json(), ensure_ascii=False, indent=2)


def show(report: StatusReport, console: Console) -> None:
    console.print(_header(report))
    if report.errors:
        console.print(_errors(report.errors))
    if report.closed:
        console.print(_closed(report))
    for note in report.notes:
        console.print(Text(note, style="yellow"))
    for edition in report.editions:
        console.print(_edition(edition, report))
    if report.month and report.date:
        console.print(_share(report))
    if report.drafts:
        console.print(_list("Nog concept (draft: true): niet in het nummer zolang dat zo blijft",
                            report.drafts, report))
    if report.after_issue:
        title = ("Na de verschijningsdatum: niet in dit nummer, maar in een later" if report.date
                 else "Wacht op een volgend nummer")
        console.print(_list(title, report.after_issue, report, where=True))
    if report.warnings:
        table = Table(title="Waarschuwingen", title_justify="left", show_header=False,
                      box=None, padding=(0, 1))
        for warning in report.warnings:
            table.add_row(Text(warning.source, style="cyan", overflow="fold"),
                          Text(warning.message))
        console.print(table)
    if report.editions:
        console.print(Text(f"B1: leesbaarheid (Flesch-Douma); {B1_SCORE} of hoger is goed te "
                           "lezen op B1-niveau. Meer hulp: courant check.", style="dim"))


def _errors(errors: tuple[str, ...]) -> RenderableType:
    """The files that could not be read: not in the overview until they are fixed."""
    lines = Text("\n").join(Text(line, style="red", overflow="fold") for line in errors)
    return Panel(lines, title="Fouten: wat hier staat, ontbreekt in het overzicht tot het "
                 "hersteld is (courant check)", title_align="left", border_style="red")


def _closed(report: StatusReport) -> Text:
    """'Verstuurd en gesloten: 2026-10 (medewerkers en partners op 29 oktober 2026), ...'"""
    by_month: dict[str, list[str]] = {}
    for line in report.closed:
        day = wording.day(datetime.fromisoformat(line.sent).date())
        other = ", buiten courant" if line.how.endswith("--mark-sent") else ""
        by_month.setdefault(line.month, []).append(
            f"{wording.AUDIENCE_NAMES[line.edition]} op {day}{other}")
    return Text("Verstuurd en gesloten: " + "; ".join(
        f"{month} ({', '.join(parts)})" for month, parts in by_month.items()), style="dim")


def _header(report: StatusReport) -> RenderableType:
    now = datetime.fromisoformat(report.now)
    if not report.month or not report.date:
        return Panel(Text("Geen nummer om te tonen"), title="courant status",
                     title_align="left")
    day = date.fromisoformat(report.date)
    days = (day - now.date()).days
    when = (f"verscheen op {wording.weekday(day)}" if report.published
            else f"verschijnt op {wording.weekday(day)}" + (
                f" (over {days} {'dag' if days == 1 else 'dagen'})" if days > 0 else " (vandaag)"))
    body = Text.assemble((report.title or report.month, "bold"), f"\n{when}",
                         (f"\nnewsletter/{report.month}.md", "dim"))
    return Panel(body, title="courant status", title_align="left")


def _edition(edition: EditionReport, report: StatusReport) -> RenderableType:
    table = Table(show_header=True, header_style="bold", expand=False, box=None,
                  padding=(0, 1))
    table.add_column("Rubriek")
    table.add_column("Stuk")
    table.add_column("Datum", no_wrap=True)
    table.add_column("Voor", no_wrap=True)
    table.add_column("B1", justify="right", no_wrap=True)
    for section in edition.sections:
        if not section.items:
            table.add_row(section.title, Text("(nog leeg)", style="dim"), "", "", "")
        for n, item in enumerate(section.items):
            label = section.title if n == 0 else ""
            table.add_row(label, _title(item), _when(item, report),
                          wording.AUDIENCE_NAMES.get(item.audience, item.audience),
                          _score(item.score))
    parts: list[RenderableType] = [table]
    missing = ", ".join(d.name for d in edition.missing_departments)
    parts.append(Text.assemble(("Nog geen update van: ", "bold"),
                               (missing, "yellow") if missing else ("alle afdelingen leverden",
                                                                    "green")))
    return Panel(Group(*parts), title=f"Editie {edition.label} ({edition.news_count} "
                 f"{'stuk' if edition.news_count == 1 else 'stukken'})", title_align="left")


def _title(item: ItemLine) -> Text:
    text = Text(item.title)
    if item.department:
        text.append(f" · {item.department}", style="dim")
    if item.cancelled:
        text = Text.assemble((f"{wording.CANCELLED}: ", "red"), text)
    return text


def _when(item: ItemLine, report: StatusReport, after: bool = False) -> Text:
    """The item's day; 'embargo' when it is not on the site yet (unless it is listed as
    after the issue date, which its list says)."""
    if item.start:
        start = datetime.fromisoformat(item.start) if "T" in item.start else None
        day = start.date() if start else date.fromisoformat(item.start)
        return Text(day.strftime("%d-%m-%Y"))
    if not item.date:
        return Text("")
    day = date.fromisoformat(item.date)
    text = Text(day.strftime("%d-%m-%Y"))
    if day > datetime.fromisoformat(report.now).date() and not after:
        text.stylize("magenta")
        text.append(" embargo", style="magenta")
    return text


def _score(score: float | None) -> Text:
    if score is None:
        return Text("–", style="dim")
    return Text(f"{score:.0f}", style="green" if score >= B1_SCORE else "yellow")


def _share(report: StatusReport) -> Text:
    partners, total = report.partner_share
    share = f"{round(100 * partners / total)}%" if total else "–"
    return Text.assemble(("Aandeel partners: ", "bold"),
                         f"{partners} van de {total} stukken in dit nummer ({share}) gaan ook "
                         "naar de partners")


def _list(title: str, items: tuple[ItemLine, ...], report: StatusReport,
          where: bool = False) -> RenderableType:
    table = Table(title=title, title_justify="left", show_header=False, box=None,
                  padding=(0, 1))
    for item in items:
        when = _when(item, report, after=where)
        row = [when, _title(item), Text(item.source, style="cyan", overflow="fold")]
        if where:
            row.append(Text(f"nummer {item.issue}" if item.issue else "nog geen nummer",
                            style="dim"))
        table.add_row(*row)
    return table
