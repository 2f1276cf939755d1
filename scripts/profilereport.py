"""scripts/profile's reading of py-spy's raw stacks: every sample put in a stage of the build
(by the courant function it runs under), an activity (what it spends the time on), and the
module group its innermost frame belongs to; the tables in seconds of CPU.

py-spy's raw format is one line per distinct stack: `frame;frame;...;frame count`, root first,
with `process PID:"command"` frames for the processes (a second one: a forked child) and each
frame as `function (path/to/module.py:line)`, the path relative to the folder on sys.path it
was found in (`courant/build/pipeline.py`, `jinja2/runtime.py`, `re/_parser.py`).
Rules name modules as Python does (`courant.build.pipeline:load`), so they follow the package
layout (issue 11) and two modules of the same file name (build/mails.py, service/mails.py)
are never confused.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

# A stage is the innermost frame on the stack that one of these `module:function` prefixes
# matches (the first rule, for that frame); nothing matched: start-up and the rest.
STAGES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("feeds", ("courant.render.feeds:feed_files",)),
    ("calendars", ("courant.render.calendar:calendar_files",)),
    ("images: published copies", ("courant.build.pipeline:with_media",
                                  "courant.build.media:published_files")),
    ("mails", ("courant.build.mails:build_mails", "courant.build.mails:mail_files",
               "courant.build.output:Staging.fill")),
    ("newsletter pages", ("courant.render.newsletter.web:newsletter_pages",)),
    ("the site's pages as Markdown", ("courant.render.site:render_site",
                                      "courant.render.site.signup:with_subscription_pages",
                                      "courant.render.site.statement:with_statement")),
    ("MkDocs build", ("courant.engine.mkdocs.adapter:build_site",
                      "courant.engine.mkdocs.session:PreviewSession.build",
                      "mkdocs.commands.build:build")),
    ("staging: settle and swap", ("courant.build.output:",)),
    ("cache written", ("courant.build.cache:Cache.commit",
                       "courant.build.cache:Cache.pending",
                       "courant.build.cache:PageShelf.save")),
    ("loading and validation", ("courant.build.pipeline:load",)),
    ("the preview: watching files, serving", ("livereload.", "socketserver:",
                                              "http.server:")),
)
OTHER_STAGE = "start-up and the rest"

# What the time goes to inside a stage: the first rule that one of the stack's frames matches
# (a module prefix, anywhere on the stack: these own all they call, so the specific ones come
# first); else the innermost frame's module (courant's) or module group (the others').
ACTIVITIES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("the menu (Material's nav.html, once per folder)", ("courant.engine.mkdocs.navcache:",
                                                         "template nav.html",
                                                         "template nav-item.html")),
    ("search index (each page's HTML parsed)", ("mkdocs.contrib.search", "material.plugins.search",
                                                "courant.engine.mkdocs.searchindex:")),
    ("sanitising HTML (nh3, ids)", ("courant.sanitize:", "courant.rawhtml:")),
    ("writing check (B1 scores)", ("courant.check.writing:", "courant.build.warmup:")),
    ("accessibility checks", ("courant.check.accessibility:", "courant.check.contrast:")),
    ("MkDocs' check of mkdocs.yml", ("courant.engine.mkdocs.configcheck:",)),
    ("reading sources (files, YAML, limits)", ("courant.read.files:", "courant.read.yamlload:",
                                               "courant.read.yamlcheck:",
                                               "courant.read.markdown_limits:")),
    ("validating, links, issues", ("courant.read.validate:", "courant.links:",
                                   "courant.read.schema:", "courant.check.closedissues:",
                                   "courant.read.sentrecords:", "courant.issues:")),
    ("Markdown to HTML (Python-Markdown)", ("markdown.", "pymdownx.")),
    ("theme templates (Jinja)", ("jinja2.", "template ")),
    ("reused pages: hard links from the previous dist/", ("courant.engine.mkdocs.pagecache:_link",
                                                          "os:link")),
    ("writing files", ("mkdocs.utils:write_file", "mkdocs.utils:copy_file", "shutil:",
                       "pathlib:Path.write", "pathlib:Path.mkdir")),
    ("images (Pillow)", ("PIL.",)),
    ("iCalendar", ("icalendar.",)),
    ("mail: MIME (.eml)", ("email.",)),
    ("importing modules", ("<frozen importlib._bootstrap>:_find_and_load",)),
)

# Module groups, for the self time (the innermost frame): courant's packages by stage as
# docs/development.md lists them, the libraries by name, the standard library by module.
LIBRARIES = {
    "markdown": "Python-Markdown", "pymdownx": "Python-Markdown", "jinja2": "Jinja",
    "markupsafe": "Jinja", "mkdocs": "MkDocs", "material": "Material (theme, plugins)",
    "PIL": "Pillow", "yaml": "PyYAML", "pyphen": "pyphen (writing check)",
    "icalendar": "icalendar", "feedgen": "feedgen", "lxml": "lxml (feedgen)", "nh3": "nh3",
    "babel": "Babel", "click": "Click", "rich": "rich", "pydantic": "pydantic",
    "pydantic_core": "pydantic",
}
FILES = {"os", "posixpath", "genericpath", "pathlib", "shutil", "stat", "fnmatch", "glob"}
COURANT_ROOT = {"model", "clock", "problems", "wording", "audience", "issues", "markup",
                "links", "sanitize", "rawhtml"}


def frame_parts(frame: str) -> tuple[str, str]:
    """'Staging.settle (courant/build/output.py:123)' -> ('courant.build.output',
    'Staging.settle'); a template 'root (partials/nav.html:3)' -> ('template partials/nav.html',
    'root'); a frozen module keeps its name ('<frozen posixpath>')."""
    function, _, place = frame.partition(" (")
    path = place.rstrip(")").rsplit(":", 1)[0]
    if path.startswith("<"):
        return path, function
    if path.endswith((".html", ".xml", ".svg", ".txt", ".js")):
        return f"template {path.removeprefix('material/templates/')}", function
    module = path.removesuffix(".py").removesuffix("/__init__").replace("/", ".")
    return module, function


def key(frame: str) -> str:
    module, function = frame_parts(frame)
    return f"{module}:{function}"


def _marked(text: str, marks: tuple[str, ...]) -> bool:
    return any(text.startswith(mark) for mark in marks)


def module_group(frame: str) -> str:
    """The group one frame's module belongs to."""
    module, _function = frame_parts(frame)
    if module.startswith("template "):
        return "Jinja"
    if module.startswith("<frozen importlib"):
        return "importing modules"
    top = module.split(".")[0]
    if top == "courant":
        parts = module.split(".")
        if len(parts) == 1:
            return "courant (the command's start)"
        if parts[1] in COURANT_ROOT:
            return "courant: model, markup, links, audience (the root modules)"
        return f"courant.{parts[1]}"
    if top in LIBRARIES:
        return LIBRARIES[top]
    if top == "<string>":
        return "Python: dataclasses' generated methods"
    top = top.removeprefix("<frozen ").rstrip(">")
    if top in FILES:
        return "Python: files and paths (os, pathlib, shutil)"
    return f"Python: {top}" if top in sys.stdlib_module_names else f"other: {top}"


