"""The web page walk-through shared by the browser test: paste, check or restore, inspect, decide, toggle,
download."""
from __future__ import annotations

import re
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

# Written for this test: a plain news-style paragraph put through thesaurus swaps by hand.
SPUN_PARAGRAPH = (
    "The town council voted on Monday to construct a brand new bridge throughout the river. "
    "The mayor stated the undertaking would create many jobs and assist small companies develop. "
    "Critics argued that the price was too excessive and that the cash ought to be spent on schools."
)
# Written for this test: a sentence of scientific prose with one listed tortured phrase and one new disguise of
# a listed phrase's expected wording (a known term reached word by word).
SCIENTIFIC_SENTENCE = "The method uses irregular woodland classifiers and bolster vector machines to label the samples."


def launch(playwright):
    """Debian's Chromium, headless, with nothing that phones home; never a downloaded browser."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def watch(page, base_url: str) -> dict:
    """Record page errors and any request that leaves the server (the page must work offline)."""
    seen = {"errors": [], "external": []}
    page.on("pageerror", lambda exc: seen["errors"].append(str(exc)))
    page.on("console", lambda msg: seen["errors"].append(msg.text) if msg.type == "error" else None)
    page.on("request", lambda req: None if req.url.startswith((base_url, "data:", "blob:"))
            else seen["external"].append(req.url))
    return seen


def restore_paragraph(page, base_url: str, text: str = SPUN_PARAGRAPH, timeout_ms: int = 120_000,
                      button: str = "Restore", thorough: bool = False) -> int:
    """Open the page, paste `text`, press `button` (Restore or Check where), wait for the result; return the
    number of highlights."""
    page.goto(base_url + "/")
    page.get_by_label("Text to check").fill(text)
    if thorough:
        page.get_by_label("Thorough check").check()
    page.get_by_role("button", name=button).click()
    page.wait_for_selector("#results:not([hidden])", timeout=timeout_ms)
    # Locator waits, not wait_for_function: the page's Content-Security-Policy forbids eval, as it should.
    page.locator("#status").filter(has_text=re.compile(r"^Done")).wait_for(timeout=timeout_ms)
    return page.locator("#view-spun mark").count()


def check_score(page) -> str:
    score = page.locator("#score-value").inner_text()
    assert re.fullmatch(r"\d{1,3}%", score), score
    verdict = page.locator("#score-verdict").inner_text()
    assert "spun" in verdict or "spinning" in verdict, verdict
    return score


def check_hover_shows_original(page) -> str:
    first = page.locator("#view-spun mark").first
    first.hover()
    pop = page.locator("#popover")
    pop.wait_for(state="visible")
    assert not page.locator("#pop-undo").is_visible(), "Undo shown for an undecided suggestion"
    assert not page.locator("#view-diff").is_visible(), "the side-by-side view shows in the spun view"
    original = page.locator("#pop-original").inner_text().strip()
    assert original, "the popover shows no original"
    assert page.locator("#pop-spun").inner_text().strip() == first.inner_text().strip()
    return original


def known_labels(page) -> dict[str, str]:
    """Each highlighted word's "known" line in its details (empty where it has none)."""
    labels = {}
    marks = page.locator("#view-spun mark")
    for i in range(marks.count()):
        marks.nth(i).hover()
        page.locator("#popover").wait_for(state="visible")
        known = page.locator("#pop-known")
        labels[marks.nth(i).inner_text().strip()] = known.inner_text().strip() if known.is_visible() else ""
    return labels


