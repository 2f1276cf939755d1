"""Problems found in the editors' sources, collected before anything stops."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "fout"
    WARNING = "waarschuwing"


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding: `content/updates/x.md:3: department: "wijk" is geen afdeling; ...`.

    A warning says so right after the place, before the key, so every line starts alike:
    `content/updates/x.md:5: (waarschuwing) summary: is 310 tekens lang; ...`."""

    file: str
    message: str
    key: str | None = None
    line: int | None = None
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        tag = " (waarschuwing)" if self.severity is Severity.WARNING else ""
        key = f" {self.key}:" if self.key else ""
        return f"{where}:{tag}{key} {self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


@dataclass
class Problems:
    """A collector: every step adds to it; the pipeline stops once, at the end of a step."""

    found: list[Problem] = field(default_factory=list)

    def add(
        self,
        file: str,
        message: str,
        *,
        key: str | None = None,
        line: int | None = None,
        warning: bool = False,
    ) -> None:
        severity = Severity.WARNING if warning else Severity.ERROR
        self.found.append(Problem(file, message, key, line, severity))

    def extend(self, problems: Iterable[Problem]) -> None:
        self.found.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.found if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.found if not p.is_error]

    def sorted(self) -> list[Problem]:
        return sorted(self.found, key=lambda p: (p.file, p.line or 0, p.key or ""))

    def raise_if_errors(self) -> None:
        if self.errors:
            raise ContentError(self.sorted())


class ContentError(Exception):
    """The sources break the editors' contract; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
