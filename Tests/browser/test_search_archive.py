"""Searching a larger archive of similar paragraphs, in a real browser: a site of its own.

Every paragraph holds both "margin" and "guidance", never side by side but in one, which is also the longest (so it is
ranked last). The old page checked the phrase "margin guidance" against the text of every candidate in one go, fetching
every chunk of the archive; the page now checks a bounded number of chunks per step and says how far it got.
"""

import shutil

import pytest
from selenium.webdriver.common.by import By

from conftest import Server, REPOSITORY
from test_search import open_search, results, status, submit, wait_for_search

CALLS = 20
PARAGRAPHS = 60
BUDGET = 32
FILLER = ["customers", "networks", "broadband", "fiber", "access", "deployments", "carriers", "subscribers",
          "platform", "products", "orders", "backlog", "shipments", "quarter", "revenue", "wireless", "video",
          "software", "services", "capacity"]
PHRASE_CALL, PHRASE_PARAGRAPH = 9, 30


def paragraph(call: int, number: int) -> str:
    """A paragraph of about 700 bytes with "margin" and "guidance" apart; the phrase one is three times as long."""
    words = [FILLER[(call * 7 + number * 3 + k * k) % len(FILLER)] for k in range(80)]
    if (call, number) == (PHRASE_CALL, PHRASE_PARAGRAPH):
        return "We raised our margin guidance today, " + " ".join(words * 3) + "."
    return "The margin on " + " ".join(words[:40]) + " and our guidance for " + " ".join(words[40:]) + "."


def call_file(call: int) -> str:
    year, quarter = 2000 + call // 4, call % 4 + 1
    body = "\n\n".join(paragraph(call, n) for n in range(PARAGRAPHS))
    return f"""---
company: Margin Corp
ticker: MRGN
title: MRGN - Q{quarter} {year} Margin Corp Earnings Call
kind: earnings-call
fiscalPeriod:
  year: {year}
  quarter: {quarter}
date: {year}-{quarter * 3:02d}-20
layout: markdown
participants:
- name: Ann Lee
  affiliation: Margin Corp
  title: CFO
  group: corporate
---

## Presentation

### Ann Lee

{body}
"""


SOFT = ("Subscriber reve\u00adnue grew, the broad\u00adband stimulus helped, our tele\u2060communications unit and "
        "the zero\u200bwidth\ufeffsplit order book all contributed.")


@pytest.fixture(scope="module")
def archive_url(tmp_path_factory):
    """A served site of CALLS similar calls, and one call with invisible format characters inside words."""
    site = tmp_path_factory.mktemp("sitegen-archive") / "site"
    (site / "Content").mkdir(parents=True)
    for call in range(CALLS):
        (site / "Content" / f"mrgn-{call:02d}.md").write_text(call_file(call), encoding="utf-8")
    (site / "Content" / "soft-q1-2013.md").write_text(
        call_file(40).replace("Margin Corp", "Soft Corp").replace("MRGN", "SOFT").split("### Ann Lee")[0]
        + "### Ann Lee\n\n" + SOFT + "\n", encoding="utf-8")
    shutil.copytree(REPOSITORY / "Themes", site / "Themes")
    running = Server(site)
    yield running.url
    running.stop()


def chunk_fetches(driver) -> list:
    """The chunk files this page has fetched so far (Resource Timing, its buffer raised by open_empty)."""
    return driver.execute_script("""
        return performance.getEntriesByType('resource').map(function (e) { return e.name; })
          .filter(function (name) { return name.indexOf('/search/docs/') >= 0; });""")


def open_empty(driver, url):
    """Opens the search page without a query, with room for every resource timing entry."""
    driver.get(url + "search/")
    wait_for_search(driver)
    driver.execute_script("performance.setResourceTimingBufferSize(100000); performance.clearResourceTimings();")


def check_more(driver):
    driver.execute_script("document.getElementById('search-app').removeAttribute('data-state')")
    driver.find_element(By.ID, "search-more").click()
    wait_for_search(driver)


def test_the_archive_has_far_more_candidate_chunks_than_a_step_may_fetch(driver, archive_url):
    open_empty(driver, archive_url)
    submit(driver, "margin guidance")
    manifest = driver.execute_script("return window.sitegenSearch.manifest().then(function (m) { return m; })")
    chunks = -(-manifest["documents"] // manifest["chunkSize"])
    assert chunks >= 3 * BUDGET, chunks
    assert status(driver).startswith(f"{CALLS * PARAGRAPHS:,} results for “margin guidance”")


def test_a_rare_phrase_of_common_words_fetches_a_bounded_number_of_chunks_and_says_how_far_it_checked(driver, archive_url):
    open_empty(driver, archive_url)
    submit(driver, '"margin guidance"')
    fetched = chunk_fetches(driver)
    assert 0 < len(fetched) <= BUDGET, len(fetched)
    assert len(set(fetched)) == len(fetched)
    assert results(driver) == []
    text = status(driver)
    assert text.startswith("No results yet for “\"margin guidance\"”: checked the "), text
    assert f" best-ranked paragraphs of the {CALLS * PARAGRAPHS:,} that hold all the words" in text, text
    more = driver.find_element(By.ID, "search-more")
    assert more.is_displayed() and more.text == "Check more paragraphs"
    # Each further step fetches at most the budget again, until the one paragraph with the phrase is found.
    steps = 0
    while not results(driver):
        before = len(chunk_fetches(driver))
        check_more(driver)
        assert len(chunk_fetches(driver)) - before <= BUDGET
        steps += 1
        assert steps < 10, status(driver)
    assert steps >= 2
    found = results(driver)
    assert len(found) == 1 and found[0]["marks"] == ["margin guidance"]
    assert status(driver) == "1 result for “\"margin guidance\"”."
    assert not driver.find_element(By.ID, "search-more").is_displayed()


def test_a_phrase_found_often_still_fills_a_page_within_one_step(driver, archive_url):
    open_empty(driver, archive_url)
    submit(driver, '"our guidance"')
    assert len(results(driver)) == 20
    assert len(chunk_fetches(driver)) <= BUDGET
    assert status(driver).startswith("At least 20 results for")
    assert driver.find_element(By.ID, "search-more").text == "More results"


@pytest.mark.parametrize("query", ["subscriber revenue", "broadband stimulus", "telecommunications",
                                   "zerowidthsplit", '"subscriber revenue grew"'])
def test_invisible_format_characters_inside_a_word_do_not_split_it(driver, archive_url, query):
    open_search(driver, archive_url, q=query, company="soft")
    found = results(driver)
    assert len(found) == 1, status(driver)
    assert "Subscriber" in found[0]["text"] and found[0]["marks"]
