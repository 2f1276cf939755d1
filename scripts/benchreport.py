"""scripts/bench's results as Markdown: the figures of every size side by side, and the targets
of issue 18 beside them, met or not met.

A result is the dict scripts/bench makes for one size (see `bench_size` there): per command the
median, min and max seconds of its runs and its memory, the ratios per round (courant and its
yardstick measured in the same round, on the same load), the phases and the page counts.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Result = dict[str, Any]

# courant.build.timing's names, as the table shows them; names not here are shown as they are
PHASE_LABELS = {
    "load": "loading and validation",
    "intranet": "intranet (pages, MkDocs)",
    "public": "partner site (pages, MkDocs)",
    "newsletters": "newsletter pages (both sites)",
    "mail": "mails",
    "feeds": "feeds",
    "calendar": "calendars",
    "writing": "writing dist/",
}


@dataclass(frozen=True, slots=True)
class Target:
    text: str
    limit: float
    unit: str  # "x" (a ratio), "s" or "MB"
    strict: bool  # "under", "faster than" (<) rather than "at most" (<=)
    sizes: tuple[int, ...]  # the sizes the issue sets it at
    value: Callable[[Result], float | None]

    def met(self, value: float) -> bool:
        return value < self.limit if self.strict else value <= self.limit

    def verdict(self, result: Result) -> str:
        """'met' or 'NOT MET'. At a size the issue does not set the target at, the verdict
        is for that size; seconds and megabytes grow with the archive, so a smaller archive
        that misses such a target misses it at the target's size too (a ratio may not)."""
        value = self.value(result)
        if value is None:
            return "-"
        met = self.met(value)
        where = ""
        if result["n"] not in self.sizes:
            grows = self.unit != "x" and result["n"] < min(self.sizes)
            where = (f" (so not at {_sizes(self.sizes)} either)" if grows and not met
                     else f" (target at {_sizes(self.sizes)})")
        return f"{_value(value, self.unit)}: {'met' if met else 'NOT MET'}{where}"


def _sizes(sizes: tuple[int, ...]) -> str:
    return " and ".join(f"{n:,}" for n in sizes)


def _value(value: float, unit: str) -> str:
    return f"{value:.2f}x" if unit == "x" else f"{value:.2f} {unit}" if unit == "s" else (
        f"{value:.0f} {unit}")


def _median(result: Result, key: str) -> float | None:
    stat = result.get(key)
    return None if not stat else float(stat["median"])


def peak_mb(result: Result) -> float | None:
    """The most memory any of courant's commands held (its processes together)."""
    found = [result[key]["tree_mb"] for key in ("check_cold", "check", "build", "incremental")
             if result.get(key)]
    if result.get("serve_mb"):
        found.append(result["serve_mb"])
    return max(found) if found else None


TARGETS = (
    Target("clean `courant build` at most 1.0x the lean `mkdocs build` of the same item pages",
           1.0, "x", False, (1_000, 5_000),
           lambda r: _median(r.get("ratios", {}), "build/mkdocs")),
    Target("after 20 items changed, `courant build` faster than Hugo's full build", 1.0, "x",
           True, (1_000, 5_000), lambda r: _median(r.get("ratios", {}), "incremental/hugo")),
    Target("preview: from save to page in the browser at most 1 s", 1.0, "s", False,
           (10_000,), lambda r: _median(r, "preview")),
    Target("`courant check`, sources cached, under 2 s", 2.0, "s", True, (10_000,),
           lambda r: _median(r, "check")),
    Target("`courant check`, cold (no cache), under 4 s", 4.0, "s", True, (10_000,),
           lambda r: _median(r, "check_cold")),
    Target("peak memory under 500 MB (check, build, serve: all processes of one command)",
           500.0, "MB", True, (10_000,), peak_mb),
)


def summary(values: list[float]) -> dict[str, float]:
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def spread(stat: dict[str, float] | None, digits: int = 2) -> str:
    """'16.40 (16.02-17.11)': the median and, when the runs differ, their range."""
    if not stat:
        return "-"
    text = f"{stat['median']:.{digits}f}"
    if f"{stat['min']:.{digits}f}" != f"{stat['max']:.{digits}f}":
        text += f" ({stat['min']:.{digits}f}-{stat['max']:.{digits}f})"
    return text


def _times(stat: dict[str, float] | None) -> str:
    """A ratio with its spread, '2.70 (2.61-2.83)x'; '-' when it was not measured."""
    return spread(stat) + "x" if stat else "-"


def _per_page(seconds: float | None, pages: int | None) -> str:
    return "-" if not seconds or not pages else f"{1000 * seconds / pages:.1f}"


