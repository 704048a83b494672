"""The story view: from a result to its story, the timeline, and the figures with the disagreement marked."""

from __future__ import annotations

import pytest
from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.common.by import By

from tests.browser.conftest import Screenshot, wait

pytestmark = [pytest.mark.browser, pytest.mark.integration]


def story_open(driver: WebDriver) -> bool:
    return bool(driver.execute_script("return document.getElementById('story-view').open"))


def evidence_shown(driver: WebDriver, cell_text: str) -> str:
    for cell in driver.find_elements(By.CSS_SELECTOR, "#story-body .has-evidence"):
        tip = cell.find_element(By.CSS_SELECTOR, ".evidence")
        if cell_text in cell.text and tip.is_displayed():
            return str(tip.text)
    return ""


def test_a_result_opens_its_story_with_the_figures_side_by_side(
    page: WebDriver, base_url: str, screenshot: Screenshot
) -> None:
    page.get(f"{base_url}/?q=Raqqa")
    link = wait(page, lambda d: d.find_elements(By.CSS_SELECTOR, ".hit .story-link"))[0]
    link.click()
    wait(page, lambda d: d.find_elements(By.CSS_SELECTOR, "#story-body table.figures"))
    assert story_open(page) and "storyview=" in page.current_url

    timeline = page.find_elements(By.CSS_SELECTOR, "#story-body .timeline li")
    assert len(timeline) == 5
    assert "5 outlets" in page.find_element(By.CSS_SELECTOR, "#story-body .meta").text

    months = page.find_element(By.CSS_SELECTOR, 'table.figures[data-fact="duration in months"]')
    assert "the outlets disagree" in months.find_element(By.TAG_NAME, "caption").text
    [odd] = months.find_elements(By.CSS_SELECTOR, "tr.disagrees")
    assert "five-month" in odd.text and "disagrees" in odd.text
    assert len(months.find_elements(By.CSS_SELECTOR, "tbody tr")) == 5

    killed = page.find_element(By.CSS_SELECTOR, 'table.figures[data-fact="people killed"]')
    assert "as many as 3,250" in killed.text and "more than 1,000" in killed.text
    cell = next(
        c for c in killed.find_elements(By.CSS_SELECTOR, ".has-evidence") if "as many as 3,250" in c.text
    )
    page.execute_script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].focus()", cell)
    assert "3,250" in wait(page, lambda d: evidence_shown(d, "as many as 3,250"))  # evidence on focus
    screenshot("09-story-figures")

    page.find_element(By.ID, "story-close").click()
    wait(page, lambda d: not story_open(d))
    assert "storyview=" not in page.current_url
