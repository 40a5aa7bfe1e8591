from unspin.trace.align import align
from unspin.trace.match import Match
from unspin.trace.report import render_html, render_text


def _match(query, source):
    a = align(query, source)
    return Match(doc_id="src<1>", doc_ids=["src<1>", "copy"], sources=["a.txt", "b.txt"], score=a.score,
                 coverage=a.coverage, substituted_share=a.substituted_share, source_coverage=a.source_coverage,
                 anchored_share=a.anchored_share,
                 lsh_similarity=0.5, embedding_similarity=None, matched_words=a.matched,
                 substituted_words=a.substituted, query_words=a.query_words, source_words=a.source_words,
                 substitutions=a.substitutions)


def test_text_report_lists_substitutions_and_duplicates():
    m = _match("the rural faced a combat today", "the country faced a war today")
    out = render_text([m], indexed=10)
    assert "rural → country" in out and "combat → war" in out
    assert "identical text also indexed as: copy" in out
    assert render_text([], indexed=1234) == "no source found among 1,234 indexed documents"


def test_html_report_marks_spans_and_escapes():
    query = "the rural <faced> a combat today"
    m = _match(query, "the country <faced> a war today")
    page = render_html(query, [m], indexed=2)
    assert '<mark title="country">rural</mark>' in page
    assert "&lt;faced&gt;" in page and "src&lt;1&gt;" in page
    assert "No source found" in render_html("x", [], indexed=2)
