"""Articles whose title, text, outlet or authors hold markup are shown as text: no script ever runs.

The payloads would each set `window.pwned` if the browser ran them; the page's own fixture also
fails on any console error (a script the CSP had to block logs one) and any request to another host.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from elasticsearch import Elasticsearch
from fastapi.testclient import TestClient
from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.common.by import By

from newsdesk.search_api.app import create_app
from newsdesk.search_api.index.admin import drop_index
from newsdesk.search_api.settings import Settings
from tests.browser.conftest import Screenshot, serving, wait

pytestmark = [pytest.mark.browser, pytest.mark.integration]

SCRIPT = "<script>window.pwned = 'script'</script>"
IMG = "<img src=x onerror=\"window.pwned = 'onerror'\">"
SVG = "<svg onload=\"window.pwned = 'onload'\"></svg>"
LINK = "<a href=\"javascript:window.pwned = 'link'\">read more</a>"
HOSTILE = {
    "id": "hostile-markup",
    "format": "text",  # kept as text, so the markup reaches the page as the article's words
    "title": f"Zanzibar council {SCRIPT}{IMG}",
    "content": f"The Zanzibar council met on Monday. {SCRIPT} It approved the budget {IMG} and {SVG} "
    f"the roads plan. {LINK} javascript:alert(1) onerror=alert(2)",
    "source": f"Zanzibar Times {IMG}",
    "authors": [f"Jane {SVG}", "javascript:alert(3)"],
    "url": "https://example.org/zanzibar?a=<script>",
}
# Stored before urls were checked at ingest (written straight into the index): the page must still
# never make it a link.
LEGACY = {
    "title": "Zanzibar legacy",
    "content": "The Zanzibar port reopened.",
    "url": "javascript:window.pwned='url'",
}


@pytest.fixture(scope="module")
def hostile_url(settings: Settings, es_client: Elasticsearch) -> Iterator[str]:
    own = settings.model_copy(update={"index_alias": f"{settings.index_alias}-xss"})
    try:
        with TestClient(create_app(own)) as api:
            response = api.post("/v1/ingest", json={"articles": [HOSTILE]})
            assert response.status_code == 200 and response.json()["failed"] == [], response.text
        es_client.index(index=own.index_alias, id="hostile-legacy", document=LEGACY, refresh=True)
        with serving(own) as url:
            yield url
    finally:
        drop_index(es_client, own)


def nothing_ran(driver: WebDriver) -> None:
    assert driver.execute_script("return window.pwned ?? null") is None
    selector = "body script, [onerror], [onload], a[href^='javascript' i]"
    injected = driver.execute_script("return document.querySelectorAll(arguments[0]).length", selector)
    assert injected == 0


def test_markup_in_results_and_facets_is_text(
    page: WebDriver, hostile_url: str, screenshot: Screenshot
) -> None:
    page.get(f"{hostile_url}/?q=Zanzibar")
    wait(page, lambda d: len(d.find_elements(By.CSS_SELECTOR, ".hit h3")) == 2)
    titles = [title.text for title in page.find_elements(By.CSS_SELECTOR, ".hit h3")]
    assert any(SCRIPT in title and IMG in title for title in titles)
    hits = page.find_element(By.CSS_SELECTOR, ".results").text
    assert f"Zanzibar Times {IMG}" in hits and SVG in hits
    assert IMG in page.find_element(By.CSS_SELECTOR, '[data-facet="source"]').text
    nothing_ran(page)
    screenshot("20-hostile-results")


def test_markup_in_the_article_view_is_text(
    page: WebDriver, hostile_url: str, screenshot: Screenshot
) -> None:
    page.get(f"{hostile_url}/?article=hostile-markup")
    wait(page, lambda d: "Zanzibar council met" in d.find_element(By.ID, "article-text").text)
    view = page.find_element(By.ID, "article-view").text
    for payload in (SCRIPT, IMG, SVG, LINK, "javascript:alert(3)"):
        assert payload in view, payload
    original = page.find_element(By.CSS_SELECTOR, '#article-view a[href^="https://example.org/"]')
    assert original.get_attribute("href").startswith("https://example.org/zanzibar")
    nothing_ran(page)
    screenshot("21-hostile-article")


def test_a_stored_javascript_url_is_never_a_link(page: WebDriver, hostile_url: str) -> None:
    page.get(f"{hostile_url}/?article=hostile-legacy")
    wait(page, lambda d: "Zanzibar port reopened" in d.find_element(By.ID, "article-text").text)
    assert LEGACY["url"] in page.find_element(By.ID, "article-view").text  # shown, as text
    nothing_ran(page)
