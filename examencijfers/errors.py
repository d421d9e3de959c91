"""The project's own errors: each says what went wrong and where, in one line."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class ExamencijfersError(Exception):
    """Base class: the command line prints str(error) on one line and exits non-zero."""


@dataclass
class InputError(ExamencijfersError):
    """A file that cannot be loaded as it is: names the file, line, column, expectation and finding."""

    file: Path | str
    message: str
    line: int | None = None
    column: str | None = None
    expected: str | None = None
    found: str | None = None

    def __str__(self) -> str:
        where = str(self.file)
        if self.line is not None:
            where += f", line {self.line}"
        if self.column is not None:
            where += f", column {self.column!r}"
        text = f"{where}: {self.message}"
        if self.expected is not None:
            text += f"; expected {self.expected}"
        if self.found is not None:
            found = self.found if len(self.found) <= 60 else self.found[:57] + "..."
            text += f", found {found!r}"
        return text
