"""The report text: reading it, its checksum, and line spans quoted from it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from ..errors import SeoulKGError


@dataclass(frozen=True, order=True)
class Span:
    """A closed range of 1-based source lines and the exact text of those lines."""

    start: int
    end: int
    text: str

    def __post_init__(self) -> None:
        if self.start < 1 or self.end < self.start:
            raise ValueError(f"bad line span {self.start}-{self.end}")


@dataclass(frozen=True)
class SourceDocument:
    """The report as lines of text, with its file name and SHA-256."""

    path: Path
    lines: tuple[str, ...]
    sha256: str

    @classmethod
    def read(cls, path: Path | str) -> SourceDocument:
        """Read a UTF-8 text file; raise SeoulKGError naming the file on any failure."""
        path = Path(path)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raise SeoulKGError(f"{path}: source file not found") from None
        except OSError as exc:
            raise SeoulKGError(f"{path}: cannot read source file: {exc.strerror}") from None
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            raise SeoulKGError(f"{path}:{line}: source is not valid UTF-8 (byte {exc.start})") from None
        if not text.strip():
            raise SeoulKGError(f"{path}: source file is empty")
        return cls(path, tuple(text.split("\n")), hashlib.sha256(raw).hexdigest())

    def line(self, number: int) -> str:
        """The text of 1-based line `number`."""
        return self.lines[number - 1]

    def span(self, start: int, end: int | None = None) -> Span:
        """The span of lines start..end (inclusive), quoting their exact text."""
        end = start if end is None else end
        return Span(start, end, "\n".join(self.lines[start - 1 : end]))

    def find(self, needle: str, start: int = 1, end: int | None = None) -> int | None:
        """The first 1-based line number in start..end whose text contains `needle`."""
        stop = len(self.lines) if end is None else end
        for number in range(start, stop + 1):
            if needle in self.lines[number - 1]:
                return number
        return None
