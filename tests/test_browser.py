"""A real browser (Debian's headless Chromium through Selenium and chromedriver) on a served site: a unit's
page with its charts, and the query page running a canned query. Screenshots are kept in build/screenshots/."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from support import free_port, require, running

from seoulkg.paths import BUILT_GRAPH
from seoulkg.web.app import create_app

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[1] / "build" / "screenshots"


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    """The app on loopback, serving its IRIs under its own address so that every link stays local."""
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    with running(create_app([BUILT_GRAPH], base=base), port):
        yield base


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
                 "--window-size=1280,2000", f"--user-data-dir={tmp_path_factory.mktemp('chromium')}"):
        options.add_argument(flag)
    session = webdriver.Chrome(service=Service(executable_path=driver), options=options)
    yield session
    session.quit()


def _screenshot(browser, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    browser.save_screenshot(str(path))
    assert path.stat().st_size > 10_000
    return path


def test_unit_page_shows_names_charts_and_source(site: str, browser) -> None:
    from selenium.webdriver.common.by import By

    browser.get(f"{site}id/unit/urban-agriculture-division")  # 303 to the HTML document
    assert browser.current_url == f"{site}doc/unit/urban-agriculture-division.html"
    assert browser.find_element(By.TAG_NAME, "h1").text == "도시농업과"
    assert "Urban Agriculture Division" in browser.page_source
    charts = browser.find_elements(By.TAG_NAME, "svg")
    assert len(charts) == 3 and all(c.size["height"] > 50 for c in charts)
    assert "농수산물 도매시장 관리" in browser.find_element(By.TAG_NAME, "body").text
    _screenshot(browser, "unit-page")
    browser.find_element(By.LINK_TEXT, "경제정책실").click()  # org:unitOf, a local link
    assert browser.find_element(By.TAG_NAME, "h1").text == "경제정책실"


def test_query_page_runs_a_canned_query(site: str, browser) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(f"{site}sparql")
    browser.find_element(By.CSS_SELECTOR, 'button[data-query="staffing"]').click()
    assert "인력현황" in browser.find_element(By.ID, "query").get_attribute("value")
    browser.find_element(By.ID, "run").click()
    table = (By.CSS_SELECTOR, "#results table")
    WebDriverWait(browser, 20).until(expected_conditions.presence_of_element_located(table))
    rows = browser.find_elements(By.CSS_SELECTOR, "#results table tr")
    assert len(rows) == 14  # the header and the staffing table's 13 rows
    assert "경제정책실" in rows[1].text and "307" in rows[1].text
    _screenshot(browser, "query-page")
