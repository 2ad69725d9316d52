"""Variants of the real 2022 report, made by script (deterministic, at test time): one for each way issue 13
says reports vary, each with the counts a correct build gives.

Every variant is an edit of the real text by its printed words (never by line numbers), so the script
fails loudly if the report it starts from changes. Run as a script to write them out:
`python tests/variants.py DIR`.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from seoulkg.paths import CURATION_DIR, DEFAULT_SOURCE

AUDIT_HEADING = "  Ⅳ. 2021년 행정사무감사 처리결과"
CORRECTIONS = "2 시정․처리 요구사항"
SUGGESTIONS = "3 건의사항"
_ITEM = re.compile(r"^(?P<lead>\s*)(?P<number>\d{1,3})\.\s+(?=\S)")
_PROGRAM = re.compile(r"^(?P<n>[1-9]) (?P<title>\S.*?)\s*$")


@dataclass(frozen=True)
class Expected:
    """What a correct build of a variant holds."""

    office: str
    programs: int = 24
    parts: int = 26  # the programs' numbered parts
    items: int = 180  # audit items
    facilities: int = 61  # 57, then the 마곡 R&D centres' two groups, 양곡도매시장 and 강남취창업허브센터
    milestones: int = 203  # 202, then 강남취창업허브센터's opening (’22.3.)
    audit_year: str | None = "2021"
    units: int = 17  # the office, its 2 planning officers, 10 divisions and 4 bodies
    warnings_include: tuple[str, ...] = ()  # pieces of warning text the build must print
    violations: tuple[str, ...] = ()  # the shapes that must find a shortfall (items the report counts, gone)
    reference_date: date = date(2022, 1, 21)  # the report's, as its tables print it


def lines() -> list[str]:
    return DEFAULT_SOURCE.read_text(encoding="utf-8").split("\n")


def _index(text: list[str], line: str, start: int = 0) -> int:
    """The index of the line printed exactly so; the script stops if the report no longer prints it."""
    return text.index(line, start)


def cover_and_contents() -> list[str]:
    """A cover page and a table of contents with page numbers (sub-entries naming the chart and the tables)."""
    cover = ["", "2022년 주요업무보고", "", "경 제 정 책 실", "", "2022. 2.", "", "", "목    차", "",
             "Ⅰ. 일 반 현 황 ································· 1",
             "   1. 조직현황 ·································· 1",
             "   2. 인력현황 ·································· 1",
             "   3. 주요기능 ·································· 2",
             "   4. 예    산 ·································· 3",
             "Ⅱ. 現 경제상황 ································· 5",
             "Ⅲ. 정책비전 및 목표 ···························· 9",
             "Ⅳ. 주요 업무 추진계획 ·························· 11",
             "Ⅳ. 2021년 행정사무감사 처리결과 ··············· 95", "", ""]
    return cover + lines()


_RENAMED = {"경제정책실": "문화정책실", "경제일자리기획관": "문화예술기획관", "신성장산업기획관": "관광체육기획관",
            "경제정책과": "문화정책과", "창업정책과": "문화예술과", "일자리정책과": "관광정책과",
            "제조산업혁신과": "체육정책과", "도시농업과": "박물관과"}


def _spaced(name: str) -> re.Pattern[str]:
    """A name however the report letter-spaces it ('경 제 정 책 과')."""
    return re.compile(r"\s?".join(map(re.escape, name)))


def renamed_units() -> list[str]:
    """Another office: the office, its planning officers and five divisions renamed everywhere."""
    text = "\n".join(lines())
    for old, new in _RENAMED.items():
        text = _spaced(old).sub(new, text)
    return text.split("\n")


def undo_renames(text: str) -> str:
    """A variant's text with the real report's names back (to compare what it prints with the report's)."""
    for old, new in [*_RENAMED.items(), ("경제정책실", "경제정책국")]:
        text = text.replace(new, old)
    return text


def bureau() -> list[str]:
    """A 국 office: 경제정책실 becomes 경제정책국 (its composition '1국‧…')."""
    text = _spaced("경제정책실").sub("경제정책국", "\n".join(lines()))
    return text.replace("조직현황 - 1실‧", "조직현황 - 1국‧").split("\n")


def audit_alone() -> list[str]:
    """An extract: the report's title and its audit section alone."""
    text = lines()
    return ["주요업무보고 경제정책실", "", *text[_index(text, AUDIT_HEADING):]]


def _item_blocks(text: list[str], part: str, stop: str) -> list[tuple[int, int]]:
    """(first, end) index ranges of the numbered items of an audit part."""
    first, last = _index(text, part), _index(text, stop)
    starts = [i for i in range(first + 1, last) if _ITEM.match(text[i])]
    return list(zip(starts, [*starts[1:], last], strict=True))


def next_years_audit() -> list[str]:
    """Next year's audit: the heading's year moves on, correction items 1-20 are gone (resolved) and the
    rest renumbered from 1; the summary still states the old counts."""
    text = lines()
    heading = _index(text, AUDIT_HEADING)
    text[heading] = AUDIT_HEADING.replace("2021년", "2022년")
    blocks = _item_blocks(text, CORRECTIONS, SUGGESTIONS)
    gone = {i for first, end in blocks[:20] for i in range(first, end)}
    for position, (first, _) in enumerate(blocks[20:], start=1):
        item = _ITEM.match(text[first])
        assert item
        text[first] = _ITEM.sub(f"{item['lead']}{position}. ", text[first], count=1)
    return [line for i, line in enumerate(text) if i not in gone]


def program_removed() -> list[str]:
    """Next year's plan without program 1-1: its block and its overview entry gone, 1-2… renumbered."""
    text = lines()
    plan = _index(text, "    Ⅳ. 주요 업무 추진계획")
    headers = [i for i in range(plan, _index(text, AUDIT_HEADING)) if _PROGRAM.match(text[i])]
    first, end = headers[0], headers[1]
    entry = next(i for i in range(plan, first) if text[i].startswith(" 취약계층"))
    area_two = next(i for i in range(first, len(text)) if text[i].startswith(" 2. "))
    for i in headers[1:]:
        if i >= area_two:
            break
        header = _PROGRAM.match(text[i])
        assert header
        text[i] = f"{int(header['n']) - 1}{text[i][1:]}"
    return [line for i, line in enumerate(text) if i != entry and not first <= i < end]


def audit_heading_2019() -> list[str]:
    """The 2019 report's style of audit heading: section Ⅴ, no 년, no spaces."""
    text = lines()
    text[_index(text, AUDIT_HEADING)] = "Ⅴ. 2021 행정사무감사처리결과"
    return text


def unknown_status_and_missing_parts() -> list[str]:
    """Status wordings the real pages also print (추진불가, 추진검토), an item with no 추진내용 and one with no
    향후계획."""
    text = lines()
    blocks = _item_blocks(text, CORRECTIONS, SUGGESTIONS)
    for (first, end), wording in zip(blocks[:2], ("추진불가", "추진검토"), strict=True):
        status = next(i for i in range(first, end) if text[i].startswith("□ 추진상황"))
        text[status] = f"□ 추진상황 : {wording}"
    separate = [(first, end) for first, end in blocks[2:] if "□ 향후계획" in text[first:end]]
    gone: set[int] = set()
    for (first, end), part in zip(separate[:2], ("□ 추진내용", "□ 향후계획"), strict=True):
        start = next(i for i in range(first, end) if text[i] == part)
        stop = next((i for i in range(start + 1, end) if text[i].startswith("□ ")), end)
        gone |= set(range(start, stop))
    return [line for i, line in enumerate(text) if i not in gone]


_SHORT_YEAR = re.compile(r"(?<=[’‘])(1[5-9]|2\d|3[01])(?!\d)")  # ’22, ‘21
_LONG_YEAR = re.compile(r"(?<![\d,.])20(1[5-9]|2\d|3[01])(?![\d,])")  # 2021, not 2,021 or 2050
_BARE_YEAR = re.compile(r"(?<=[<\s])(2[0-2])(?=년)")  # '<21년 …', ' 22년 예산'


def next_year() -> list[str]:
    """Next year's report of the same office: every year it prints one later (’22 → ’23, 2021 → 2022), so its
    reference date, plan and audit are a year on; everything else as printed."""
    def later(match: re.Match[str]) -> str:
        return str(int(match[0]) + 1)

    text = "\n".join(lines())
    for pattern in (_SHORT_YEAR, _LONG_YEAR, _BARE_YEAR):
        text = pattern.sub(later, text)
    return text.split("\n")


def undo_next_year(text: str) -> str:
    """A next-year text with the real report's years back (every year it shifted, one earlier)."""
    def earlier(match: re.Match[str]) -> str:
        return str(int(match[0]) - 1)

    text = re.sub(r"(?<=[’‘])(1[6-9]|2\d|3[0-2])(?!\d)", earlier, text)
    text = re.sub(r"(?<![\d,.])20(1[6-9]|2\d|3[0-2])(?![\d,])", earlier, text)
    return re.sub(r"(?<=[<\s])(2[1-3])(?=년)", earlier, text)


# The shipped curation's rows whose quotes print a year, and what next year's report prints there instead
# (the README's worked example): (table, the 2022 report's words, next year's).
NEXT_YEAR_QUOTES = (("facilities.csv", "용산(’22.11월 개관)", "용산(’23.11월 개관)"),
                    ("audit-links.csv", "2017년 AI양재허브를 두는", "2018년 AI양재허브를 두는"),
                    ("audit-links.csv", "서울비전 2030 핵심과제", "서울비전 2031 핵심과제"))


def next_year_curation(report: Path, folder: Path) -> Path:
    """Curation for next year's report (`next_year()` written to `report`): a copy of the shipped folder
    whose report.sha256 names that text, its rows quoting a year quoting next year's words."""
    shutil.copytree(CURATION_DIR, folder)
    digest = hashlib.sha256(report.read_bytes()).hexdigest()
    (folder / "report.sha256").write_text(f"{digest}  {report.name}\n", encoding="utf-8")
    for table, old, new in NEXT_YEAR_QUOTES:
        path = folder / table
        text = path.read_text(encoding="utf-8")
        assert old in text, (table, old)
        path.write_text(text.replace(old, new), encoding="utf-8")
    return folder


VARIANTS: dict[str, tuple[Callable[[], list[str]], Expected]] = {
    "cover-and-contents": (cover_and_contents, Expected("경제정책실")),
    "renamed-units": (renamed_units, Expected("문화정책실")),
    "bureau": (bureau, Expected("경제정책국")),
    "audit-alone": (audit_alone, Expected("경제정책실", programs=0, parts=0, facilities=0, milestones=0, units=1,
                                          warnings_include=("no organisation chart",))),
    # the summary still counts the 20 items gone: a shortfall the shapes must find
    # (correction 15, whose answer names 강남취창업허브센터 and its opening, is among them)
    "next-years-audit": (next_years_audit, Expected("경제정책실", items=160, facilities=60, milestones=202,
                                                    audit_year="2022", violations=("AuditSummaryShortfallShape",))),
    "program-removed": (program_removed, Expected("경제정책실", programs=23, milestones=200)),
    "audit-heading-2019": (audit_heading_2019, Expected("경제정책실")),
    # the curated facility anchors that print a year (’22.11월 개관) are not printed: 3 facilities and their 3
    # milestones left out, warned
    "next-year": (next_year, Expected("경제정책실", facilities=58, milestones=200, audit_year="2022",
                                      reference_date=date(2023, 1, 21))),
    # two items' statuses are not understood, so the summary's counts of them are not met in the graph
    "unknown-status": (unknown_status_and_missing_parts, Expected(
        "경제정책실", warnings_include=("'추진불가' not known", "'추진검토' not known"),
        violations=("AuditSummaryShortfallShape",))),
}


def write(directory: Path, names: Iterable[str] = VARIANTS) -> dict[str, Path]:
    """Write each named variant (default: every one) as DIR/NAME.txt."""
    directory.mkdir(parents=True, exist_ok=True)
    written = {}
    for name in names:
        path = directory / f"{name}.txt"
        path.write_text("\n".join(VARIANTS[name][0]()), encoding="utf-8")
        written[name] = path
    return written


if __name__ == "__main__":
    for written in write(Path(sys.argv[1])).values():
        print(written)
