"""Problems found in the handbook's data, reported as one line each (file, field, what, expected)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    file: str
    field: str
    message: str
    expected: str = ""

    def __str__(self) -> str:
        where = f"{self.file}: {self.field or '(file)'}"
        text = f"{where}: {self.message}"
        if self.expected:
            text += f" (expected: {self.expected})"
        return text


class DataError(Exception):
    """Raised when data files have problems; carries every problem found, not only the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__(self.report())

    def report(self) -> str:
        n = len(self.problems)
        head = f"{n} problem{'s' if n != 1 else ''} in the handbook data (fix them and build again):"
        return "\n".join([head, *(f"  {p}" for p in self.problems)])
