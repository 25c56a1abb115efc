"""End to end in headless Chromium: search from the home page, open a hit, read its citation.

Needs Debian's chromium and chromium-driver (`.ci/run` installs them). Without them the test
is skipped on a developer's machine and fails in CI, where they must be there.
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
# Chromium's own flags for a sandbox-less, offline, headless run.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--window-size=1280,1000",
]

if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
    if os.environ.get("CI"):
        pytest.fail(
            "chromium and chromium-driver are not installed: .ci/run should install them", pytrace=False
        )
    pytest.skip("needs /usr/bin/chromium and /usr/bin/chromedriver", allow_module_level=True)

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(seeds_db, tmp_path):
    """`quotes serve` (immutable, as the README runs it) on a free port; stopped afterwards."""
    db = tmp_path / "quotes.db"
    shutil.copy(seeds_db, db)
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "quotes", "serve", str(db), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(url + "/-/versions.json", timeout=2)
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"server did not start: {process.stdout.read().decode()}") from None
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def browser(tmp_path):
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in CHROMIUM_FLAGS + [f"--user-data-dir={tmp_path / 'chromium-profile'}"]:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


def test_search_open_a_quote_and_read_its_citation(server, browser, tmp_path):
    wait = WebDriverWait(browser, 20)
    browser.get(server + "/")
    search = wait.until(EC.presence_of_element_located((By.ID, "quotes-q")))
    search.send_keys("expendable", Keys.ENTER)

    # The hits, the matched word highlighted in each.
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "td.col-snippet mark")))
    assert "/search_quotes?q=expendable" in browser.current_url
    marks = browser.find_elements(By.CSS_SELECTOR, "td.col-snippet mark")
    assert len(marks) >= 2  # one row per statement: Kirby's three reports are one
    assert {m.text.lower() for m in marks} == {"expendable"}
    assert marks[0].value_of_css_property("background-color") != "rgba(0, 0, 0, 0)"
    rows = browser.find_elements(By.CSS_SELECTOR, "table.rows-and-columns tbody tr")
    kirby = [r for r in rows if r.find_element(By.CSS_SELECTOR, "td.col-speaker").text == "John Kirby"]
    assert kirby
    browser.save_screenshot(str(tmp_path / "search.png"))

    # One click opens the quote in its context.
    kirby[0].find_element(By.CSS_SELECTOR, "td.col-quote_id a").click()
    quote = wait.until(EC.presence_of_element_located((By.ID, "quote")))
    assert "/quote/" in browser.current_url
    assert "expendable" in quote.text
    context = browser.find_element(By.ID, "context").text
    assert len(context) > len(quote.text) + 20  # the sentences around it are there too
    citation = browser.find_element(By.ID, "citation").text
    assert citation.startswith("John Kirby")
    assert "expendable" in citation and "None" not in citation

    # The copy button copies it, or, where the clipboard is refused, selects it to copy.
    browser.find_element(By.ID, "copy-citation").click()
    status = wait.until(lambda d: d.find_element(By.ID, "copy-status").text)
    assert status in ("Copied", "Selected: press Ctrl+C to copy")

    # The CSL-JSON link gives this one quote.
    csl_url = browser.find_element(By.ID, "csl-link").get_attribute("href")
    with urllib.request.urlopen(csl_url) as response:
        items = json.loads(response.read())
    assert [item["id"] for item in items] == [browser.current_url.rsplit("/", 1)[1]]
    # The item is the article (the seeds name no byline); the speaker is in its note.
    assert "author" not in items[0] and items[0]["note"].startswith("John Kirby")
