"""A validation report as text, JSON, Turtle (the SHACL validation report) or an HTML page to send on."""

from __future__ import annotations

import json
from html import escape

from .shapes import Finding, Report

FORMATS = ("text", "json", "turtle", "html")

_WORDS = {
    "en": {"conforms": "conforms: no violations, no warnings", "warnings": "conforms (warnings only)",
           "fails": "does not conform", "title": "seoulkg validation report", "profile": "profile",
           "severity": "severity", "where": "where", "focus": "resource", "property": "property",
           "value": "value", "message": "finding", "none": "no findings",
           "parts": "{n} graphs, each validated on its own"},
    "ko": {"conforms": "적합: 위반 없음, 경고 없음", "warnings": "적합 (경고만 있음)",
           "fails": "부적합", "title": "seoulkg 검증 보고서", "profile": "프로파일",
           "severity": "심각도", "where": "위치", "focus": "자원", "property": "속성",
           "value": "값", "message": "내용", "none": "발견 사항 없음",
           "parts": "그래프 {n}개, 각각 따로 검증"},
}


def render(report: Report, fmt: str) -> str:
    if fmt == "turtle":
        return report.graph().serialize(format="turtle")
    if fmt == "json":
        results = [{"severity": f.severity, "graph": f.graph, "where": f.where, "focus": f.focus,
                    "focus_label": f.focus_label, "path": f.path, "value": f.value, "message": f.message,
                    "source_line": f.source_line, "shape": f.shape} for f in report.findings]
        parts = {"parts": list(report.parts)} if report.parts else {}
        return json.dumps({"conforms": report.conforms, "profile": report.profile, "lang": report.lang, **parts,
                           "results": results}, ensure_ascii=False, indent=1) + "\n"
    if fmt == "html":
        return _html(report)
    return _text(report)


def _verdict(report: Report) -> str:
    words = _WORDS[report.lang]
    verdict = words["conforms"] if not report.findings else words["warnings"] if report.conforms else words["fails"]
    return f"{verdict} ({words['parts'].format(n=len(report.parts))})" if report.parts else verdict


def _text(report: Report) -> str:
    lines = []
    for f in report.findings:
        where = ": ".join(filter(None, [f.graph, f.where])) or "-"
        what = (f.focus_label and f"{f.focus_label} <{f.focus}>") or f"<{f.focus}>"
        prop = f" {_short(f.path)}" if f.path else ""
        value = f" = {f.value}" if f.value else ""
        lines.append(f"{where}: {f.severity}: {what}{prop}{value}: {f.message}")
    return "\n".join([*lines, _verdict(report)]) + "\n"


def _short(iri: str) -> str:
    from ..namespaces import PREFIXES

    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and iri != namespace:
            return f"{prefix}:{iri[len(namespace):]}"
    return f"<{iri}>"


def _html(report: Report) -> str:
    words = _WORDS[report.lang]
    rows = "".join(_row(f) for f in report.findings) or f'<tr><td colspan="6">{words["none"]}</td></tr>'
    heads = "".join(f"<th>{words[k]}</th>" for k in ("severity", "where", "focus", "property", "value", "message"))
    return (f'<!DOCTYPE html>\n<html lang="{report.lang}"><head><meta charset="utf-8">'
            f'<title>{words["title"]}</title><style>body{{font-family:sans-serif;margin:2em}}'
            'table{border-collapse:collapse}td,th{border:1px solid #bbb;padding:.3em .5em;vertical-align:top}'
            '.Violation{color:#a00}.Warning{color:#a60}.Info{color:#06a}</style></head><body>'
            f'<h1>{words["title"]}</h1><p><strong>{escape(_verdict(report))}</strong> '
            f'({words["profile"]}: {report.profile})</p><table><tr>{heads}</tr>{rows}</table></body></html>\n')


def _row(f: Finding) -> str:
    where = ": ".join(filter(None, [f.graph, f.where]))
    cells = [f'<td class="{f.severity}">{f.severity}</td>', f"<td>{escape(where)}</td>",
             f"<td>{escape(f.focus_label)}<br><code>{escape(f.focus)}</code></td>",
             f"<td><code>{escape(_short(f.path)) if f.path else ''}</code></td>",
             f"<td><code>{escape(f.value)}</code></td>", f"<td>{escape(f.message)}</td>"]
    return "<tr>" + "".join(cells) + "</tr>"
