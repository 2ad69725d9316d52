"""A real browser (Debian's headless Chromium through Selenium and chromedriver) on a served site, for each
journey a visitor takes: search → a facility → its program → an audit item about it; the query page
running a canned query in YASGUI (loaded from the site itself) and following a result link; an index page
paged and sorted; a unit's page with its charts. The site serves the canonical w3id.org IRIs, so every
link followed here is one the site made local. Screenshots are kept in build/screenshots/."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from support import free_port, require, running

from seoulkg.paths import BUILT_GRAPH
from seoulkg.web.app import create_app
from seoulkg.web.querypage import has_yasgui

pytestmark = pytest.mark.browser
SCREENSHOTS = Path(__file__).resolve().parents[1] / "build" / "screenshots"
W3ID = "https://w3id.org/seoulkg/"


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    """The app on loopback, serving the canonical IRIs: pages link through the site wherever it runs."""
    port = free_port()
    with running(create_app([BUILT_GRAPH]), port):
        yield f"http://127.0.0.1:{port}/"


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    chromium, driver = require("chromium", "chromedriver", install="`make setup` installs Debian's chromium and "
                               "chromium-driver")
    os.environ["SE_OFFLINE"] = "true"  # never let Selenium Manager fetch a browser
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--window-size=1280,1400", f"--user-data-dir={tmp_path_factory.mktemp('chromium')}"):
        options.add_argument(flag)
    session = webdriver.Chrome(service=Service(executable_path=driver), options=options)
    session.set_page_load_timeout(60)
    yield session
    session.quit()


def _screenshot(browser, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    browser.save_screenshot(str(path))
    assert path.stat().st_size > 10_000
    return path


def _wait(browser, condition, seconds: float = 30):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(browser, seconds).until(condition)


def _h1(browser) -> str:
    from selenium.webdriver.common.by import By

    return browser.find_element(By.TAG_NAME, "h1").text


def test_search_a_facility_its_program_and_an_audit_item_about_it(site: str, browser) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    browser.get(site)
    box = browser.find_element(By.CSS_SELECTOR, "header form.search input[name=q]")
    box.send_keys("뷰티복합", Keys.ENTER)
    _wait(browser, lambda b: "/search" in b.current_url)
    results = browser.find_elements(By.CSS_SELECTOR, "table.index tbody tr")
    assert results and results[0].text.startswith("뷰티복합문화공간") and "시설" in results[0].text
    _screenshot(browser, "1-search")
    results[0].find_element(By.TAG_NAME, "a").click()
    assert _h1(browser) == "뷰티복합문화공간"
    assert browser.current_url.startswith(site + "doc/facility/")  # local, though the IRI is w3id.org's
    _screenshot(browser, "2-facility")
    # its program: the part of the beauty-industry program that builds it, then the program itself
    browser.find_element(By.PARTIAL_LINK_TEXT, "뷰티산업 트렌드 상설체험").click()
    assert _h1(browser).startswith("뷰티산업 트렌드 상설체험")
    browser.find_element(By.LINK_TEXT, "서울의 매력과 문화자원을 활용, 뷰티산업 육성지원").click()
    assert _h1(browser) == "서울의 매력과 문화자원을 활용, 뷰티산업 육성지원"
    assert "/doc/program/economic-policy-office/2022/beauty-industry" in browser.current_url
    _screenshot(browser, "3-program")
    # an audit item about it, from the program's "linked from"
    browser.find_element(By.LINK_TEXT, "시정·처리 요구사항 14").click()
    assert _h1(browser) == "시정·처리 요구사항 14"
    body = browser.find_element(By.TAG_NAME, "body").text
    assert "뷰티복합문화공간 조성･운영에 19억 책정되었으나" in body and "추진중" in body
    assert len(browser.find_elements(By.CSS_SELECTOR, ".overdue")) == 3  # follow-ups due in 2021, still open
    _screenshot(browser, "4-audit-item")
    browser.find_element(By.LINK_TEXT, "English").click()
    assert _h1(browser) == "Correction demand 14" and "responsible unit" in browser.page_source
    _screenshot(browser, "5-audit-item-en")


def test_query_page_runs_a_canned_query_in_yasgui_and_follows_a_result(site: str, browser) -> None:
    from selenium.webdriver.common.by import By

    assert has_yasgui(), "`make setup` (target yasgui) puts YASGUI into the package's static files"
    browser.get(f"{site}sparql")
    _wait(browser, lambda b: b.execute_script("return !!(window.Yasgui && window.seoulkgYasgui)"))
    scripts = [s.get_attribute("src") for s in browser.find_elements(By.CSS_SELECTOR, "script[src]")]
    assert scripts == [f"{site}static/yasgui/yasgui.min.js"]  # from this site, no CDN
    assert browser.find_elements(By.CSS_SELECTOR, ".yasgui .CodeMirror")  # the editor is up
    browser.find_element(By.CSS_SELECTOR, 'button[data-query="staffing"]').click()
    rows = _wait(browser, lambda b: b.find_elements(By.CSS_SELECTOR, ".yasr table tbody tr"))
    assert len(rows) == 13  # the staffing table's rows (the total row as the office)
    assert "인력현황" in browser.execute_script("return window.seoulkgYasgui.getTab().getQuery()")
    assert "경제정책실" in rows[0].text
    _screenshot(browser, "6-query-page")
    links = _wait(browser, lambda b: b.find_elements(By.CSS_SELECTOR, ".yasr table tbody a.local"))
    office = next(a for a in links if a.get_attribute("href").endswith("/id/unit/economic-policy-office"))
    assert office.get_attribute("href") == f"{site}id/unit/economic-policy-office"  # w3id.org's, made local
    browser.execute_script("arguments[0].click()", office)  # the cell's ellipsis overlays the link
    _wait(browser, lambda b: "/doc/unit/" in b.current_url)
    assert _h1(browser) == "경제정책실"
    _screenshot(browser, "7-query-result-followed")


def test_an_index_page_pages_and_sorts(site: str, browser) -> None:
    from selenium.webdriver.common.by import By

    browser.get(site)
    browser.find_element(By.CSS_SELECTOR, 'header nav a[href="./audit-items"]').click()
    assert _h1(browser) == "감사 처리사항" and "180건" in browser.find_element(By.CLASS_NAME, "count").text

    def numbers() -> list[int]:
        return [int(r.find_elements(By.TAG_NAME, "td")[1].text)
                for r in browser.find_elements(By.CSS_SELECTOR, "table.index tbody tr")]

    browser.find_element(By.CSS_SELECTOR, 'th a[data-sort="number"]').click()  # ascending
    first = numbers()
    assert len(first) == 50 and first == sorted(first) and first[0] == 1
    browser.find_element(By.CSS_SELECTOR, 'th a[data-sort="number"]').click()  # descending
    descending = numbers()
    assert descending == sorted(descending, reverse=True) and descending[0] > 50  # numbers, not text
    _screenshot(browser, "8-index-sorted")
    browser.find_element(By.CSS_SELECTOR, 'nav.pager a[rel="next"]').click()
    second = numbers()
    assert "page=2" in browser.current_url and len(second) == 50 and max(second) <= min(descending)
    assert browser.find_element(By.CSS_SELECTOR, "nav.pager strong").text == "2"
    _screenshot(browser, "9-index-page-2")


def test_unit_page_shows_names_charts_and_source(site: str, browser) -> None:
    from selenium.webdriver.common.by import By

    browser.get(f"{site}id/unit/urban-agriculture-division")  # 303 to the HTML document
    assert browser.current_url == f"{site}doc/unit/urban-agriculture-division.html"
    assert _h1(browser) == "도시농업과"
    assert "Urban Agriculture Division" in browser.page_source
    charts = browser.find_elements(By.TAG_NAME, "svg")
    assert len(charts) == 3 and all(c.size["height"] > 50 for c in charts)
    assert "농수산물 도매시장 관리" in browser.find_element(By.TAG_NAME, "body").text
    sweep = browser.find_elements(By.CSS_SELECTOR, "svg title")
    assert any(re.fullmatch(r"all units 2022-07-01 \d+", t.get_attribute("textContent")) for t in sweep)
    _screenshot(browser, "10-unit-page")
    browser.find_element(By.LINK_TEXT, "경제정책실").click()  # org:unitOf, a local link
    assert _h1(browser) == "경제정책실"
