"""How often restore's options hold the spinner's original, and how many candidates it offers per span.

Benchmark documents spun by each chosen setting (the realistic `wp` and `turbo` by default); for every gold span
that falls on token edges (less the words both sides share at its ends), whether the decoder's first look offers
its original for exactly those tokens (thesaurus candidates, the model's tied proposals, and a known spinner's pairs
where restore reads the text with them or offers them), whether the ranker puts it among its best two, by kind of
span (function word, content word, name, phrase), and the mean number of options per spun span.

    python -m benchmarks.candidate_recall [--settings wp,turbo] [--docs 40] [--fast] [--out FILE]
"""
from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from unspin.doc import Doc
from unspin.frequency import FUNCTION_WORD_ZIPF, zipf
from unspin.pipeline.restorer import get_restorer
from unspin.spin.case import match_case

from .data import load_documents, sample_documents
from .restore_bound import gold_spans
from .settings import SETTINGS, available, split_heads


def trimmed(doc: Doc, i: int, j: int, original: str) -> tuple[int, int, str]:
    """The gold span without the words its two sides share at either end ("the highest" for "the top" is
    "highest" for "top"): restoring the shorter span gives the same text."""
    words = original.split()
    while j - i > 1 and len(words) > 1 and doc.tokens[i].lower == words[0].lower():
        i, words = i + 1, words[1:]
    while j - i > 1 and len(words) > 1 and doc.tokens[j - 1].lower == words[-1].lower():
        j, words = j - 1, words[:-1]
    return i, j, " ".join(words)


def kind(doc: Doc, i: int, j: int, original: str) -> str:
    """function / content / name / phrase, by the original's words (what a reader of the results asks)."""
    if j - i > 1 or " " in original:
        return f"phrase_{min(j - i, 3)}_{min(len(original.split()), 3)}"
    if doc.tokens[i].text[0].isupper() and not doc.sentence_start(i):
        return "name"
    return "function" if zipf(original.lower()) >= FUNCTION_WORD_ZIPF else "content"


def measure(setting, docs, restorer, heads_a) -> Counter:
    """Per gold span, whether the original is among the options the decoder's first look ranks there (thesaurus
    candidates and the model's tied proposals), and among the ranker's best two (what the second pass scores)."""
    tally: Counter = Counter()
    spinner = setting.spinner(heads_a)
    for d in docs:
        result = spinner.spin(d.text)
        doc = Doc.from_text(result.text)
        reader = restorer.restore_reading(result.text)[0]
        looks = reader.decoder.look(doc, reader.candidates(doc), list(range(len(doc.sentences))))
        ranked = {r.token: r.options for _, _, rs in looks for r in rs}
        for i, j, original in (trimmed(doc, *g) for g in gold_spans(doc, result.gold)):
            k = kind(doc, i, j, original)
            truth = match_case(doc.tokens[i].text, original).lower()
            options = [o[3].original.lower() for o in ranked.get(i, ()) if o[3].end == j]
            found = truth in options
            tally[f"{k}_spans"] += 1
            tally[f"{k}_found"] += found
            tally["options"] += len(options)
            tally["spans"] += 1
            tally["found"] += found
            tally["top2"] += truth in options[:2]
        tally["gold"] += len(result.gold)
    return tally


def summary(tally: Counter) -> dict:
    out = {"spans": tally["spans"], "on_token_edges": round(tally["spans"] / max(1, tally["gold"]), 4),
           "recall": round(tally["found"] / max(1, tally["spans"]), 4),
           "top2": round(tally["top2"] / max(1, tally["spans"]), 4),
           "options_per_spun_span": round(tally["options"] / max(1, tally["spans"]), 1)}
    for k in sorted({k[: -len("_spans")] for k in tally if k.endswith("_spans")}):
        if tally[f"{k}_spans"]:
            out[k] = {"spans": tally[f"{k}_spans"], "recall": round(tally[f"{k}_found"] / tally[f"{k}_spans"], 4)}
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--settings", default="wp,turbo")
    ap.add_argument("--docs", type=int, default=40)
    ap.add_argument("--fast", action="store_true", help="the --fast restorer's candidates")
    ap.add_argument("--out", type=Path)
    args = ap.parse_args()
    from unspin.thesaurus.moby import load_moby

    heads_a = split_heads(load_moby())
    docs = sample_documents(load_documents(), args.docs, seed=0)
    results = {}
    for s in SETTINGS:
        if s.name not in args.settings.split(",") or not available(s):
            continue
        restorer = get_restorer(fast=args.fast, withheld_heads=heads_a if s.unseen else frozenset())
        results[s.name] = summary(measure(s, docs, restorer, heads_a))
        print(s.name, json.dumps(results[s.name]), flush=True)
    if args.out:
        args.out.write_text(json.dumps(results, indent=1) + "\n")


if __name__ == "__main__":
    main()
