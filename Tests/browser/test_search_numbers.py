"""Numbers written with a unit (`$87M`, `$1.2B`, `3.5x`) are found by the number alone, in a real browser: a site of its own.

The build indexes a word such as `87m` also as `87`, and search.js matches and highlights the word by its number, at the
word's position, so phrases work too.
"""

import shutil
import urllib.parse

import pytest

from conftest import REPOSITORY, Server
from test_search import open_search, results, status, submit, wait_for_search

UNITS = "Revenue was $87M, bookings hit $1.2B, leverage is 3.5x and the margin was 44.2%."
SPELLED = "Next year we expect revenue of 87 million dollars."
LARGER = "Backlog was $870M at the end of the quarter."

NUMBERS_CALL = f"""---
company: Unit Corp
ticker: UNIT
title: UNIT - Q2 2012 Unit Corp Earnings Call
kind: earnings-call
fiscalPeriod:
  year: 2012
  quarter: 2
date: 2012-07-26
layout: markdown
participants:
- name: Ann Lee
  affiliation: Unit Corp
  title: CFO
  group: corporate
---

## Presentation

### Ann Lee

{UNITS}

### Ann Lee

{SPELLED}

### Ann Lee

{LARGER}
"""


@pytest.fixture(scope="module")
def numbers_url(tmp_path_factory):
    """A served site holding one call whose figures are written with units."""
    site = tmp_path_factory.mktemp("sitegen-numbers") / "site"
    (site / "Content").mkdir(parents=True)
    (site / "Content" / "unit-q2-2012.md").write_text(NUMBERS_CALL, encoding="utf-8")
    shutil.copytree(REPOSITORY / "Themes", site / "Themes")
    running = Server(site)
    yield running.url
    running.stop()


def marks_by_text(driver):
    return {row["text"]: row["marks"] for row in results(driver)}


def test_typing_a_number_finds_it_written_with_a_unit_and_highlights_it(driver, numbers_url):
    open_search(driver, numbers_url)
    submit(driver, "87")
    assert marks_by_text(driver) == {UNITS: ["87M"], SPELLED: ["87"]}, status(driver)


@pytest.mark.parametrize("query, marks", [
    ("1.2", {UNITS: ["1.2B"]}),
    ("3.5", {UNITS: ["3.5x"]}),
    ("44.2", {UNITS: ["44.2"]}),
    ("870", {LARGER: ["870M"]}),
    ("$87M", {UNITS: ["87M"]}),
    ("3.5x", {UNITS: ["3.5x"]}),
])
def test_a_number_finds_its_unit_spelling_and_the_spelling_finds_only_itself(driver, numbers_url, query, marks):
    driver.get(numbers_url + "search/?" + urllib.parse.urlencode({"q": query}))
    wait_for_search(driver)
    assert marks_by_text(driver) == marks, status(driver)


def test_a_phrase_ending_in_a_number_matches_the_number_written_with_a_unit(driver, numbers_url):
    # SPELLED has revenue and 87 too, but not side by side: only the phrase's paragraph is a result.
    driver.get(numbers_url + "search/?" + urllib.parse.urlencode({"q": '"revenue was 87"'}))
    wait_for_search(driver)
    assert marks_by_text(driver) == {UNITS: ["Revenue was $87M"]}, status(driver)
