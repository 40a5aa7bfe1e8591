"""Self-contained HTML reports: a restoration (spun spans highlighted, originals on hover, side by side) and a
detection of one or many documents (spin probability, flagged spans in their text)."""
from __future__ import annotations

import html

from .result import Detection, Edit, Restoration

_STYLE = """
body{font:16px/1.6 system-ui,sans-serif;margin:0 auto;max-width:72rem;padding:1rem;color:#1b1b1b}
h1{font-size:1.4rem} .score{font-size:1.1rem;padding:.5rem 1rem;border-radius:.4rem;background:#f3f3f3}
.cols{display:grid;grid-template-columns:1fr 1fr;gap:1.5rem} @media(max-width:700px){.cols{grid-template-columns:1fr}}
.text{white-space:pre-wrap;border:1px solid #ddd;border-radius:.4rem;padding:1rem}
mark{border-radius:.2rem;padding:0 .1rem;cursor:help} mark.hi{background:#ffb3a7} mark.mid{background:#ffd98a}
mark.lo{background:#fff1b8} ins{background:#c8f2c8;text-decoration:none;border-radius:.2rem;padding:0 .1rem}
table{border-collapse:collapse;margin-top:1rem} td,th{border-bottom:1px solid #eee;padding:.2rem .6rem;text-align:left}
"""


def _band(confidence: float) -> str:
    return "hi" if confidence >= 0.8 else "mid" if confidence >= 0.6 else "lo"


def _known(e: Edit) -> str:
    """What the edit is known as: a listed tortured phrase, or a new disguise of a listed phrase's wording."""
    if e.known_tortured:
        return "listed tortured phrase"
    return f"disguise of the known term “{e.expected_wording}”" if e.known_term else ""


def _marked(text: str, edits: list[Edit], replace: bool = False) -> str:
    """`text` as HTML with each edit's span marked (its likely original on hover), or with `replace`, replaced by
    its original (the spun words on hover)."""
    parts, pos = [], 0
    for e in edits:
        parts.append(html.escape(text[pos : e.start]))
        if replace:
            parts.append(f'<ins title="spun: {html.escape(e.spun)}">{html.escape(e.original)}</ins>')
        else:
            tip = f"original: {e.original} ({e.confidence:.0%})"
            if e.alternatives:
                tip += "; or: " + ", ".join(e.alternatives)
            if _known(e):
                tip += f"; {_known(e)}"
            parts.append(f'<mark class="{_band(e.confidence)}" title="{html.escape(tip)}">{html.escape(e.spun)}</mark>')
        pos = e.end
    return "".join(parts) + html.escape(text[pos:])


def _table(edits: list[Edit], original: str) -> str:
    """One row per edit: offset, spun words, `original` (the column's name), confidence, alternatives, known as."""
    rows = "".join(
        f"<tr><td>{e.start}</td><td>{html.escape(e.spun)}</td><td>{html.escape(e.original)}</td>"
        f"<td>{e.confidence:.0%}</td><td>{html.escape(', '.join(e.alternatives))}</td><td>{html.escape(_known(e))}</td>"
        "</tr>"
        for e in edits
    )
    return (f"<table><tr><th>offset</th><th>spun</th><th>{original}</th><th>confidence</th><th>alternatives</th>"
            f"<th>known as</th></tr>\n{rows}</table>")


def _page(title: str, body: str) -> str:
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>{html.escape(title)}</title>
<style>{_STYLE}</style></head><body>
<h1>{html.escape(title)}</h1>
{body}</body></html>
"""


def _warnings(warnings: list[str]) -> str:
    return "".join(f"<p>⚠ {html.escape(w)}</p>" for w in warnings)


def render_html(result: Restoration, title: str = "unspin report") -> str:
    """The whole report as one HTML string (no external assets)."""
    verdict = "likely spun" if result.spin_score >= 0.5 else "probably not spun"
    spun, restored = _marked(result.text, result.edits), _marked(result.text, result.edits, replace=True)
    return _page(title, f"""<p class="score">Spin score <strong>{result.spin_score:.0%}</strong> ({verdict});
estimated share of spun words {result.spin_rate:.0%}; {len(result.edits)} spans restored in {result.words} words.</p>
{_warnings(result.warnings)}
<div class="cols"><section><h2>Spun text</h2><div class="text">{spun}</div></section>
<section><h2>Restored text</h2><div class="text">{restored}</div></section></div>
<h2>Edits</h2>{_table(result.edits, "original")}""")


def render_detection_html(documents: list[tuple[str, str, Detection]], title: str = "unspin detect report") -> str:
    """One report for (name, text, Detection) of one or many documents: a summary row per document, then each
    document with flagged spans or called spun, its text marked (documents with neither appear in the summary)."""
    shown = [bool(d.spans or d.is_spun) for _, _, d in documents]
    names = [f'<a href="#doc{n}">{html.escape(name)}</a>' if shown[n] else html.escape(name)
             for n, (name, _, _) in enumerate(documents)]
    summary = "".join(
        f"<tr><td>{names[n]}</td><td>{'spun' if d.is_spun else 'clean'}</td><td>{d.probability:.0%}</td>"
        f"<td>{d.spin_rate:.0%}</td><td>{len(d.spans)}</td><td>{d.words}</td></tr>"
        for n, (_, _, d) in enumerate(documents)
    )
    sections = "".join(
        f"""<section id="doc{n}"><h2>{html.escape(name)}</h2>
<p class="score">Spin probability <strong>{d.probability:.0%}</strong> ({"spun" if d.is_spun else "clean"} at the
threshold {d.threshold:.0%}); estimated share of spun words {d.spin_rate:.0%}; {len(d.spans)} spans flagged in
{d.words} words.</p>{_warnings(d.warnings)}
<div class="text">{_marked(text, d.spans)}</div>{_table(d.spans, "likely original")}</section>"""
        for n, (name, text, d) in enumerate(documents) if shown[n]
    )
    return _page(title, f"""<table><tr><th>document</th><th>verdict</th><th>spin probability</th><th>spun words</th>
<th>spans</th><th>words</th></tr>
{summary}</table>
{sections}""")
