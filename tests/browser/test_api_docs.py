"""The interactive API docs in a real browser: served from here, under their Content-Security-Policy."""

from __future__ import annotations

import pytest
from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.common.by import By

from tests.browser.conftest import wait

pytestmark = [pytest.mark.browser, pytest.mark.integration]


def test_the_api_docs_run_from_this_origin_under_their_policy(page: WebDriver, base_url: str) -> None:
    """Swagger UI's files come from this server and start under a CSP with no inline code."""
    page.get(f"{base_url}/docs")
    wait(page, lambda d: len(d.find_elements(By.CSS_SELECTOR, ".opblock")) >= 10, "Swagger UI did not render")
    assert "/v1/search" in page.find_element(By.ID, "swagger-ui").text
