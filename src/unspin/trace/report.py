"""Rendering trace results: a plain-text summary for the terminal and a self-contained HTML report."""
from __future__ import annotations

import html

from .match import Match


def render_text(matches: list[Match], *, indexed: int, max_subs: int = 12) -> str:
    """A few lines per candidate source, best first; says plainly when nothing was found."""
    if not matches:
        return f"no source found among {indexed:,} indexed documents"
    lines = []
    for rank, m in enumerate(matches, 1):
        lines.append(
            f"{rank}. {m.doc_id}  score {m.score:.2f}  covers {m.coverage:.0%} of the text, "
            f"{m.substituted_share:.0%} of its words substituted ({len(m.substitutions)} substitutions), "
            f"{m.source_coverage:.0%} of the source copied"
        )
        if len(m.doc_ids) > 1:
            lines.append(f"   identical text also indexed as: {', '.join(m.doc_ids[1:])}")
        if m.sources and m.sources[0] != m.doc_id:
            lines.append(f"   source: {m.sources[0]}")
        if m.substitutions:
            shown = "; ".join(f"{s.spun or '∅'} → {s.source or '∅'}" for s in m.substitutions[:max_subs])
            more = f"; … {len(m.substitutions) - max_subs} more" if len(m.substitutions) > max_subs else ""
            lines.append(f"   {shown}{more}")
    return "\n".join(lines)


_CSS = """
body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font-size:1.4rem} h2{font-size:1.1rem;margin-top:2rem} .meta{color:#555}
.text{white-space:pre-wrap;border:1px solid #ddd;padding:1rem;border-radius:6px;background:#fafafa}
mark{background:#ffe08a;border-radius:3px;padding:0 2px} mark.src{background:#b9e6c9}
table{border-collapse:collapse} td,th{border-bottom:1px solid #eee;padding:.2rem .6rem;text-align:left}
"""


def render_html(query: str, matches: list[Match], *, indexed: int, title: str = "unspin trace") -> str:
    """A standalone HTML page: the suspect text with substituted spans marked (hover shows the source
    wording), and for each candidate source its numbers and the substitution table."""
    parts = [f"<!doctype html><html lang=en><meta charset=utf-8><title>{html.escape(title)}</title>",
             f"<style>{_CSS}</style><h1>{html.escape(title)}</h1>"]
    if not matches:
        parts.append(f"<p>No source found among {indexed:,} indexed documents.</p>")
        parts.append(f"<h2>Suspect text</h2><div class=text>{html.escape(query)}</div>")
        return "".join(parts) + "</html>"
    best = matches[0]
    parts.append(
        f"<p class=meta>Best source: <b>{html.escape(best.doc_id)}</b> — score {best.score:.2f}, "
        f"{best.coverage:.0%} of the text lines up with it, {best.substituted_share:.0%} of those words "
        f"substituted.</p><h2>Suspect text (marked: substituted; hover for the source wording)</h2>"
        f"<div class=text>{_marked(query, best)}</div>"
    )
    for rank, m in enumerate(matches, 1):
        ids = ", ".join(html.escape(i) for i in m.doc_ids)
        parts.append(
            f"<h2>{rank}. {ids}</h2><p class=meta>score {m.score:.3f} · coverage {m.coverage:.0%} · substituted "
            f"{m.substituted_share:.0%} · source copied {m.source_coverage:.0%} · MinHash {m.lsh_similarity:.2f}"
            + (f" · embedding {m.embedding_similarity:.2f}" if m.embedding_similarity is not None else "")
            + f" · source: {html.escape(', '.join(m.sources))}</p>"
        )
        if m.substitutions:
            rows = "".join(
                f"<tr><td><mark>{html.escape(s.spun) or '∅'}</mark></td>"
                f"<td><mark class=src>{html.escape(s.source) or '∅'}</mark></td></tr>"
                for s in m.substitutions
            )
            parts.append(f"<table><tr><th>spun</th><th>source wording</th></tr>{rows}</table>")
    return "".join(parts) + "</html>"


def _marked(query: str, match: Match) -> str:
    out, pos = [], 0
    for s in sorted(match.substitutions, key=lambda s: s.start):
        if s.end <= s.start or s.start < pos:
            continue
        out.append(html.escape(query[pos : s.start]))
        out.append(f"<mark title=\"{html.escape(s.source or '(nothing)')}\">"
                   f"{html.escape(query[s.start : s.end])}</mark>")
        pos = s.end
    out.append(html.escape(query[pos:]))
    return "".join(out)
