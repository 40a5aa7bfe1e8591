from unspin.report import render_detection_html, render_html
from unspin.result import Detection, Edit, Restoration


def _restoration(text: str, edits: list[Edit]) -> Restoration:
    restored, pos = "", 0
    for e in edits:
        restored += text[pos : e.start] + e.original
        pos = e.end
    return Restoration(text, restored + text[pos:], 0.9, 0.2, edits, len(text.split()))


def test_report_shows_both_texts_and_names_known_phrases():
    text = "Raw petroleum & bolster vector machines."
    edits = [Edit(0, 13, "Raw petroleum", "Crude oil", 0.7, ["Rough oil"], known_term=True,
                  expected_wording="crude oil"),
             Edit(16, 30, "bolster vector", "support vector", 1.0, known_tortured=True,
                  expected_wording="support vector")]
    page = render_html(_restoration(text, edits))
    assert "Raw petroleum</mark> &amp; " in page and "<ins" in page and "Crude oil</ins>" in page
    assert "disguise of the known term “crude oil”" in page and "listed tortured phrase" in page
    assert page.count("<tr>") == 3  # the header and one row per edit


def test_report_of_clean_text_has_no_marks():
    page = render_html(_restoration("Nothing to see <here>.", []))
    assert "<mark" not in page and "Nothing to see &lt;here&gt;." in page


def test_detection_report_lists_every_document_and_marks_only_those_with_flags():
    spun = "Raw petroleum costs rose."
    span = Edit(0, 13, "Raw petroleum", "Crude oil", 0.9, [], known_term=True, expected_wording="crude oil")
    page = render_detection_html([("a.txt", spun, Detection(0.93, 0.4, [span], 4)),
                                  ("b.txt", "All <clean> here.", Detection(0.02, 0.0, [], 3))])
    assert page.count('<section id="doc') == 1 and 'href="#doc0"' in page and "b.txt" in page
    assert "Raw petroleum</mark> costs rose." in page and "disguise of the known term “crude oil”" in page
    assert "All &lt;clean&gt; here." not in page  # documents with nothing flagged appear in the summary only
    assert "93%" in page and "likely original" in page
