"""The search page in a real browser: headless Chromium against `sitegen serve` on the sample site (the Calix
Q3 2012 call). The tests type into the page as a reader would, then read the results from the DOM."""

import json
import os
import re
import urllib.parse
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from conftest import REPOSITORY, chromium

TRANSCRIPT = "companies/calx/2012-q3/"
KEYNOTE = "this morning, I was keynoting TelcoTV in Las Vegas"


class Paragraphs(HTMLParser):
    """Paragraph id → (speaker slug of its turn, text) from a transcript page."""

    def __init__(self):
        super().__init__()
        self.paragraphs: dict[str, tuple[str, str]] = {}
        self.speaker = None
        self.current = None
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "data-speaker" in attributes:
            self.speaker = attributes["data-speaker"]
        if tag == "p" and re.fullmatch(r"t\d+-p\d+", attributes.get("id") or ""):
            self.current, self.text = attributes["id"], []

    def handle_endtag(self, tag):
        if tag == "p" and self.current:
            self.paragraphs[self.current] = (self.speaker, "".join(self.text))
            self.current = None

    def handle_data(self, data):
        if self.current:
            self.text.append(data)


@pytest.fixture(scope="module")
def paragraphs(base_url):
    """The reference call's paragraphs as the transcript page shows them."""
    parser = Paragraphs()
    parser.feed(urllib.request.urlopen(base_url + TRANSCRIPT, timeout=30).read().decode("utf-8"))
    assert len(parser.paragraphs) > 100
    return parser.paragraphs


def wait_for_search(driver, timeout=30):
    """Waits until search.js has finished the current search; fails on a search error."""
    WebDriverWait(driver, timeout).until(
        lambda d: d.find_element(By.ID, "search-app").get_attribute("data-state") in ("done", "error"))
    state = driver.find_element(By.ID, "search-app").get_attribute("data-state")
    assert state == "done", status(driver)


def status(driver) -> str:
    return driver.find_element(By.ID, "search-status").text


def open_search(driver, base_url, **params):
    """Opens the search page with the given query parameters and waits for its results."""
    query = urllib.parse.urlencode(params)
    driver.get(base_url + "search/" + ("?" + query if query else ""))
    wait_for_search(driver)


def submit(driver, q=None, speaker=None):
    """Types into the search form as a reader would and presses Enter."""
    driver.execute_script("document.getElementById('search-app').removeAttribute('data-state')")
    if speaker is not None:
        box = driver.find_element(By.ID, "search-speaker")
        box.clear()
        box.send_keys(speaker)
    box = driver.find_element(By.ID, "search-q")
    if q is not None:
        box.clear()
        box.send_keys(q)
    box.send_keys(Keys.ENTER)
    wait_for_search(driver)


def results(driver):
    """The results on the page: href, paragraph anchor, speaker, badge, text and highlighted parts."""
    rows = driver.execute_script("""
        return Array.from(document.querySelectorAll('#search-results > li')).map(function (li) {
          return {
            href: li.querySelector('.search-result__link').getAttribute('href'),
            speaker: li.querySelector('.search-result__speaker').textContent,
            badge: li.querySelector('.badge').textContent,
            meta: li.querySelector('.search-result__meta').textContent,
            text: li.querySelector('.search-result__text').textContent,
            marks: Array.from(li.querySelectorAll('mark')).map(function (m) { return m.textContent; })
          };
        });""")
    for row in rows:
        row["anchor"] = row["href"].split("#", 1)[1]
    return rows


def show_all(driver):
    """Clicks "More results" until every result is on the page."""
    while driver.find_element(By.ID, "search-more").is_displayed():
        driver.execute_script("document.getElementById('search-app').removeAttribute('data-state')")
        driver.find_element(By.ID, "search-more").click()
        wait_for_search(driver)
    return results(driver)


def test_usf_reform_returns_the_paragraphs_that_mention_it_first_the_one_with_both_words_together(driver, base_url, paragraphs):
    open_search(driver, base_url)
    submit(driver, "USF reform")
    found = results(driver)
    expected = {anchor for anchor, (_, text) in paragraphs.items()
                if re.search(r"\bUSF\b", text) and re.search(r"\breform", text, re.I)}
    assert len(expected) == 3
    assert {row["anchor"] for row in found} == expected
    assert "USF reform" in found[0]["text"], found[0]["text"]
    only_usf = {anchor for anchor, (_, text) in paragraphs.items() if "USF" in text} - expected
    assert only_usf and not only_usf & {row["anchor"] for row in found}
    assert status(driver).startswith("3 results for “USF reform”")
    assert found[0]["marks"] == ["USF reform"]
    assert all(row["href"].startswith("../" + TRANSCRIPT + "#t") for row in found)
    assert urllib.parse.parse_qs(urllib.parse.urlparse(driver.current_url).query) == {"q": ["USF reform"]}


