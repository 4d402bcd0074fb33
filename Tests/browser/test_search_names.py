"""Search links that name a speaker whose slug the build transliterated (ø, ß, Ł, Æ, Chinese): a site of its own.

The build makes speaker slugs with transliteration (`Søren Ørsted` → `soren-orsted`, `王伟` → `wang-wei`) and the
people table; search.js cannot repeat that, so a name in a hand-written link (`?speaker=Søren Ørsted`) is looked up in
`search/speakers.json`, as the form does.
"""

import shutil
import urllib.parse
from pathlib import Path

import pytest

from conftest import REPOSITORY, Server
from test_search import results, status, wait_for_search

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "names-q1-2013.md"
NAMES = ["Søren Ørsted", "Hans Straße", "Łukasz Żółw", "Ætna Œuvre", "王伟", "Zoë Ångström", "Pat O'Brien", "Smith & Wesson"]


@pytest.fixture(scope="module")
def names_url(tmp_path_factory):
    """A served site holding one call whose analysts have names in several scripts."""
    site = tmp_path_factory.mktemp("sitegen-names") / "site"
    (site / "Content").mkdir(parents=True)
    shutil.copy(FIXTURE, site / "Content" / FIXTURE.name)
    shutil.copytree(REPOSITORY / "Themes", site / "Themes")
    running = Server(site)
    yield running.url
    running.stop()


@pytest.mark.parametrize("name", NAMES)
def test_a_link_naming_a_speaker_finds_their_paragraph_whatever_the_script(driver, names_url, name):
    driver.get(names_url + "search/?" + urllib.parse.urlencode({"q": "widgets", "speaker": name}))
    wait_for_search(driver)
    found = results(driver)
    assert [row["speaker"] for row in found] == [name], status(driver)
    assert name in found[0]["text"]


@pytest.mark.parametrize("query, name", [("Orsted", "Søren Ørsted"), ("strasse", "Hans Straße"), ("Lukasz Zolw", "Łukasz Żółw"),
                                         ("aetna oeuvre", "Ætna Œuvre"), ("ørsted", "Søren Ørsted")])
def test_letters_nfkd_keeps_whole_are_found_as_an_english_keyboard_spells_them(driver, names_url, query, name):
    driver.get(names_url + "search/?" + urllib.parse.urlencode({"q": query}))
    wait_for_search(driver)
    found = results(driver)
    assert [row["speaker"] for row in found] == [name], status(driver)
    assert found[0]["marks"] and all(mark in name for mark in found[0]["marks"])


def test_a_link_naming_a_speaker_the_archive_lacks_says_so(driver, names_url):
    driver.get(names_url + "search/?" + urllib.parse.urlencode({"q": "widgets", "speaker": "Søren Nobody"}))
    wait_for_search(driver)
    assert results(driver) == []
    assert status(driver) == "No results: this archive has no speaker “soren-nobody”. Choose from the filters above."


def merged_call(quarter: int, date: str, name: str, remark: str) -> str:
    """A Markdown call of Acme whose CFO is written `name`: the build merges Michael and Mike Smith into one page."""
    return f"""---
company: Acme Corp
ticker: ACME
title: ACME - Q{quarter} 2012 Acme Corp Earnings Call
kind: earnings-call
fiscalPeriod:
  year: 2012
  quarter: {quarter}
date: {date}
layout: markdown
participants:
- name: {name}
  affiliation: Acme Corp
  title: CFO
  group: corporate
---

## Presentation

### {name}

{remark}
"""


CJK_CALL = """---
company: Zhong Corp
ticker: ZHNG
title: ZHNG - Q3 2012 Zhong Corp Earnings Call
kind: earnings-call
fiscalPeriod:
  year: 2012
  quarter: 3
date: 2012-10-26
layout: markdown
participants:
- name: Li Wei
  affiliation: Zhong Corp
  title: CFO
  group: corporate
---

## Presentation

### Li Wei

本季度我们在中国市场的营业收入同比增长了百分之十二，主要得益于新产品的推出。

### Li Wei

東京の売上高は増加しました。

### Li Wei

收入

### Li Wei

中国，国市，市场。

### Li Wei

股票价格上涨；股票，票价，价格。

### Li Wei

Q3营收增长。
"""