def classify(stack: list[str]) -> tuple[str, str, str]:
    """(stage, activity, module group) of one sample's stack (root first)."""
    keys = [key(frame) for frame in stack]
    stage = next((label for k in reversed(keys) for label, marks in STAGES
                  if _marked(k, marks)), OTHER_STAGE)
    group = module_group(stack[-1])
    innermost = keys[-1].split(":")[0]
    activity = next((label for label, marks in ACTIVITIES
                     if any(_marked(k, marks) for k in keys)),
                    innermost if innermost.startswith("courant.") else group)
    return stage, activity, group


Samples = dict[str, Counter[tuple[str, str, str]]]

# A thread waiting here uses no CPU, though py-spy may count it as active (the preview's
# watcher and server wait most of the time): such samples are left out.
WAITING = ("threading:Condition.wait", "threading:Event.wait", "threading:Thread.join",
           "selectors:", "socketserver:BaseServer.serve_forever")


def read_samples(raw: Path) -> Samples:
    """Samples per (stage, activity, group), per process: 'own' (the command's) and 'second'
    (a forked one: the build's partner site and mails, half of the writing check's scores)."""
    found: Samples = {"own": Counter(), "second": Counter()}
    for line in raw.read_text(encoding="utf-8", errors="replace").splitlines():
        stack_text, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        frames = stack_text.split(";")
        processes = [f for f in frames if f.startswith("process ")]
        stack = [f for f in frames if f and not f.startswith("process ")]
        if not stack or any("_RefreshThread" in f for f in stack):
            continue  # the progress display's thread, asleep
        if key(stack[-1]).startswith(WAITING):
            continue
        found["second" if len(processes) > 1 else "own"][classify(stack)] += int(count)
    return found


def report(samples: Samples, cpu: float, pages: int) -> str:
    """Per process, the stages and what they spend; then the self time per module group; in
    seconds of CPU: each sample's share of all samples times the CPU time of an unprofiled
    run of the same command (`cpu`), per page (of the intranet, or the yardstick's) where
    `pages` is given."""
    everything = sum(sum(c.values()) for c in samples.values()) or 1

    def cells(count: int, total: int) -> str:
        seconds = cpu * count / everything
        per_page = f"{1000 * seconds / pages:.2f}" if pages else "-"
        return f"{seconds:.2f} | {100 * count / total:.0f} % | {per_page}"

    lines: list[str] = []
    for role, counts in samples.items():
        total = sum(counts.values())
        if not total:
            continue
        title = ("the command's own process" if role == "own"
                 else "its second process (partner site and mails; half the writing check)")
        lines += [f"\n{title}: {cpu * total / everything:.2f} s of CPU\n",
                  "| stage | what | s | share | ms per page |", "|---|---|---|---|---|"]
        stages: Counter[str] = Counter()
        activities: Counter[tuple[str, str]] = Counter()
        for (stage, activity, _group), count in counts.items():
            stages[stage] += count
            activities[(stage, activity)] += count
        for stage, stage_count in stages.most_common():
            rows = sorted(((a, c) for (s, a), c in activities.items() if s == stage),
                          key=lambda row: -row[1])
            shown = [(a, c) for a, c in rows if c / total >= 0.005]
            rest = stage_count - sum(c for _a, c in shown)
            for activity, count in [*shown, *([("the rest", rest)] if rest else [])]:
                lines.append(f"| {stage} | {activity} | {cells(count, total)} |")
    groups: Counter[str] = Counter()
    for counts in samples.values():
        for (_stage, _activity, group), count in counts.items():
            groups[group] += count
    lines += ["\nself time per module group (the innermost frame), both processes:\n",
              "| module group | s | share | ms per page |", "|---|---|---|---|"]
    shown = [(group, count) for group, count in groups.most_common()
             if count / everything >= 0.005]
    rest = everything - sum(count for _group, count in shown)
    lines += [f"| {group} | {cells(count, everything)} |"
              for group, count in [*shown, *([("the rest", rest)] if rest else [])]]
    return "\n".join(lines)
