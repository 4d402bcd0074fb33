"""Fixtures for the browser tests: a sample site served by `sitegen serve`, and headless Chromium driven by Selenium.

The sitegen binary is $SITEGEN_BIN if set, else .build/debug/sitegen (built by scripts/test.sh), else it is built with
`swift build --product sitegen`. Chromium and its driver are Debian's (`chromium`, `chromium-driver`).
"""

import os
import queue
import shutil
import signal
import subprocess
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

REPOSITORY = Path(__file__).resolve().parents[2]
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def sitegen_binary() -> Path:
    """The sitegen executable to test, built if missing."""
    configured = os.environ.get("SITEGEN_BIN")
    if configured:
        return Path(configured)
    binary = REPOSITORY / ".build" / "debug" / "sitegen"
    if not binary.exists():
        subprocess.run(["swift", "build", "--product", "sitegen"], cwd=REPOSITORY, check=True)
    return binary


def make_site(folder: Path) -> Path:
    """A copy of the repository's sample site (Content/, Themes/, sitegen.yml) in `folder`."""
    site = folder / "site"
    site.mkdir()
    shutil.copytree(REPOSITORY / "Content", site / "Content")
    shutil.copytree(REPOSITORY / "Themes", site / "Themes")
    shutil.copy(REPOSITORY / "sitegen.yml", site / "sitegen.yml")
    return site


class Server:
    """`sitegen serve --site SITE --port 0`, its URL read from the line it prints once the first build is served."""

    def __init__(self, site: Path):
        self.process = subprocess.Popen(
            [str(sitegen_binary()), "serve", "--site", str(site), "--port", "0"],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, text=True, bufsize=1,
        )
        self.lines: "queue.Queue[str]" = queue.Queue()
        self.output: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        self.url = self._wait_for_url(timeout=180)

    def _read(self) -> None:
        for line in self.process.stdout:
            self.output.append(line)
            self.lines.put(line)

    def _wait_for_url(self, timeout: float) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.5)
            except queue.Empty:
                if self.process.poll() is not None:
                    break
                continue
            if "serving http" in line:
                url = line.split("serving ", 1)[1].split()[0]
                urllib.request.urlopen(url + "search/", timeout=30).read()
                return url
        self.stop()
        raise RuntimeError("sitegen serve did not print its URL:\n" + "".join(self.output))

    def stop(self) -> None:
        """Stops the server (SIGINT, as Ctrl-C would), killing it if it does not stop in time."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def chromium(javascript: bool = True) -> webdriver.Chrome:
    """Headless Chromium through Debian's chromedriver.

    Reduced motion, so that the theme's smooth scrolling does not move elements while Selenium clicks them. The
    back/forward cache stays on, as in a reader's browser: the live-reload script closes its stream on `pagehide`.
    """
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=1280,1100", "--force-device-scale-factor=1", "--lang=en-US",
                     "--force-prefers-reduced-motion"):
        options.add_argument(argument)
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    return driver


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The sample site's folder."""
    return make_site(tmp_path_factory.mktemp("sitegen-browser"))


@pytest.fixture(scope="session")
def server(site):
    """The running preview server; stopped after the last test."""
    running = Server(site)
    yield running
    running.stop()


@pytest.fixture(scope="session")
def base_url(server) -> str:
    """The served site's root URL, ending in '/'."""
    return server.url


@pytest.fixture(scope="session")
def driver():
    """One headless browser for the session."""
    browser = chromium()
    yield browser
    browser.quit()
