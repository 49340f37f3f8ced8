"""Problems found in content: collected, then reported together."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the content, located as precisely as we can."""

    path: str
    line: int | None
    message: str
    severity: str = "error"

    def sort_key(self) -> tuple[str, int, str]:
        """By file, then line (problems without a line first), so a report reads top to bottom."""
        return (self.path, self.line or 0, self.message)

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        prefix = "" if self.severity == "error" else "warning: "
        return f"{where}: {prefix}{self.message}"


@dataclass
class Problems:
    """A collector that every loading step writes into, so all problems are reported at once."""

    root: Path
    items: list[Problem] = field(default_factory=list)

    def add(self, path: Path | str, line: int | None, message: str) -> None:
        self.items.append(Problem(self.relative(path), line, message))

    def warn(self, path: Path | str, line: int | None, message: str) -> None:
        self.items.append(Problem(self.relative(path), line, message, "warning"))

    def relative(self, path: Path | str) -> str:
        path = Path(path)
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "warning"]


class ContentError(Exception):
    """Raised when content has errors; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=Problem.sort_key)
        super().__init__("\n".join(str(p) for p in self.problems))


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def summary_line(problems: list[Problem], verb: str = "Build stopped") -> str:
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    return f"{verb}: {plural(errors, 'error')}, {plural(warnings, 'warning')}."