def check_keyboard_accept_and_reject(page, highlights: int) -> None:
    """Tab to the first highlight and accept it with Enter; reject the second with Delete when there is one."""
    # A keyboard user's mouse rests away from the text: a mouse left over a word (from the hover checks) opens that
    # word's details when the text moves under it, which takes the focus from the other word's buttons.
    page.mouse.move(0, 0)
    page.locator("#view-spun mark").first.focus()
    page.keyboard.press("Enter")
    first = page.locator("#view-spun mark").first
    assert "accepted" in (first.get_attribute("class") or "")
    assert page.evaluate("document.activeElement.tagName") == "MARK", "focus left the word after accepting"
    assert "1 accepted" in page.locator("#decisions").inner_text()
    if highlights > 1:
        page.keyboard.press("Tab")  # Tab goes word to word, not through the details' buttons
        assert page.evaluate("document.activeElement.dataset.index") == "1"
        page.keyboard.press("ArrowDown")  # into the details: the first option button
        assert page.evaluate("document.activeElement.tagName") == "BUTTON"
        assert page.evaluate("document.getElementById('popover').contains(document.activeElement)")
        page.keyboard.press("Escape")
        assert page.evaluate("document.activeElement.dataset.index") == "1"
        page.keyboard.press("Delete")
        assert "rejected" in (page.locator("#view-spun mark").nth(1).get_attribute("class") or "")
        assert "1 rejected" in page.locator("#decisions").inner_text()


def expected_restored(page) -> str:
    """Rebuild, from the page's own state, the text that accepting/rejecting should produce."""
    return page.evaluate("window.unspinRestoredText()")


def check_views(page, text: str) -> None:
    page.get_by_label("Restored", exact=True).check()
    assert page.locator("#view-restored").is_visible() and not page.locator("#view-spun").is_visible()
    assert page.locator("#view-restored").inner_text() == expected_restored(page)
    page.get_by_label("Side by side").check()
    assert page.locator("#view-diff").is_visible()
    assert page.locator("#diff-spun").inner_text() == text
    assert page.locator("#diff-restored").inner_text() == expected_restored(page)
    assert page.locator("#diff-restored ins").count() >= 1
    assert not page.locator("#view-spun").is_visible() and not page.locator("#view-restored").is_visible()
    page.get_by_label("Spun", exact=True).check()
    assert page.locator("#view-spun").is_visible() and not page.locator("#view-diff").is_visible()


def check_download(page, tmp_dir: Path) -> str:
    with page.expect_download() as info:
        page.get_by_role("button", name="Download restored text").click()
    target = tmp_dir / info.value.suggested_filename
    info.value.save_as(target)
    content = target.read_text(encoding="utf-8")
    assert content == expected_restored(page)
    return content


def check_phone_layout(browser, base_url: str, text: str, shot: Path) -> None:
    """On a phone-sized screen nothing scrolls sideways and a tap on a highlight opens its details."""
    context = browser.new_context(viewport={"width": 375, "height": 740}, has_touch=True, is_mobile=True)
    page = context.new_page()
    try:
        restore_paragraph(page, base_url, text)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"the page scrolls sideways by {overflow}px on a phone"
        marks = page.locator("#view-spun mark")
        for i in reversed(range(min(marks.count(), 8))):  # every word's details fit on the screen
            marks.nth(i).tap()
            page.locator("#popover").wait_for(state="visible")
            box = page.locator("#popover").bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= 375 + 1, (i, box)
        page.screenshot(path=str(shot), full_page=True)
    finally:
        context.close()


def check_detect_view(page) -> str:
    """After Check where: a spin probability, flagged words whose details name a likely original, and nothing to
    accept, reject or download (a check shows where, restore changes the text)."""
    assert page.locator("#score-label").inner_text() == "Spin probability"
    assert re.fullmatch(r"\d{1,3}%", page.locator("#score-value").inner_text())
    assert not page.locator("#toolbar").is_visible(), "restore's views and download show after a check"
    assert "flagged" in page.locator("#decisions").inner_text()
    first = page.locator("#view-spun mark").first
    first.hover()
    page.locator("#popover").wait_for(state="visible")
    assert not page.locator("#pop-accept").is_visible(), "a flagged span offers Accept"
    original = page.locator("#pop-original").inner_text().strip()
    assert original, "the details show no likely original"
    first.focus()
    page.keyboard.press("Enter")  # Enter accepts a restore suggestion; a flagged span stays as it was
    assert "accepted" not in (page.locator("#view-spun mark").first.get_attribute("class") or "")
    return original
