"""A real browser on the real page: Debian's headless Chromium, driven by Selenium, against uvicorn.

The server runs in a thread on a free loopback port, over this session's seeded index (the
`seeded_api` fixture). The browser starts with a fresh profile and without any of Chromium's
background traffic, so the only requests it makes are the page's own. Screenshots go to
`test-artifacts/screenshots/` (git-ignored) for a person to look at.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi.testclient import TestClient
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import WebDriverWait

from newsdesk.search_api.app import create_app
from newsdesk.search_api.settings import Settings
from tests.conftest import REPO

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
SCREENSHOTS = REPO / "test-artifacts" / "screenshots"
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-default-apps",
    "--disable-extensions",
    "--lang=en-GB",
)
WIDE = (1400, 1000)
WAIT_SECONDS = 20

Screenshot = Callable[[str], Path]


@contextmanager
def serving(settings: Settings) -> Iterator[str]:
    """The API and its page, served by uvicorn in a thread on a free loopback port."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name=f"uvicorn-{port}", daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("uvicorn did not start for the browser tests")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="package")  # stopped once the browser tests are done
def base_url(settings: Settings, seeded_api: TestClient) -> Iterator[str]:
    """The page over this session's seeded index."""
    with serving(settings) as url:
        yield url


@pytest.fixture(scope="package")  # stopped once the browser tests are done
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebDriver]:
    for binary, package in ((CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver")):
        if not binary.exists():
            pytest.fail(f"{binary} is missing: `make browser` (or apt-get install -y {package}) installs it")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        options.add_argument(flag)
    options.add_argument(f"--window-size={WIDE[0]},{WIDE[1]}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=str(CHROMEDRIVER)))
    driver.set_window_size(*WIDE)
    yield driver
    driver.quit()


@pytest.fixture
def expected_console_errors() -> list[str]:
    """Parts of console errors a test provokes on purpose (the browser logs every HTTP 400)."""
    return []


@pytest.fixture
def page(browser: WebDriver, base_url: str, expected_console_errors: list[str]) -> Iterator[WebDriver]:
    """The browser on a blank state, wide; afterwards, no console errors and no outside requests."""
    browser.set_window_size(*WIDE)
    browser.get(f"{base_url}/static/favicon.svg")  # same origin, so sessionStorage can be cleared
    browser.execute_script("sessionStorage.clear()")
    browser.get_log("browser")  # drop what earlier tests logged
    yield browser
    errors = [entry["message"] for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
    assert [error for error in errors if not any(part in error for part in expected_console_errors)] == []
    origin, resources = browser.execute_script(
        "return [location.origin, performance.getEntriesByType('resource').map(e => e.name)]"
    )
    assert origin.startswith("http://127.0.0.1:")
    assert [url for url in resources if not url.startswith(f"{origin}/")] == []


@pytest.fixture(scope="session")
def screenshots() -> Path:
    shutil.rmtree(SCREENSHOTS, ignore_errors=True)
    SCREENSHOTS.mkdir(parents=True)
    return SCREENSHOTS


@pytest.fixture
def screenshot(page: WebDriver, screenshots: Path) -> Screenshot:
    def take(name: str) -> Path:
        path = screenshots / f"{name}.png"
        page.save_screenshot(str(path))
        return path

    return take


def wait(driver: WebDriver, condition: Callable[[WebDriver], Any], message: str = "") -> Any:
    return WebDriverWait(driver, WAIT_SECONDS, poll_frequency=0.1).until(condition, message)


def facet_counts(driver: WebDriver, facet: str) -> dict[str, int | None]:
    """{value: count} of a facet as the sidebar shows it."""
    boxes: list[WebElement] = driver.find_elements("css selector", f'[data-facet="{facet}"] label.check')
    counts: dict[str, int | None] = {}
    for box in boxes:
        count = box.find_element("css selector", ".count").text.replace(",", "")
        counts[box.find_element("css selector", ".value").text] = int(count) if count else None
    return counts