def test_telcotv_with_speaker_carl_russo_finds_his_keynote_remark(driver, base_url, paragraphs):
    open_search(driver, base_url)
    submit(driver, '"TelcoTV"', speaker="Carl Russo")
    found = results(driver)
    assert found, status(driver)
    assert KEYNOTE in found[0]["text"]
    assert {row["speaker"] for row in found} == {"Carl Russo"}
    assert {paragraphs[row["anchor"]][0] for row in found} == {"carl-russo"}
    assert urllib.parse.parse_qs(urllib.parse.urlparse(driver.current_url).query) == {
        "q": ['"TelcoTV"'], "speaker": ["carl-russo"]}


def test_a_phrase_from_the_reference_call_finds_its_paragraph_first(driver, base_url):
    open_search(driver, base_url, q='"keynoting TelcoTV in Las Vegas"')
    found = results(driver)
    assert len(found) == 1
    assert KEYNOTE in found[0]["text"]
    assert found[0]["marks"] == ["keynoting TelcoTV in Las Vegas"]


def test_a_speaker_filter_returns_only_that_speakers_paragraphs(driver, base_url, paragraphs):
    open_search(driver, base_url, q="customers")
    everyone = show_all(driver)
    open_search(driver, base_url, q="customers", speaker="george-notter")
    notter = show_all(driver)
    assert notter and len(notter) < len(everyone)
    assert {paragraphs[row["anchor"]][0] for row in notter} == {"george-notter"}
    assert {row["anchor"] for row in notter} == {row["anchor"] for row in everyone
                                                 if paragraphs[row["anchor"]][0] == "george-notter"}
    assert driver.find_element(By.ID, "search-speaker").get_attribute("value") == "George Notter"


def test_group_and_section_filters_narrow_the_results(driver, base_url, paragraphs):
    open_search(driver, base_url, q="quarter")
    everyone = show_all(driver)
    open_search(driver, base_url, q="quarter", group="analyst", section="qa")
    analysts = show_all(driver)
    assert analysts and len(analysts) < len(everyone)
    assert {row["badge"] for row in analysts} == {"Analyst"}
    assert all("Q&A" in row["meta"] for row in analysts)
    driver.find_element(By.CSS_SELECTOR, "#search-group option[value='executive']").click()
    wait_for_search(driver)
    assert "group=executive" in driver.current_url
    executives = show_all(driver)
    assert executives and {row["badge"] for row in executives} == {"Executive"}


def test_an_unknown_word_says_no_results(driver, base_url):
    open_search(driver, base_url)
    submit(driver, "xyzzyplugh")
    assert results(driver) == []
    assert status(driver).startswith("No results for “xyzzyplugh”")
    assert not driver.find_element(By.ID, "search-more").is_displayed()


def test_following_a_result_lands_on_the_paragraph(driver, base_url):
    open_search(driver, base_url, q="keynoting")
    found = results(driver)
    assert len(found) == 1
    driver.find_element(By.CSS_SELECTOR, "#search-results .search-result__link").click()
    WebDriverWait(driver, 30).until(lambda d: "#" in d.current_url and "/search/" not in d.current_url)
    fragment = urllib.parse.urlparse(driver.current_url).fragment
    assert fragment == found[0]["anchor"]
    assert urllib.parse.urlparse(driver.current_url).path == "/" + TRANSCRIPT
    paragraph = driver.find_element(By.ID, fragment)
    assert paragraph.tag_name == "p" and KEYNOTE in paragraph.text
    assert driver.execute_script("return document.querySelector(':target') === arguments[0]", paragraph)


def test_a_shared_search_link_shows_its_results_when_opened(driver, base_url, paragraphs):
    driver.get(base_url + "search/?q=USF+reform&speaker=carl-russo")
    wait_for_search(driver)
    found = results(driver)
    expected = {anchor for anchor, (speaker, text) in paragraphs.items()
                if speaker == "carl-russo" and re.search(r"\bUSF\b", text) and re.search(r"\breform", text, re.I)}
    assert expected and {row["anchor"] for row in found} == expected
    assert {row["speaker"] for row in found} == {"Carl Russo"}
    assert driver.find_element(By.ID, "search-q").get_attribute("value") == "USF reform"
    assert driver.find_element(By.ID, "search-speaker").get_attribute("value") == "Carl Russo"
    assert "for “USF reform” (Carl Russo)" in status(driver)


