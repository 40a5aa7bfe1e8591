"""End to end in a real browser: `unspin serve` with the real restorer, driven in Debian's headless Chromium."""
from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import browser_scenario as scenario
import httpx
import pytest

pytestmark = [pytest.mark.slow, pytest.mark.model]

STARTUP_SECONDS = 300


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def chromium() -> str:
    """Fail (not skip) without the system browser: the setup script is supposed to have installed it."""
    path = Path(scenario.CHROMIUM)
    if not (path.exists() and os.access(path, os.X_OK)):
        pytest.fail(f"{path} is missing: install Debian's chromium with `make install` "
                    "(scripts/setup_system.sh apt-installs chromium); this test never downloads a browser")
    return str(path)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`unspin serve` in a subprocess on a free loopback port, with the real (full) restorer preloaded."""
    port = _free_port()
    log = tmp_path_factory.mktemp("serve") / "server.log"
    cmd = [sys.executable, "-c", "from unspin.cli import main; main()", "serve",
           "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"]
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            if proc.poll() is not None:
                pytest.fail(f"unspin serve exited with {proc.returncode}:\n{log.read_text(errors='replace')[-3000:]}")
            try:
                health = httpx.get(base + "/health", timeout=2).json()
                if health["models"]["full"]:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"unspin serve did not load its model within {STARTUP_SECONDS}s:\n"
                            f"{log.read_text(errors='replace')[-3000:]}")
            time.sleep(0.5)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="module")
def browser(chromium):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = scenario.launch(p)
        yield b
        b.close()


def _keep_screenshots(tmp_path: Path) -> None:
    """Copy the test's screenshots to $UNSPIN_SCREENSHOTS when it is set (to look at them)."""
    keep = os.environ.get("UNSPIN_SCREENSHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        for shot in tmp_path.glob("*.png"):
            shutil.copy(shot, Path(keep) / shot.name)


def test_page_restores_a_spun_paragraph(server, browser, tmp_path):
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    seen = scenario.watch(page, server)
    highlights = scenario.restore_paragraph(page, server)
    assert highlights >= 1, "the real restorer flagged nothing in a hand-spun paragraph"
    score = scenario.check_score(page)
    original = scenario.check_hover_shows_original(page)
    page.screenshot(path=str(tmp_path / "hover.png"), full_page=True)
    scenario.check_keyboard_accept_and_reject(page, highlights)
    scenario.check_views(page, scenario.SPUN_PARAGRAPH)
    page.get_by_label("Side by side").check()
    page.screenshot(path=str(tmp_path / "side_by_side.png"), full_page=True)
    page.get_by_label("Spun", exact=True).check()
    downloaded = scenario.check_download(page, tmp_path)
    assert downloaded != scenario.SPUN_PARAGRAPH
    assert not seen["errors"], seen["errors"]
    assert not seen["external"], f"the page reached outside the server: {seen['external']}"
    page.close()
    _keep_screenshots(tmp_path)
    print(f"\nscreenshots in {tmp_path}; {highlights} highlights, spin score {score}, first original {original!r}")


def test_page_checks_where_a_text_is_spun(server, browser, tmp_path):
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    seen = scenario.watch(page, server)
    flagged = scenario.restore_paragraph(page, server, button="Check where", thorough=True)
    assert flagged >= 1, "a thorough check flagged nothing in a hand-spun paragraph"
    scenario.check_detect_view(page)
    page.screenshot(path=str(tmp_path / "check.png"), full_page=True)
    _keep_screenshots(tmp_path)
    page.get_by_role("button", name="Restore").click()  # restoring after a check brings back views and download
    page.locator("#status").filter(has_text=re.compile(r"^Done .* suggestions?\.$")).wait_for(timeout=120_000)
    assert page.locator("#toolbar").is_visible()
    assert page.locator("#score-label").inner_text() == "Spin score"
    page.get_by_label("Fast mode").check()
    assert page.get_by_label("Thorough check").is_disabled(), "thorough offered in fast mode (the server refuses it)"
    assert not seen["errors"], seen["errors"]
    page.close()


def test_page_works_on_a_phone_sized_screen(server, browser, tmp_path):
    scenario.check_phone_layout(browser, server, scenario.SPUN_PARAGRAPH, tmp_path / "phone.png")
    _keep_screenshots(tmp_path)


def test_page_names_known_tortured_phrases_and_their_disguises(server, browser):
    page = browser.new_page()
    scenario.restore_paragraph(page, server, scenario.SCIENTIFIC_SENTENCE)
    labels = scenario.known_labels(page)
    page.close()
    assert labels.get("bolster vector") == "Known tortured phrase", labels
    assert labels.get("irregular woodland") == "Disguise of the known term “random forests”", labels


def test_page_shows_server_errors_plainly(server, browser):
    page = browser.new_page()
    page.goto(server + "/")
    page.get_by_role("button", name="Restore").click()
    assert "Paste or upload some text first" in page.locator("#status").inner_text()
    page.get_by_label("Text to check").fill("x" * (1024 * 1024 + 10))
    page.get_by_role("button", name="Restore").click()
    assert "accepts up to" in page.locator("#status").inner_text()
    page.close()


def test_api_docs_render_offline(server, browser):
    page = browser.new_page()
    seen = scenario.watch(page, server)
    page.goto(server + "/docs")
    page.get_by_text("/v1/restore").first.wait_for(timeout=30_000)
    assert not seen["external"], f"/docs reached outside the server: {seen['external']}"
    page.close()


def test_uploading_a_saved_web_page_loads_its_main_text(server, browser):
    news = Path(__file__).parents[1] / "webpage" / "news_page.html"
    page = browser.new_page()
    page.goto(server + "/")
    page.locator("#file").set_input_files(str(news))
    page.locator("#status").filter(has_text="Loaded the main text of news_page.html").wait_for(timeout=30_000)
    story = news.with_suffix(".txt").read_text(encoding="utf-8").rstrip("\n")
    assert page.get_by_label("Text to check").input_value() == story
    page.close()
