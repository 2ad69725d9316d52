"""Resource pages show the facts: literals inline with units and as-of dates, parts unfolded, property
names in the page's language, "linked from" paged with its total, values in natural order."""

from __future__ import annotations

import re

import pytest
from starlette.testclient import TestClient

from seoulkg.paths import BUILT_GRAPH
from seoulkg.web.app import create_app

ROBOT_HALL = "/doc/facility/서울로봇-인공지능과학관.html"
ITEM_14 = "/doc/audit/economic-policy-office/2021/correction/14.html"
REPORT = "https://w3id.org/seoulkg/id/source/economic-policy-office/2022/seoul-economic-policy-office-2022-work-report"


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app([BUILT_GRAPH]))


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_a_facility_page_shows_its_figures(client: TestClient) -> None:
    text = _text(client.get(ROBOT_HALL).text)
    assert "도봉구 창동 1-25" in text  # address
    assert "7,405 ㎡" in text and "연면적 7,405㎡" in text  # floor area, with the text as printed
    assert "지하2층~지상4층" in text  # floors
    assert "43,697,000,000 KRW" in text and "43,697백만원" in text  # total cost
    assert "22.8 %" in text and "19.2 % · “공정률 19.2%” · as of 2022-01-21" in text  # progress, as of
    assert "착공 · ’21.5월 (2021-05-01 – 2021-05-31)" in text  # an event with its dates


def test_an_audit_item_page_shows_follow_ups_due_and_overdue(client: TestClient) -> None:
    page = client.get(ITEM_14).text
    text = _text(page)
    assert "뷰티복합문화공간 조성･운영에 19억 책정되었으나" in text  # the demand
    assert "추진중" in text  # its status
    assert "(2021-06-30) · 기한 경과 overdue" in text  # a follow-up due in 2021, the item still open
    assert page.count("class=overdue") == 3
    closed = client.get("/doc/audit/economic-policy-office/2021/correction/12.html").text  # completed
    assert "class=overdue" not in closed


def test_property_names_in_the_page_language(client: TestClient) -> None:
    korean, english = client.get(ROBOT_HALL).text, client.get(ROBOT_HALL, params={"lang": "en"}).text
    assert '<html lang="ko">' in korean and '<html lang="en">' in english
    assert '<span title="construction progress · skg:progress">공정률</span>' in korean
    assert '<span title="공정률 · skg:progress">construction progress</span>' in english
    assert '<span title="주소 · schema:address">address</span>' in english
    assert 'href="?lang=en"' in korean and 'href="?lang=ko"' in english  # the toggle


def test_linked_from_is_paged_with_its_total(client: TestClient) -> None:
    count = client.get("/sparql", params={"query": f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s ?p <{REPORT}> }}",
                                          "format": "json"}).json()["results"]["bindings"][0]["n"]["value"]
    total = int(count)
    assert total > 1000
    page = "/doc/source/economic-policy-office/2022/seoul-economic-policy-office-2022-work-report.html"
    first = client.get(page, params={"lang": "en"}).text
    assert f"Linked from ({total:,})" in first and f"1–50 / {total:,}" in first and 'rel="next"' in first
    last_page = (total + 49) // 50
    last = client.get(page, params={"lang": "en", "from_page": last_page}).text
    assert f"{(last_page - 1) * 50 + 1:,}–{total:,} / {total:,}" in last and 'rel="next"' not in last
    rows = len(re.findall(r"<tr><th>", last.split("id=linked-from", 1)[1]))
    assert rows == total - (last_page - 1) * 50


def test_values_in_natural_order(client: TestClient) -> None:
    page = client.get("/doc/audit/economic-policy-office/2021.html", params={"lang": "en"}).text
    items = re.findall(r">Correction demand (\d+)<", page)
    assert len(items) > 20 and items == sorted(items, key=int)
    text = _text(client.get(ITEM_14).text)  # follow-ups 1..7 in the report's order
    steps = ["뷰티산업 트렌드 상설체험", "조성위치", "공간기능", "추진일정", "조성계획 수립", "공간 구성 기획",
             "공간 조성 및 개관"]
    assert [text.index(step) for step in steps] == sorted(text.index(step) for step in steps)
