"""A self-contained HTML report of a restoration: spun spans highlighted, originals on hover, side by side."""
from __future__ import annotations

import html

from .result import Edit, Restoration

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


def render_html(result: Restoration, title: str = "unspin report") -> str:
    """The whole report as one HTML string (no external assets)."""
    spun_parts, restored_parts, pos = [], [], 0
    text = result.text
    for e in result.edits:
        plain = html.escape(text[pos : e.start])
        spun_parts.append(plain)
        restored_parts.append(plain)
        tip = f"original: {e.original} ({e.confidence:.0%})"
        if e.alternatives:
            tip += "; or: " + ", ".join(e.alternatives)
        if _known(e):
            tip += f"; {_known(e)}"
        spun_parts.append(f'<mark class="{_band(e.confidence)}" title="{html.escape(tip)}">'
                          f"{html.escape(e.spun)}</mark>")
        restored_parts.append(f'<ins title="spun: {html.escape(e.spun)}">{html.escape(e.original)}</ins>')
        pos = e.end
    spun_parts.append(html.escape(text[pos:]))
    restored_parts.append(html.escape(text[pos:]))
    rows = "".join(
        f"<tr><td>{e.start}</td><td>{html.escape(e.spun)}</td><td>{html.escape(e.original)}</td>"
        f"<td>{e.confidence:.0%}</td><td>{html.escape(', '.join(e.alternatives))}</td><td>{html.escape(_known(e))}</td>"
        "</tr>"
        for e in result.edits
    )
    verdict = "likely spun" if result.spin_score >= 0.5 else "probably not spun"
    warnings = "".join(f"<p>⚠ {html.escape(w)}</p>" for w in result.warnings)
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>{html.escape(title)}</title>
<style>{_STYLE}</style></head><body>
<h1>{html.escape(title)}</h1>
<p class="score">Spin score <strong>{result.spin_score:.0%}</strong> ({verdict}); estimated share of spun words
{result.spin_rate:.0%}; {len(result.edits)} spans restored in {result.words} words.</p>{warnings}
<div class="cols"><section><h2>Spun text</h2><div class="text">{"".join(spun_parts)}</div></section>
<section><h2>Restored text</h2><div class="text">{"".join(restored_parts)}</div></section></div>
<h2>Edits</h2><table><tr><th>offset</th><th>spun</th><th>original</th><th>confidence</th><th>alternatives</th>
<th>known as</th></tr>
{rows}</table></body></html>
"""