def figures_table(results: list[Result]) -> str:
    """One column per size: every figure with its spread."""
    rows = ["| | " + " | ".join(f"N = {r['n']:,}" for r in results) + " |",
            "|---|" + "---|" * len(results)]

    def row(label: str, cell: Callable[[Result], str]) -> None:
        rows.append(f"| {label} | " + " | ".join(cell(r) for r in results) + " |")

    def ratio(name: str) -> Callable[[Result], str]:
        return lambda r: _times(r.get("ratios", {}).get(name))

    row("archive: years, monthly issues, published items",
        lambda r: f"{r['years']}, {r['issues']}, {r['published_items']:,}")
    row("`courant check`, cold: no cache (s)", lambda r: spread(r.get("check_cold")))
    row("`courant check`, sources cached (s)", lambda r: spread(r.get("check")))
    row("`courant check` after one item changed (s)", lambda r: spread(r.get("check_edit")))
    row("`courant build`, clean: no cache, no dist/ (s)", lambda r: spread(r.get("build")))
    for name in _phase_names(results):
        row(f"&nbsp;&nbsp;{PHASE_LABELS.get(name, name)} (s)",
            lambda r, n=name: f"{r['phases'].get(n, 0.0):.2f}" if r.get("phases") else "-")
    row("&nbsp;&nbsp;wall time minus the phases (s; below 0: the two processes overlap)",
        lambda r: f"{r['unphased']:.2f}" if "unphased" in r else "-")
    row("lean `mkdocs build` of the items (s)", lambda r: spread(r.get("mkdocs")))
    row("courant build / mkdocs build (per round)", ratio("build/mkdocs"))
    row("intranet phase per intranet page (ms)",
        lambda r: _per_page(r.get("phases", {}).get("intranet"), r["pages"].get("intranet")))
    row("mkdocs build per page (ms)",
        lambda r: _per_page(_median(r, "mkdocs"), r["pages"].get("mkdocs")))
    row("incremental `courant build`, 20 items changed (s)",
        lambda r: spread(r.get("incremental")))
    row("Hugo's full build of the items (s)", lambda r: spread(r.get("hugo")))
    row("incremental build / Hugo (per round)", ratio("incremental/hugo"))
    row("preview: save to new page in the browser (s)", lambda r: spread(r.get("preview")))
    row("CPU, all processes: check cold / check / clean build / incremental / mkdocs / Hugo (s)",
        lambda r: " / ".join(spread(r[k].get("cpu"), 1) if r.get(k) else "-"
                             for k in ("check_cold", "check", "build", "incremental", "mkdocs",
                                       "hugo")))
    row("CPU ratios: clean build / mkdocs, incremental / Hugo (per round)",
        lambda r: ", ".join(_times(r.get("ratios", {}).get(name))
                            for name in ("build/mkdocs cpu", "incremental/hugo cpu")))
    row("peak memory, all processes: check cold / build / incremental / serve (MB)",
        lambda r: " / ".join(f"{r[k]['tree_mb']:.0f}" if r.get(k) else "-"
                             for k in ("check_cold", "build", "incremental"))
        + (f" / {r['serve_mb']:.0f}" if r.get("serve_mb") else " / -"))
    row("largest process: build / mkdocs / Hugo (MB)",
        lambda r: " / ".join(f"{r[k]['rss_mb']:.0f}" if r.get(k) else "-"
                             for k in ("build", "mkdocs", "hugo")))
    row("pages: intranet / partner site / mails / mkdocs / Hugo",
        lambda r: " / ".join(f"{r['pages'].get(k, 0):,}"
                             for k in ("intranet", "public", "mails", "mkdocs", "hugo")))
    row("load average (1 min) over the rounds",
        lambda r: f"{min(r['load']):.1f}-{max(r['load']):.1f}" if r.get("load") else "-")
    return "\n".join(rows)


def _phase_names(results: list[Result]) -> list[str]:
    names: list[str] = [n for n in PHASE_LABELS if any(n in r.get("phases", {})
                                                        for r in results)]
    for r in results:
        names += [n for n in r.get("phases", {}) if n not in names]
    return names


def targets_table(results: list[Result]) -> str:
    """The issue's targets, one row each, the verdict per size."""
    rows = ["| target (issue 18) | " + " | ".join(f"N = {r['n']:,}" for r in results) + " |",
            "|---|" + "---|" * len(results)]
    for target in TARGETS:
        rows.append(f"| {target.text} | "
                    + " | ".join(target.verdict(r) for r in results) + " |")
    return "\n".join(rows)
