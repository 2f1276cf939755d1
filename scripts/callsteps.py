#!/usr/bin/env python3
"""Count the steps from `courant build` to the written files (issue 11's figure).

    scripts/callsteps.py                     # this tree's courant on this tree's demo
    scripts/callsteps.py --src ../other/src  # another checkout's courant, same demo
    scripts/callsteps.py --list              # and every step, by module

A step is one distinct courant function (module + qualified name, nested functions too;
comprehensions, lambdas, class and module bodies not) that runs, in any thread, from the moment the
CLI's `build` command is entered until the swap of staging into dist/ (`_swap` in the output
module) has returned. The demo (content/, newsletter/, theme/, mkdocs.yml of this tree) is
copied to a fresh folder, so the cache is cold and there is no dist/; COURANT_SERIAL=1 keeps
the whole build in this process, where sys.setprofile sees it; "now" is the tests' moment.

A step is "in a cache module" when the last part of its module's name contains "cache"
(diskcache, sourcecache, pagecache, navcache, engine.cache); "speed-only" adds the modules that
exist only for speed without saying so in their name: codekey, kept and warmup.
"""

from __future__ import annotations

import argparse
import inspect
import os
import shutil
import sys
import tempfile
import threading
from collections import defaultdict
from pathlib import Path
from types import FrameType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEMO = ("content", "newsletter", "theme", "mkdocs.yml", "toegankelijkheid.json")
NOW_EPOCH = "1795345200"  # 2026-11-22 12:00 Amsterdam, as in the tests and scripts/bench
CLI_MODULES = ("courant.cli", "courant.cli.site")  # the build command, before/after issue 11
SWAP = "_swap"  # courant.output before issue 11, courant.build.output after
SPEED_ONLY = ("codekey", "kept", "warmup")


def in_cache_module(module: str) -> bool:
    return "cache" in module.rsplit(".", 1)[-1]


def speed_only(module: str) -> bool:
    return in_cache_module(module) or module.rsplit(".", 1)[-1] in SPEED_ONLY


class Steps:
    """The profile hook: records courant's functions between the build command and the swap."""

    def __init__(self, package: Path) -> None:
        self.package = str(package) + os.sep
        self.recording = False
        self.done = False
        self.seen: set[tuple[str, str]] = set()

    def __call__(self, frame: FrameType, event: str, _arg: Any) -> None:
        if event not in ("call", "return") or self.done:
            return
        code = frame.f_code
        if (not code.co_filename.startswith(self.package) or code.co_name.startswith("<")
                or not code.co_flags & inspect.CO_OPTIMIZED):  # a class body, not a function
            return
        module = frame.f_globals.get("__name__", "?")
        if event == "return":
            if self.recording and code.co_name == SWAP and module.endswith("output"):
                self.done = True
            return
        if not self.recording and code.co_name == "build" and module in CLI_MODULES:
            self.recording = True
        if self.recording:
            self.seen.add((module, code.co_qualname))


def demo_copy(target: Path) -> None:
    for name in DEMO:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        elif source.exists():
            shutil.copy2(source, target / name)


def count(src: Path) -> Steps:
    sys.path.insert(0, str(src))
    os.environ.update(COURANT_SERIAL="1", SOURCE_DATE_EPOCH=NOW_EPOCH, NO_MKDOCS_2_WARNING="1")
    import courant
    from courant.cli import main

    steps = Steps(Path(courant.__file__).resolve().parent)
    with tempfile.TemporaryDirectory(prefix="callsteps-") as folder:
        project = Path(folder)
        demo_copy(project)
        os.chdir(project)
        threading.setprofile(steps)
        sys.setprofile(steps)
        try:
            main.main(["build"], prog_name="courant", standalone_mode=False)
        finally:
            sys.setprofile(None)
            threading.setprofile(None)
            os.chdir(ROOT)
    if not steps.done:
        sys.exit("callsteps: the build never reached the swap into dist/")
    return steps


def report(steps: Steps, listing: bool) -> None:
    seen = steps.seen
    cache = sorted(s for s in seen if in_cache_module(s[0]))
    speed = sorted(s for s in seen if speed_only(s[0]))
    modules = {module for module, _ in seen}
    print(f"steps from `courant build` to the swap into dist/: {len(seen)} functions "
          f"in {len(modules)} modules")
    print(f"  in cache modules (name contains 'cache'): {len(cache)}")
    print(f"  in speed-only modules (those + {', '.join(SPEED_ONLY)}): {len(speed)}")
    if listing:
        by_module: dict[str, list[str]] = defaultdict(list)
        for module, name in sorted(seen):
            by_module[module].append(name)
        for module, names in by_module.items():
            print(f"{module} ({len(names)}): {', '.join(names)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--src", type=Path, default=ROOT / "src",
                        help="the folder that holds the courant package (default: this tree's)")
    parser.add_argument("--list", action="store_true", help="print every step, by module")
    args = parser.parse_args()
    report(count(args.src.resolve()), args.list)


if __name__ == "__main__":
    main()
