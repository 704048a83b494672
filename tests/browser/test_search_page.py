"""Searching in a real browser: the query box, facets whose counts move, figures, paging, the URL."""

from __future__ import annotations

import pytest
from pydantic import SecretStr
from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from newsdesk.search_api.settings import Settings
from tests.browser.conftest import Screenshot, facet_counts, serving, wait
from tests.conftest import REPO

pytestmark = [pytest.mark.browser, pytest.mark.integration]


def result_count(driver: WebDriver) -> str:
    """The results' summary line ("5 articles matching “Raqqa”."), read at once: it is re-rendered often."""
    return str(driver.execute_script("return document.getElementById('result-count')?.textContent ?? ''"))


def titles(driver: WebDriver) -> list[str]:
    return [str(title.text) for title in driver.find_elements(By.CSS_SELECTOR, ".hit h3")]


def search_for(driver: WebDriver, query: str) -> None:
    box = driver.find_element(By.ID, "q")
    box.clear()
    box.send_keys(query, Keys.ENTER)
    wait(driver, lambda d: f"“{query}”" in result_count(d), f"no results for {query!r}")


def test_ticking_a_facet_changes_the_hits_and_the_other_facets_counts(
    page: WebDriver, base_url: str, screenshot: Screenshot
) -> None:
    page.get(f"{base_url}/")
    wait(page, lambda d: "5 articles in all" in result_count(d))
    search_for(page, "Raqqa")
    assert result_count(page).startswith("5 articles matching")
    sources, people = facet_counts(page, "source"), facet_counts(page, "people")
    assert sources == {"Los Angeles Times": 1, "Xinhua": 1}
    screenshot("01-search-results")

    page.find_element(By.CSS_SELECTOR, '[data-facet="source"] input[data-value="Xinhua"]').click()

    wait(page, lambda d: result_count(d).startswith("1 article matching"))
    assert titles(page) == ["U.S.-backed Syrian forces capture Syria's Raqqa from Islamic State"]
    assert facet_counts(page, "source") == sources  # disjunctive: Xinhua's siblings keep their counts
    narrowed = facet_counts(page, "people")
    assert narrowed and narrowed != people
    assert all((count or 0) <= (people.get(name) or 1) for name, count in narrowed.items())
    assert "source=Xinhua" in page.current_url and "q=Raqqa" in page.current_url
    assert "Sources: Xinhua" in page.find_element(By.CSS_SELECTOR, ".active-filters").text
    screenshot("02-facet-ticked")

    page.get(page.current_url)  # a bookmark brings the same search back
    wait(page, lambda d: result_count(d).startswith("1 article matching"))
    assert page.find_element(By.CSS_SELECTOR, 'input[data-value="Xinhua"]').is_selected()
    assert page.find_element(By.ID, "q").get_attribute("value") == "Raqqa"

    page.find_element(By.CSS_SELECTOR, ".active-filters .chip .remove").click()
    wait(page, lambda d: result_count(d).startswith("5 articles"))
    page.back()
    wait(page, lambda d: result_count(d).startswith("1 article"))


def test_highlights_are_marks_and_the_escaped_text_reads_as_written(page: WebDriver, base_url: str) -> None:
    page.get(f"{base_url}/?q=Syria%27s")
    wait(page, lambda d: d.find_elements(By.CSS_SELECTOR, ".hit"))
    results = page.find_element(By.ID, "results-body")
    marks = results.find_elements(By.CSS_SELECTOR, ".fragments mark, h3 mark")
    assert marks and all(mark.text.lower().startswith("syria") for mark in marks)
    text = results.text
    assert "Syria's" in text
    assert "&#x27;" not in text and "<mark>" not in text and "&amp;" not in text


def test_a_figure_filter_finds_the_articles_that_state_the_toll(
    page: WebDriver, base_url: str, screenshot: Screenshot
) -> None:
    page.get(f"{base_url}/")
    wait(page, lambda d: "5 articles" in result_count(d))

    page.find_element(By.CSS_SELECTOR, ".figures button.suggestion").click()

    wait(page, lambda d: result_count(d).startswith("3 articles match the filters"))
    assert "num=people%2Ckilled%2C1000" in page.current_url
    chips = [chip.text for chip in page.find_elements(By.CSS_SELECTOR, ".figures .chip")]
    assert chips and "people killed ≥ 1,000" in chips[0]
    matched = [hit.text for hit in page.find_elements(By.CSS_SELECTOR, ".matched-numbers")]
    assert len(matched) == 3
    assert any("3,250" in text for text in matched) and any("more than 1,000" in text for text in matched)
    page.execute_script("window.scrollTo(0, 0)")
    screenshot("03-figure-filter")

    # the same filter typed into the form, with a bound that keeps only the highest toll
    page.find_element(By.CSS_SELECTOR, ".active-filters .chip .remove").click()
    wait(page, lambda d: "5 articles" in result_count(d))
    page.find_element(By.CSS_SELECTOR, ".figure-details summary").click()
    form = page.find_element(By.CSS_SELECTOR, ".figure-form")
    form.find_element(By.NAME, "counted").send_keys("people")
    form.find_element(By.NAME, "verb").send_keys("killed")
    form.find_element(By.NAME, "min").send_keys("3,000", Keys.ENTER)
    wait(page, lambda d: result_count(d).startswith("2 articles"))


