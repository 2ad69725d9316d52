"""Errors and warnings that reach the user as one clear line."""

from __future__ import annotations

from dataclasses import dataclass


class SeoulKGError(Exception):
    """A problem with the user's input or environment, reported without a traceback (exit 2)."""


@dataclass(frozen=True, order=True)
class ExtractionWarning:
    """Something the extractor could not read unambiguously, with the line where it happened."""

    line: int
    reason: str
    file: str | None = None  # another file than the report's (a curated table's row)

    def format(self, filename: str) -> str:
        return f"{self.file or filename}:{self.line}: warning: {self.reason}"
