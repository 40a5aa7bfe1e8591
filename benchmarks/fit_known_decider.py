"""Fit the decider of a known spinner's reading on real pages that spinner spun, their sites held out.

A known reading (Restorer.read_as_known) meets what the training spins never show the main decider: most swaps have
the spinner's own pair among their options, and most odd words are the original writer's. Its decider is fitted here
on real spun pages with their originals (folders as benchmarks/known_profile.py reads them; the pages stay outside
the repository). The spun sites are split in groups; each group's matched pages are read with a profile learned from
the other groups' pages, and every (site, option) is labelled from the page's alignment with its original. The
threshold is chosen on probabilities from weights fitted without the page's group; the shipped weights are fitted on
every row. Writes src/unspin/data/known_decider.json.

    python -m benchmarks.fit_known_decider --pages DIR ... [--scorer ngram|smollm2|both] [--folds 10]
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np

from unspin.doc import Doc
from unspin.learn.known import known_spinner
from unspin.pipeline.decider import FEATURES, KNOWN_DECIDER
from unspin.pipeline.decode import DecoderParams
from unspin.pipeline.restorer import get_restorer
from unspin.source import align_copy

from .fit_decider import KNOWN_PHRASE_WEIGHT, fit_logistic
from .known_bench import held_out_groups
from .known_profile import read_pages
from .metrics import wer_errors

THRESHOLDS = np.arange(0.05, 0.91, 0.01)


def plain(words: str) -> str:
    """Lowercase, with straight apostrophes: how an option is compared with the original's words."""
    return words.lower().replace("\u2019", "'")


def gold_swaps(spun: str, original: str) -> dict[tuple[int, int], str]:
    """(start, end) in the spun text -> the original's words there (`plain`), from the page's alignment."""
    al = align_copy(spun, original)
    return {(al.tokens[s.i1].start, al.tokens[s.i2 - 1].end): plain(" ".join(
        t.text for t in al.source_tokens[s.j1:s.j2])) for s in al.swaps}


def collect(scorer: str, pages: list[dict], folds: int, log):
    """Feature rows, labels and (group, page, site, spun there, width) of every matched page's sites, each page read
    with the profile of the other groups' pages; and the matched pages' word errors as spun."""
    base = get_restorer(fast=scorer == "ngram", known_spinners=False)
    base.decoder.params.second_look = 0.0  # evidence from the second pass everywhere, as fit_decider fits
    rows, labels, meta, errors = [], [], [], 0
    for g, (group, held, profile) in enumerate(held_out_groups(pages, folds)):
        reader = base.read_as_known(profile)
        for page in (p for p in held if known_spinner(p["spun"], {"profile": profile})):
            gold = gold_swaps(page["spun"], page["original"])
            errors += wer_errors(page["spun"], page["original"])[0]
            doc = Doc.from_text(page["spun"])
            for s in reader.decoder.sites(doc, reader.candidates(doc)):
                start, end = doc.tokens[s.start].start, doc.tokens[s.end - 1].end
                spun_here = any(a < end and start < b for a, b in gold)
                for x, c in zip(s.x, s.options):
                    rows.append(x)
                    labels.append(int(gold.get((start, end)) == plain(c.original)))
                    meta.append((g, page["id"], (start, end), spun_here, s.end - s.start))
        log(f"  {scorer}: group {group} read, {len(rows)} rows")
    base.decoder.params.second_look = DecoderParams.second_look
    return np.array(rows), np.array(labels), meta, errors


def net_corrections(p, y, meta, threshold: float) -> tuple[int, int]:
    """Words put right and words of the original changed when each site's likeliest option is taken at `threshold`
    (a wrong option where the spinner swapped leaves the error as it was)."""
    best: dict[tuple, int] = {}
    for i, (_, page, site, _, _) in enumerate(meta):
        if (page, site) not in best or p[i] > p[best[page, site]]:
            best[page, site] = i
    fixed = sum(meta[i][4] for i in best.values() if p[i] >= threshold and y[i])
    damage = sum(meta[i][4] for i in best.values() if p[i] >= threshold and not meta[i][3])
    return fixed, damage


def fit_weights(x, y) -> np.ndarray:
    """Logistic weights, a listed phrase's set as fit_decider sets it: news pages hold too few listed phrases to fit
    it on, and the spinner's sure swaps, read alike, restored more with it set (docs/experiments.md, session 19)."""
    w = fit_logistic(x, y)
    w[FEATURES.index("tortured")] = KNOWN_PHRASE_WEIGHT
    return w


def fit(x, y, meta, errors: int) -> dict:
    """Weights on every row; the threshold with the most net corrections by weights fitted without each group."""
    group = np.array([m[0] for m in meta])
    held_out = np.zeros(len(y))
    for g in np.unique(group):
        w = fit_weights(x[group != g], y[group != g])
        held_out[group == g] = 1 / (1 + np.exp(-np.clip(x[group == g] @ w, -30, 30)))
    scores = {float(t): net_corrections(held_out, y, meta, t) for t in THRESHOLDS}
    threshold = max(scores, key=lambda t: scores[t][0] - scores[t][1])
    fixed, damage = scores[threshold]
    w = fit_weights(x, y)
    return {"weights": {f: round(float(v), 4) for f, v in zip(FEATURES, w)}, "threshold": round(threshold, 2),
            "fit": {"rows": int(len(y)), "pages": len({m[1] for m in meta}), "groups": len(np.unique(group)),
                    "spun_errors": errors, "fixed": fixed, "damage": damage,
                    "error_reduction_held_out": round((fixed - damage) / max(1, errors), 4)}}


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", nargs="+", type=Path, required=True, help="folders of spun pages with their originals")
    ap.add_argument("--scorer", choices=["ngram", "smollm2", "both"], default="both")
    ap.add_argument("--folds", type=int, default=10, help="groups of spun sites held out in turn")
    args = ap.parse_args(argv)
    pages = read_pages(args.pages)
    table = json.loads(KNOWN_DECIDER.read_text()) if KNOWN_DECIDER.exists() else {}
    for scorer in (["ngram", "smollm2"] if args.scorer == "both" else [args.scorer]):
        t0 = time.time()
        x, y, meta, errors = collect(scorer, pages, args.folds, lambda m: print(m, flush=True))
        table[scorer] = fit(x, y, meta, errors)
        table[scorer]["fit"] |= {"spun_sites": len({p["site"] for p in pages}), "seconds": round(time.time() - t0)}
        KNOWN_DECIDER.write_text(json.dumps(table, indent=1) + "\n")
        print(f"{scorer}: threshold {table[scorer]['threshold']}, {table[scorer]['fit']}", flush=True)


if __name__ == "__main__":
    main()