def test_pages_are_links_and_the_page_is_in_the_url(page: WebDriver, base_url: str) -> None:
    page.get(f"{base_url}/?size=2")
    wait(page, lambda d: "(1–2 shown)" in result_count(d))
    first_page = titles(page)

    page.find_element(By.CSS_SELECTOR, ".pager a[rel=next]").click()

    wait(page, lambda d: "(3–4 shown)" in result_count(d))
    assert "page=2" in page.current_url
    assert not set(titles(page)) & set(first_page)
    assert page.find_element(By.CSS_SELECTOR, ".pager [aria-current=page]").text == "2"
    page.back()
    wait(page, lambda d: "(1–2 shown)" in result_count(d))


def test_the_query_language_is_explained_and_errors_are_shown(
    page: WebDriver, base_url: str, expected_console_errors: list[str]
) -> None:
    expected_console_errors.append(
        "/v1/search - Failed to load resource: the server responded with a status of 400"
    )
    page.get(f"{base_url}/")
    wait(page, lambda d: "5 articles" in result_count(d))
    help_toggle = page.find_element(By.ID, "help-toggle")
    help_toggle.click()
    assert help_toggle.get_attribute("aria-expanded") == "true"
    help_text = page.find_element(By.ID, "query-help").text
    for syntax in ('"Syrian Democratic Forces"', "-Mosul", "OR", "title:", "source:", "author:"):
        assert syntax in help_text
    page.find_element(By.CSS_SELECTOR, '#query-help [data-example="source:Xinhua"]').click()
    wait(page, lambda d: result_count(d).startswith("1 article matching"))

    search_for_error = page.find_element(By.ID, "q")
    search_for_error.clear()
    search_for_error.send_keys("colour:red", Keys.ENTER)
    alert = wait(page, lambda d: d.find_elements(By.CSS_SELECTOR, "#results-body [role=alert]"))
    assert "colour" in alert[0].text


def test_keyboard_alone_searches_opens_and_closes_an_article(page: WebDriver, base_url: str) -> None:
    page.get(f"{base_url}/")
    wait(page, lambda d: "5 articles" in result_count(d))
    body = page.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    assert page.switch_to.active_element.text == "Skip to the results"
    for _ in range(5):
        if page.switch_to.active_element.get_attribute("id") == "q":
            break
        page.switch_to.active_element.send_keys(Keys.TAB)
    search_box = page.switch_to.active_element
    assert search_box.get_attribute("id") == "q"
    assert search_box.value_of_css_property("outline-style") != "none"  # the focus is visible

    xinhua = page.find_element(By.CSS_SELECTOR, 'input[data-value="Xinhua"]')
    page.execute_script("arguments[0].focus()", xinhua)
    page.switch_to.active_element.send_keys(Keys.SPACE)  # tick a facet from the keyboard
    wait(page, lambda d: result_count(d).startswith("1 article"))
    # the sidebar was drawn again, and the focus is still on the box that was ticked
    assert page.switch_to.active_element.get_attribute("data-value") == "Xinhua"
    assert page.switch_to.active_element.is_selected()
    page.switch_to.active_element.send_keys(Keys.SPACE)
    wait(page, lambda d: result_count(d).startswith("5 articles"))

    search_box = page.find_element(By.ID, "q")
    search_box.send_keys("stadium", Keys.ENTER)
    wait(page, lambda d: "“stadium”" in result_count(d))
    link = page.find_element(By.CSS_SELECTOR, ".hit h3 a")
    page.execute_script("arguments[0].focus()", link)
    page.switch_to.active_element.send_keys(Keys.ENTER)
    wait(page, lambda d: d.execute_script("return document.getElementById('article-view').open"))
    assert "article=" in page.current_url

    page.switch_to.active_element.send_keys(Keys.ESCAPE)
    wait(page, lambda d: "article=" not in d.current_url)
    assert not page.execute_script("return document.getElementById('article-view').open")
    assert page.switch_to.active_element == link  # focus goes back where it was


def test_a_narrow_screen_gets_one_column_and_folded_filters(
    page: WebDriver, base_url: str, screenshot: Screenshot
) -> None:
    page.set_window_size(390, 844)
    page.get(f"{base_url}/?q=Raqqa")
    wait(page, lambda d: "5 articles" in result_count(d))
    filters = page.find_element(By.ID, "filters-body")
    assert not filters.is_displayed()
    screenshot("09-narrow-screen")

    page.find_element(By.ID, "filters-toggle").click()
    assert filters.is_displayed()
    width, viewport = page.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
    assert width <= viewport  # nothing sticks out sideways
    screenshot("10-narrow-screen-filters")