def test_a_link_naming_a_speaker_or_an_unknown_filter_says_what_it_found(driver, base_url, paragraphs):
    # A speaker's name instead of their slug, as someone might type a link by hand, finds their paragraphs.
    driver.get(base_url + "search/?q=USF+reform&speaker=Carl%20Russo")
    wait_for_search(driver)
    assert {row["speaker"] for row in results(driver)} == {"Carl Russo"}
    # A company the archive does not have is named in the status, not passed off as "no results" for any company.
    driver.get(base_url + "search/?q=USF+reform&company=NOPE")
    wait_for_search(driver)
    assert results(driver) == []
    assert status(driver) == "No results: this archive has no company “NOPE”. Choose from the filters above."


def anchors_for(driver, base_url, **params):
    open_search(driver, base_url, **params)
    return [row["anchor"] for row in show_all(driver)]


@pytest.mark.parametrize("given, meant", [
    ({"group": "Analyst"}, {"group": "analyst"}), ({"group": "analysts"}, {"group": "analyst"}),
    ({"group": "EXECUTIVES"}, {"group": "executive"}), ({"section": "QA"}, {"section": "qa"}),
    ({"section": "q&a"}, {"section": "qa"}), ({"section": "Questions"}, {"section": "qa"}),
    ({"section": "Presentation"}, {"section": "presentation"}),
    ({"company": "CALX"}, {"company": "calx"}), ({"company": "Calix"}, {"company": "calx"}),
    ({"company": "calix, inc."}, {"company": "calx"}), ({"quarter": "2012-Q3"}, {"quarter": "2012-q3"}),
    ({"quarter": "Q3 2012"}, {"quarter": "2012-q3"}),
])
def test_a_filter_in_another_spelling_or_case_is_applied_as_its_value(driver, base_url, given, meant):
    expected = anchors_for(driver, base_url, q="USF reform", **meant)
    expected_status = status(driver)
    got = anchors_for(driver, base_url, q="USF reform", **given)
    assert got == expected
    assert status(driver) == expected_status
    kind, value = next(iter(meant.items()))
    assert driver.find_element(By.ID, "search-" + kind).get_attribute("value") == value


def test_a_group_or_section_that_means_nothing_is_reported_not_shown_as_applied(driver, base_url):
    open_search(driver, base_url, q="USF reform", group="boss")
    assert results(driver) == []
    assert status(driver) == ("No results: there is no group “boss” (use executive, analyst or operator). "
                              "Choose from the filters above.")
    assert driver.find_element(By.ID, "search-group").get_attribute("value") == ""
    open_search(driver, base_url, q="USF reform", section="intro", company="nope")
    assert status(driver) == ("No results: this archive has no company “nope”; there is no section “intro” "
                              "(use presentation or qa). Choose from the filters above.")
    assert driver.find_element(By.ID, "search-section").get_attribute("value") == ""
    assert driver.find_element(By.ID, "search-company").get_attribute("value") == ""


def test_more_results_moves_focus_to_the_first_new_result(driver, base_url):
    open_search(driver, base_url, q="quarter")
    assert len(results(driver)) == 20
    more = driver.find_element(By.ID, "search-more")
    driver.execute_script("arguments[0].focus(); document.getElementById('search-app').removeAttribute('data-state')", more)
    more.send_keys(Keys.ENTER)
    wait_for_search(driver)
    assert len(results(driver)) > 20
    focused = driver.execute_script("""
        var active = document.activeElement, items = document.querySelectorAll('#search-results > li');
        return [active.className, Array.prototype.indexOf.call(items, active.closest('li'))];""")
    assert focused == ["search-result__link", 20]
    driver.switch_to.active_element.send_keys(Keys.TAB)
    after = driver.execute_script("""
        var items = document.querySelectorAll('#search-results > li');
        return Array.prototype.indexOf.call(items, document.activeElement.closest('li'));""")
    assert after == 20


def test_a_failed_fetch_is_not_remembered_the_next_query_fetches_again(base_url):
    browser = chromium()
    try:
        browser.get(base_url + "search/")
        wait_for_search(browser)
        browser.execute_cdp_cmd("Network.enable", {})
        browser.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})
        browser.execute_cdp_cmd("Network.setBlockedURLs", {"urls": ["*/search/shards/*", "*/search/speakers.json"]})
        submit_error = "Search could not load its index"
        browser.execute_script("document.getElementById('search-app').removeAttribute('data-state')")
        box = browser.find_element(By.ID, "search-q")
        box.send_keys("USF")
        box.send_keys(Keys.ENTER)
        WebDriverWait(browser, 30).until(lambda d: d.find_element(By.ID, "search-app").get_attribute("data-state") == "error")
        assert status(browser).startswith(submit_error)
        assert browser.execute_async_script("""
            var done = arguments[arguments.length - 1];
            document.getElementById('search-speaker').focus();
            setTimeout(function () { done(document.querySelectorAll('#search-speakers option').length); }, 1000);""") == 0
        browser.execute_cdp_cmd("Network.setBlockedURLs", {"urls": []})
        submit(browser, "USF")
        assert results(browser) and status(browser).endswith("for “USF”.")
        submit(browser, "reform")
        assert results(browser)
        browser.find_element(By.ID, "search-q").click()
        assert browser.execute_async_script("""
            var done = arguments[arguments.length - 1];
            document.getElementById('search-speaker').blur();
            document.getElementById('search-speaker').focus();
            setTimeout(function () { done(document.querySelectorAll('#search-speakers option').length); }, 1000);""") > 0
    finally:
        browser.quit()


