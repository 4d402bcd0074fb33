#!/usr/bin/env python3
"""Prints the size of a built site's search index and what one-word queries download (used by bench-search.sh).

Sizes come from the files under PUBLIC/search/. The download figures are measured in headless Chromium running the
real search page against a plain static server (Python's http.server, no compression): for each query, the bytes of
every file the page fetched under search/ (manifest, shards, tiers, document chunks, filters) until it showed its
first 20 results.

Usage: scripts/bench-search.py PUBLIC [WORD...]   (words default to the commonest, a median and a rare term)
"""

import functools
import http.server
import json
import sys
import threading
import time
import urllib.parse
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait


def varint(data: bytes, position: int) -> tuple[int, int]:
    value, shift = 0, 0
    while True:
        byte = data[position]
        position += 1
        value |= (byte & 0x7F) << shift
        if byte < 0x80:
            return value, position
        shift += 7


def shard_terms(data: bytes):
    """(term, df, tier count) of every term in a shard file."""
    position = 4
    count, position = varint(data, position)
    for _ in range(count):
        length, position = varint(data, position)
        term = data[position:position + length].decode("utf-8")
        position += length
        df, position = varint(data, position)
        tiers, position = varint(data, position)
        if tiers == 0:
            size, position = varint(data, position)
            position += size
        else:
            for _ in range(tiers * 3):
                _, position = varint(data, position)
        yield term, df, tiers


def kb(size: int) -> str:
    return f"{size / 1024:,.1f} KB"


def main() -> None:
    public = Path(sys.argv[1]).resolve()
    search = public / "search"
    manifest = json.loads((search / "manifest.json").read_text())
    groups = {"shards": 0, "tiers": 0, "docs": 0, "filters": 0, "other": 0}
    largest = {"shards": 0, "tiers": 0, "docs": 0}
    files = 0
    for path in search.rglob("*"):
        if not path.is_file() or path.name == "index.html":
            continue
        files += 1
        group = path.relative_to(search).parts[0]
        group = group if group in groups else "other"
        size = path.stat().st_size
        groups[group] += size
        if group in largest:
            largest[group] = max(largest[group], size)
    terms = []
    for shard in sorted((search / "shards").glob("*.bin")):
        terms.extend(shard_terms(shard.read_bytes()))
    terms.sort(key=lambda t: (-t[1], t[0]))
    print(f"paragraphs: {manifest['documents']:,}   calls: {manifest['calls']:,}   terms: {len(terms):,}   "
          f"files under search/: {files:,}")
    print(f"index: {kb(sum(groups.values()))} = shards {kb(groups['shards'])} ({manifest['shards']} files, largest "
          f"{kb(largest['shards'])}) + tiers {kb(groups['tiers'])} (largest {kb(largest['tiers'])}) + text chunks "
          f"{kb(groups['docs'])} (largest {kb(largest['docs'])}) + filters {kb(groups['filters'])} + manifest and "
          f"speaker list {kb(groups['other'])}")

    words = sys.argv[2:]
    if not words:
        alphabetic = [t for t in terms if t[0].isalpha()]
        words = [alphabetic[0][0], alphabetic[len(alphabetic) // 100][0], alphabetic[len(alphabetic) // 2][0],
                 alphabetic[-1][0]]
    document_frequency = {t[0]: t[1] for t in terms}

    handler = functools.partial(QuietHandler, directory=str(public))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    worst = 0
    try:
        print("\nqueries (first 20 results), bytes fetched under search/ by the search page:")
        print(f"{'query':<16} {'paragraphs':>10} {'manifest':>10} {'shard':>10} {'tiers':>10} {'chunks':>10} "
              f"{'total':>11} {'ms':>6}")
        for word in words:
            started = time.monotonic()
            driver.get(base + "search/?" + urllib.parse.urlencode({"q": word}))
            WebDriverWait(driver, 300).until(
                lambda d: d.find_element(By.ID, "search-app").get_attribute("data-state") in ("done", "error"))
            elapsed = (time.monotonic() - started) * 1000
            entries = driver.execute_script(
                "return performance.getEntriesByType('resource').map(function (e) {"
                " return [e.name, e.encodedBodySize]; })")
            sizes = {"manifest": 0, "shards": 0, "tiers": 0, "docs": 0, "other": 0}
            for url, size in entries:
                path = urllib.parse.urlparse(url).path
                if not path.startswith("/search/"):
                    continue
                part = path.split("/")[2]
                key = "manifest" if part == "manifest.json" else part if part in sizes else "other"
                sizes[key] += size
            total = sum(sizes.values())
            worst = max(worst, total)
            shown = len(driver.find_elements(By.CSS_SELECTOR, "#search-results > li"))
            frequency = f"{document_frequency[word]:,}" if word in document_frequency else "-"
            print(f"{word:<16} {frequency:>10} {kb(sizes['manifest']):>10} "
                  f"{kb(sizes['shards']):>10} {kb(sizes['tiers']):>10} {kb(sizes['docs']):>10} {kb(total):>11} "
                  f"{elapsed:>6.0f}  ({shown} shown)")
    finally:
        driver.quit()
        server.shutdown()
    label = "one-word download" if all(len(w.split()) == 1 and '"' not in w for w in words) else "download"
    print(f"\nlargest {label}: {kb(worst)} (target for one word: under 500 KB)")


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """A static file server that does not log every request."""

    def log_message(self, format, *args):
        pass


if __name__ == "__main__":
    main()