def test_a_fragment_can_only_become_text_and_marks(page: WebDriver, base_url: str) -> None:
    """What the page does with a highlight fragment, whatever the API returned in it."""
    page.get(f"{base_url}/")
    nodes = page.execute_async_script(
        """
        const done = arguments[arguments.length - 1];
        import("/static/js/dom.js").then(({ highlighted }) => {
          const box = document.createElement("div");
          box.append(...highlighted(
            '<img src=x onerror="window.injected = 1"> &lt;b&gt;bold&lt;/b&gt; '
            + '<mark>Syria&#x27;s</mark> &amp; 1&#x2F;2'
          ));
          document.body.append(box);
          setTimeout(() => done({
            elements: [...box.querySelectorAll("*")].map((e) => e.tagName),
            mark: box.querySelector("mark").textContent,
            text: box.textContent,
            injected: window.injected === 1,
          }), 100);
        });
        """
    )
    assert nodes["elements"] == ["MARK"]
    assert nodes["mark"] == "Syria's"
    assert "<b>bold</b>" in nodes["text"] and "& 1/2" in nodes["text"] and "<img" in nodes["text"]
    assert not nodes["injected"]


def test_the_links_in_the_docs_open_what_they_say(page: WebDriver, base_url: str) -> None:
    """docs/web.md's example URLs: a filtered search, and an article opened at a citation."""
    block = (REPO / "docs" / "web.md").read_text(encoding="utf-8").split("```")[1]
    search, citation = [line for line in block.splitlines() if line.startswith("/?")]

    page.get(base_url + search)
    wait(page, lambda d: result_count(d).startswith("1 article matching “Raqqa”"))
    chips = page.find_element(By.CSS_SELECTOR, ".active-filters").text
    for shown in (
        "Sources: Xinhua",
        "People: Talal Silo",
        "people killed ≥ 1,000",
        "2017-10-01 to 2017-10-31",
    ):
        assert shown in chips
    assert page.find_element(By.CSS_SELECTOR, ".sort select").get_attribute("value") == "date"

    page.get(base_url + citation)
    evidence = wait(page, lambda d: d.find_elements(By.ID, "evidence"))[0]
    assert "1,130 civilians" in evidence.text


def test_a_server_that_wants_a_key_for_reads_gets_one_from_the_reader(
    page: WebDriver, base_url: str, settings: Settings, expected_console_errors: list[str]
) -> None:
    expected_console_errors.append("the server responded with a status of 401")
    keyed = settings.model_copy(update={"api_keys": [SecretStr("reader-key")], "require_key_for_reads": True})
    with serving(keyed) as keyed_url:
        page.get(f"{keyed_url}/?q=Raqqa")
        key_box = wait(page, lambda d: d.find_elements(By.ID, "api-key"))[0]
        assert "API key" in page.find_element(By.CSS_SELECTOR, ".api-key").text

        key_box.send_keys("reader-key", Keys.ENTER)

        wait(page, lambda d: result_count(d).startswith("5 articles matching"))
        page.get(f"{keyed_url}/?q=Raqqa&source=Xinhua")  # the key lasts as long as the tab
        wait(page, lambda d: result_count(d).startswith("1 article matching"))


def test_a_facet_value_can_be_found_by_typing(page: WebDriver, base_url: str) -> None:
    page.get(f"{base_url}/")
    wait(page, lambda d: "5 articles" in result_count(d))
    finder = page.find_element(By.CSS_SELECTOR, '[data-facet="places"] .finder input')
    finder.send_keys("Der")  # forgiving transliteration: Deir, Dair, Der
    suggestion = '[data-facet="places"] datalist option[value="Deir ez-Zor"]'
    wait(page, lambda d: d.find_elements(By.CSS_SELECTOR, suggestion))
    page.find_element(By.CSS_SELECTOR, '[data-facet="places"] .finder input').send_keys(Keys.ENTER)
    wait(page, lambda d: "Places: Deir ez-Zor" in d.find_element(By.CSS_SELECTOR, "#results-body").text)
    assert "places=Deir+ez-Zor" in page.current_url


def test_an_unreachable_backend_is_said_plainly(
    page: WebDriver, settings: Settings, expected_console_errors: list[str]
) -> None:
    expected_console_errors.append("the server responded with a status of 503")
    with serving(settings.model_copy(update={"es_url": "http://127.0.0.1:9"})) as down_url:
        page.get(f"{down_url}/?q=Raqqa")
        banner = wait(page, lambda d: [b for b in d.find_elements(By.ID, "banner") if b.is_displayed()])[0]
        assert "not answering" in banner.text
        alert = wait(page, lambda d: d.find_elements(By.CSS_SELECTOR, "#results-body [role=alert]"))[0]
        assert "unavailable" in alert.text


def test_a_misspelt_name_gets_the_right_spelling_suggested_and_one_click_searches_it(
    page: WebDriver, base_url: str
) -> None:
    page.get(f"{base_url}/")
    search_for(page, "Raqa")
    wait(page, lambda d: d.find_elements(By.ID, "did-you-mean"), "no suggestion for Raqa")
    suggestion = page.find_element(By.ID, "did-you-mean")
    assert suggestion.text == "Did you mean Raqqa?"

    suggestion.find_element(By.TAG_NAME, "a").click()

    wait(page, lambda d: result_count(d).startswith("5 articles matching “Raqqa”"))
    assert not page.find_elements(By.ID, "did-you-mean")