W = "SupercalifragilisticexpialidociousAntidisestablishmentarianismFloccinaucinihilipilification"


@pytest.mark.parametrize("query", ["USF " + W, '"USF reform ' + W + '"', W, "USF " + "x" * 73])
def test_a_word_too_long_to_be_indexed_says_so_and_finds_nothing(driver, base_url, query):
    open_search(driver, base_url, q=query)
    assert results(driver) == []
    word = query.split()[-1].strip('"').lower()
    assert status(driver) == f"No results: “{word}” is too long to search (the index keeps words of up to 64 bytes)."


def test_the_header_search_box_opens_the_search_page_with_results(driver, base_url):
    driver.get(base_url + TRANSCRIPT)
    box = driver.find_element(By.CSS_SELECTOR, ".site-header .site-search__input")
    box.send_keys("Ericsson")
    box.send_keys(Keys.ENTER)
    WebDriverWait(driver, 30).until(lambda d: "/search/" in d.current_url)
    wait_for_search(driver)
    assert urllib.parse.urlparse(driver.current_url).query == "q=Ericsson"
    found = results(driver)
    assert found and all("ericsson" in row["text"].lower() for row in found)


def test_the_back_button_returns_to_the_previous_search(driver, base_url):
    open_search(driver, base_url, q="revenue")
    first = [row["anchor"] for row in results(driver)]
    submit(driver, "margin")
    driver.execute_script("document.getElementById('search-app').removeAttribute('data-state')")
    driver.back()
    wait_for_search(driver)
    assert driver.find_element(By.ID, "search-q").get_attribute("value") == "revenue"
    assert [row["anchor"] for row in results(driver)] == first


def test_only_common_words_ask_for_a_more_specific_one(driver, base_url):
    open_search(driver, base_url, q="the and of")
    assert results(driver) == []
    assert "Only very common words" in status(driver)


def test_the_tokenizer_in_search_js_matches_the_index_builder(driver, base_url):
    cases = json.loads((REPOSITORY / "Tests" / "browser" / "tokenizer_cases.json").read_text(encoding="utf-8"))
    open_search(driver, base_url)
    got = driver.execute_async_script("""
        var cases = arguments[0], done = arguments[arguments.length - 1];
        window.sitegenSearch.manifest().then(function (m) {
          done({
            texts: cases.texts.map(function (c) { return window.sitegenSearch.terms(c.text, m.stopwordSet); }),
            positions: cases.texts.map(function (c) { return window.sitegenSearch.termPositions(c.text, m.stopwordSet); }),
            stems: cases.stems.map(function (p) { return window.sitegenSearch.stem(p[0]); }),
            hashes: cases.hashes.map(function (p) { return window.sitegenSearch.hash(p[0]); })
          });
        });""", cases)
    assert got["texts"] == [case["terms"] for case in cases["texts"]]
    assert got["positions"] == [case.get("positions", list(range(len(case["terms"])))) for case in cases["texts"]]
    assert got["stems"] == [pair[1] for pair in cases["stems"]]
    assert got["hashes"] == [pair[1] for pair in cases["hashes"]]


def test_without_javascript_the_page_says_search_needs_it(base_url):
    browser = chromium(javascript=False)
    try:
        browser.get(base_url + "search/?q=USF+reform")
        message = browser.find_element(By.CSS_SELECTOR, "noscript, .search-status--notice")
        text = browser.find_element(By.TAG_NAME, "main").text
        assert "needs JavaScript" in text, text
        assert message is not None
        assert browser.find_element(By.ID, "search-results").text == ""
    finally:
        browser.quit()


def test_results_page_screenshot(driver, base_url, tmp_path):
    """Writes the README's screenshot when $SITEGEN_SCREENSHOT names a file (scripts/screenshot-search.sh)."""
    target = Path(os.environ.get("SITEGEN_SCREENSHOT") or tmp_path / "search.png")
    size = driver.get_window_size()
    driver.set_window_size(1280, 1400)
    try:
        open_search(driver, base_url, q="USF reform")
        driver.execute_script("window.scrollTo(0, 0)")
        target.parent.mkdir(parents=True, exist_ok=True)
        assert driver.save_screenshot(str(target))
    finally:
        driver.set_window_size(size["width"], size["height"])
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
