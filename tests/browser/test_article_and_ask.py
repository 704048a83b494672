"""The article view (entities and figures marked, boilerplate on demand) and the Ask panel."""

from __future__ import annotations

import pytest
from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webelement import WebElement

from tests.browser.conftest import Screenshot, wait

pytestmark = [pytest.mark.browser, pytest.mark.integration]

SOHR_REPORT = "004_66dd8c24867dc48b"


def dialog_open(driver: WebDriver) -> bool:
    return bool(driver.execute_script("return document.getElementById('article-view').open"))


def tooltip(driver: WebDriver) -> str:
    tip = driver.find_element(By.ID, "mark-tip")
    return str(tip.text) if tip.is_displayed() else ""


def in_view(driver: WebDriver, element: WebElement) -> bool:
    return bool(
        driver.execute_script(
            "const r = arguments[0].getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight",
            element,
        )
    )


def test_the_article_view_marks_entities_and_figures(
    page: WebDriver, base_url: str, screenshot: Screenshot
) -> None:
    page.get(f"{base_url}/?article={SOHR_REPORT}")
    wait(page, lambda d: d.find_elements(By.CSS_SELECTOR, ".article-text .mark"))
    assert dialog_open(page)

    person = page.find_element(By.CSS_SELECTOR, ".article-text .ent-PERSON")
    page.execute_script("arguments[0].scrollIntoView({block: 'center'})", person)
    wait(page, lambda d: in_view(d, person))
    ActionChains(page).move_to_element(person).perform()
    wait(page, lambda d: tooltip(d).startswith("Person: "))
    figure = next(
        mark
        for mark in page.find_elements(By.CSS_SELECTOR, ".article-text .num-NUMBER")
        if "1,130" in mark.text
    )
    page.execute_script("arguments[0].focus()", figure)  # focus shows what hover shows
    wait(page, lambda d: "Count: 1,130" in tooltip(d))
    screenshot("04-article-marks")

    summary = page.find_element(By.CSS_SELECTOR, ".boilerplate summary")
    page.execute_script("arguments[0].scrollIntoView({block: 'center'})", summary)
    summary.click()
    removed = page.find_element(By.CSS_SELECTOR, ".boilerplate ul")
    assert "Leave a Reply" in removed.text
    assert "Leave a Reply" not in page.find_element(By.ID, "article-text").text
    assert page.find_elements(By.CSS_SELECTOR, ".boilerplate .reason")
    page.execute_script("arguments[0].scrollIntoView()", removed)
    screenshot("05-article-boilerplate")

    page.find_element(By.ID, "article-close").click()
    wait(page, lambda d: "article=" not in d.current_url)
    assert not dialog_open(page)


def test_an_entity_of_the_article_filters_the_search(page: WebDriver, base_url: str) -> None:
    page.get(f"{base_url}/?article={SOHR_REPORT}")
    wait(page, lambda d: d.find_elements(By.CSS_SELECTOR, ".mentioned summary"))
    page.find_element(By.CSS_SELECTOR, ".mentioned summary").click()
    chip = page.find_element(By.CSS_SELECTOR, ".mentioned .entity-chip")
    name = chip.text.rsplit("\n", 1)[0].rsplit(" ", 1)[0]
    chip.click()
    wait(page, lambda d: not dialog_open(d))
    wait(
        page, lambda d: any(name in c.text for c in d.find_elements(By.CSS_SELECTOR, ".active-filters .chip"))
    )


def ask(page: WebDriver, question: str) -> WebElement:
    box = page.find_element(By.ID, "ask-input")
    box.send_keys(question, Keys.ENTER)
    answered = ".message.assistant:not([aria-busy]) .citations"
    wait(page, lambda d: d.find_elements(By.CSS_SELECTOR, answered), f"no cited answer to {question!r}")
    return page.find_elements(By.CSS_SELECTOR, ".message.assistant")[-1]


def test_asking_streams_a_cited_answer_that_opens_the_evidence(
    page: WebDriver, base_url: str, screenshot: Screenshot
) -> None:
    page.get(f"{base_url}/")
    wait(page, lambda d: d.find_elements(By.CSS_SELECTOR, ".hit"))

    answer = ask(page, "How many civilians were killed?")

    assert answer.find_element(By.CSS_SELECTOR, ".answer-text").text.startswith("1,130 civilians")
    citations = answer.find_elements(By.CSS_SELECTOR, ".citations .citation")
    assert citations and all("1,130" in citation.text for citation in citations)
    screenshot("06-ask-answer")

    cited_title = citations[0].find_element(By.CSS_SELECTOR, ".citation-title").text
    answer.find_element(By.CSS_SELECTOR, ".answer-text button.cite").click()

    evidence = wait(page, lambda d: d.find_elements(By.ID, "evidence"))[0]
    assert dialog_open(page)
    assert page.find_element(By.ID, "article-heading").text == cited_title
    assert "1,130 civilians" in evidence.text
    assert evidence.find_element(By.CSS_SELECTOR, ".answer").text == "1,130"
    assert in_view(page, evidence)
    assert "at=" in page.current_url
    screenshot("07-citation-evidence")

    shared = page.current_url  # the citation is a link: the evidence comes back from the URL alone
    page.find_element(By.TAG_NAME, "body").send_keys(Keys.ESCAPE)
    wait(page, lambda d: not dialog_open(d))
    page.get(shared)
    evidence = wait(page, lambda d: d.find_elements(By.ID, "evidence"))[0]
    assert "1,130 civilians" in evidence.text


def test_disagreeing_sources_are_shown(page: WebDriver, base_url: str, screenshot: Screenshot) -> None:
    page.get(f"{base_url}/")
    wait(page, lambda d: d.find_elements(By.CSS_SELECTOR, ".hit"))

    answer = ask(page, "How long did the battle last?")

    disagreement = answer.find_element(By.CSS_SELECTOR, ".disagreement")
    assert "disagree" in disagreement.text
    assert "four months" in disagreement.text and "five months" in disagreement.text
    page.execute_script("arguments[0].scrollIntoView({block: 'center'})", disagreement)
    screenshot("08-ask-disagreement")
