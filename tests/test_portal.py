"""The portal's ways in: /search (HTML and JSON) and the index pages, paged, sorted and filtered."""

from __future__ import annotations

import re

import pytest
from starlette.testclient import TestClient

from seoulkg.paths import BUILT_GRAPH
from seoulkg.web.app import create_app
from seoulkg.web.portal import sort_key

ID = "https://w3id.org/seoulkg/id/"


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app([BUILT_GRAPH]))


def _found(client: TestClient, query: str, **headers: str) -> list[dict[str, str]]:
    response = client.get("/search", params={"q": query}, headers={"Accept": "application/json", **headers})
    assert response.headers["content-type"] == "application/json"
    return response.json()


def test_korean_substring_finds_the_division_first_and_the_job_programs(client: TestClient) -> None:
    found = _found(client, "일자리")
    assert found[0] == {"iri": ID + "unit/jobs-policy-division", "label": "일자리정책과",
                        "type": "http://www.w3.org/ns/org#OrganizationalUnit", "kind": "unit"}
    iris = [f["iri"] for f in found]
    programs = ID + "program/economic-policy-office/2022/"
    assert programs + "youth-job-academy" in iris and programs + "seoul-new-deal-jobs" in iris
    assert ID + "unit/economy-and-jobs-planning-officer" in iris  # 경제일자리기획관: a substring


def test_english_labels_notations_and_printed_names(client: TestClient) -> None:
    assert _found(client, "jobs policy division")[0]["iri"] == ID + "unit/jobs-policy-division"
    assert _found(client, "in_progress")[0]["iri"] == ID + "code/audit-status/in_progress"
    assert _found(client, "경 제 정 책 과")[0]["iri"] == ID + "unit/economic-policy-division"  # as printed
    # an exact name before the names that contain it
    assert [f["label"] for f in _found(client, "뷰티복합문화공간")][:1] == ["뷰티복합문화공간"]
    assert _found(client, "") == [] and _found(client, "no such thing at all") == []


def test_search_page_links_its_results(client: TestClient) -> None:
    page = client.get("/search", params={"q": "도시농업"}).text
    assert '<a href="./id/unit/urban-agriculture-division">도시농업과</a>' in page  # through this site
    assert 'name=q value="도시농업"' in page
    english = client.get("/search", params={"q": "도시농업", "lang": "en"}).text
    assert "Urban Agriculture Division" in english and '<html lang="en">' in english


def test_every_page_has_a_search_box_and_the_indexes(client: TestClient) -> None:
    home = client.get("/").text
    # what the graph says of itself, and the offices whose reports it holds, linked (none named in the code)
    assert "Economic Policy Office&#x27;s 2022 work report to the city council" in home
    assert "<a href='./id/unit/economic-policy-office'>경제정책실</a>" in home
    for path in ("units", "programs", "facilities", "audit-items"):
        assert f'href="./{path}"' in home
    assert 'action="./search"' in home
    assert 'action="../../search"' in client.get("/doc/unit/urban-agriculture-division.html").text


def _rows(page: str) -> list[list[str]]:
    body = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [[re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row)]
            for row in re.findall(r"<tr>(.*?)</tr>", body)]


@pytest.mark.parametrize("path, count", [("units", 20), ("programs", 24), ("facilities", 61), ("audit-items", 180)])
def test_index_pages_list_everything(client: TestClient, path: str, count: int) -> None:
    page = client.get(f"/{path}", params={"size": 500}).text
    assert f"<p class=count>{count}건</p>" in page and len(_rows(page)) == count


def test_index_pages_page_sort_as_numbers_and_filter(client: TestClient) -> None:
    first = _rows(client.get("/audit-items", params={"sort": "number", "size": 25}).text)
    assert len(first) == 25 and [r[1] for r in first[:4]] == ["1", "1", "1", "2"]  # three categories
    last = client.get("/audit-items", params={"sort": "number", "order": "desc", "size": 25, "page": 8}).text
    assert len(_rows(last)) == 180 - 7 * 25 and 'rel="prev"' in last and 'rel="next"' not in last
    by_area = _rows(client.get("/facilities", params={"sort": "area_m2", "order": "desc"}).text)
    areas = [float(r[3].replace(",", "")) for r in by_area if r[3]]
    assert areas == sorted(areas, reverse=True) and len(areas) > 10
    jobs = _rows(client.get("/programs", params={"filter": "일자리정책과"}).text)
    assert {r[3] for r in jobs} == {"일자리정책과"} and len(jobs) == 6
    english = client.get("/units", params={"lang": "en"}).text
    assert "Jobs Policy Division" in english and "<p class=count>20 rows</p>" in english


def test_sort_keys_order_numbers_as_numbers() -> None:
    assert sorted(["11", "2", "1", ""], key=lambda v: sort_key(v, True)) == ["1", "2", "11", ""]
    assert sorted(["1.10", "1.9", "1.2"], key=lambda v: sort_key(v, False)) == ["1.2", "1.9", "1.10"]