@pytest.fixture(scope="module")
def merged_url(tmp_path_factory):
    """A served site where one person is written two ways (merged automatically) and a call is in Chinese and Japanese."""
    site = tmp_path_factory.mktemp("sitegen-merged") / "site"
    (site / "Content").mkdir(parents=True)
    (site / "Content" / "q3.md").write_text(merged_call(3, "2012-10-25", "Michael Smith", "Margins expanded this quarter."), encoding="utf-8")
    (site / "Content" / "q4.md").write_text(merged_call(4, "2013-01-25", "Mike Smith", "Margins expanded again."), encoding="utf-8")
    (site / "Content" / "zhng.md").write_text(CJK_CALL, encoding="utf-8")
    shutil.copytree(REPOSITORY / "Themes", site / "Themes")
    running = Server(site)
    yield running.url
    running.stop()


@pytest.mark.parametrize("name", ["Michael Smith", "Mike Smith", "mike smith"])
def test_a_link_naming_any_spelling_of_a_merged_speaker_finds_all_their_paragraphs(driver, merged_url, name):
    driver.get(merged_url + "search/?" + urllib.parse.urlencode({"q": "margins", "speaker": name}))
    wait_for_search(driver)
    found = results(driver)
    assert sorted(row["text"] for row in found) == ["Margins expanded again.", "Margins expanded this quarter."], status(driver)
    assert sorted(row["speaker"] for row in found) == ["Michael Smith", "Mike Smith"]
    assert status(driver).startswith("2 results"), status(driver)


@pytest.mark.parametrize("query, marks", [
    ("收入", ["收入", "收入"]),
    ("营业收入", ["营业收入"]),
    ("中国", ["中国", "中国"]),
    ("東京", ["東京"]),
    ("売上高", ["売上高"]),
])
def test_chinese_and_japanese_words_are_found_inside_unspaced_sentences(driver, merged_url, query, marks):
    driver.get(merged_url + "search/?" + urllib.parse.urlencode({"q": query}))
    wait_for_search(driver)
    found = results(driver)
    assert sorted(mark for row in found for mark in row["marks"]) == sorted(marks), status(driver)
    assert all(query in row["text"] for row in found)


def test_a_chinese_query_run_is_a_phrase_of_its_bigrams(driver, merged_url):
    # The last paragraph has the bigrams 中国, 国市 and 市场 of 中国市场, but apart: only the first paragraph has the run.
    driver.get(merged_url + "search/?" + urllib.parse.urlencode({"q": "中国市场"}))
    wait_for_search(driver)
    found = results(driver)
    assert [row["marks"] for row in found] == [["中国市场"]], status(driver)


@pytest.mark.parametrize("query", ["股票价格", '"股票价格"'])
def test_a_chinese_run_is_highlighted_only_where_it_matches_as_a_whole(driver, merged_url, query):
    # The paragraph has 股票价格, then its bigrams 股票, 票价 and 价格 apart: only the run is a hit, and only it is marked.
    driver.get(merged_url + "search/?" + urllib.parse.urlencode({"q": query}))
    wait_for_search(driver)
    assert [row["marks"] for row in results(driver)] == [["股票价格"]], status(driver)


def test_words_typed_apart_are_marked_apart_across_punctuation_between_chinese_runs(driver, merged_url):
    # 股票 and 票价 typed as two words: inside one run they share a mark, across "，" they have one each.
    driver.get(merged_url + "search/?" + urllib.parse.urlencode({"q": "股票 票价"}))
    wait_for_search(driver)
    assert [row["marks"] for row in results(driver)] == [["股票价", "股票", "票价"]], status(driver)


def test_a_latin_code_and_a_chinese_run_typed_together_find_and_mark_both(driver, merged_url):
    # A run's boundary splits marks only where something stands between the words: Q3营收 is one.
    driver.get(merged_url + "search/?" + urllib.parse.urlencode({"q": "Q3营收"}))
    wait_for_search(driver)
    assert [row["marks"] for row in results(driver)] == [["Q3营收"]], status(driver)
