"""The search box read as a request in words: "Make filters" turns it into removable filter chips."""

from __future__ import annotations

import pytest
from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.common.by import By

from tests.browser.conftest import Screenshot, wait
from tests.browser.test_search_page import result_count, titles

pytestmark = [pytest.mark.browser, pytest.mark.integration]

REQUEST = "articles from Xinhua in October 2017 where more than 1,000 people were killed"


def chips(driver: WebDriver) -> list[str]:
    """The chips' labels, read at once: the chips are re-rendered with every search."""
    script = "return [...document.querySelectorAll('.active-filters .chip')].map((c) => c.firstChild.data)"
    return [str(label).strip() for label in driver.execute_script(script)]


def test_a_request_in_words_becomes_filter_chips_that_can_be_removed(
    page: WebDriver, base_url: str, screenshot: Screenshot
) -> None:
    page.get(f"{base_url}/")
    wait(page, lambda d: "5 articles in all" in result_count(d))
    page.find_element(By.ID, "q").send_keys(REQUEST)
    page.find_element(By.ID, "as-filters").click()

    wait(page, lambda d: result_count(d).startswith("1 article match the filters"), "no filters applied")
    assert titles(page) == ["U.S.-backed Syrian forces capture Syria's Raqqa from Islamic State"]
    shown = chips(page)
    assert len(shown) == 3, shown
    assert "Sources: Xinhua" in shown and "date: 2017-10-01 to 2017-10-31" in shown
    assert any("killed" in chip and "1,000" in chip for chip in shown)
    assert page.find_element(By.ID, "q").get_attribute("value") == ""
    assert "source=Xinhua" in page.current_url and "from=2017-10-01" in page.current_url
    screenshot("08-filters-from-words")

    page.find_element(By.CSS_SELECTOR, 'button[aria-label="Remove filter Sources: Xinhua"]').click()

    wait(page, lambda d: "Sources: Xinhua" not in chips(d), "the source chip was not removed")
    assert len(chips(page)) == 2 and "source=Xinhua" not in page.current_url
