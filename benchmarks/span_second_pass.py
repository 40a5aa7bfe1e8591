"""Would a second pass help screening find spun words? Word-level recall at 90% precision of the flagger (what
`unspin detect` uses), of restore's decider with a second pass at every site, and of the two averaged.

Both read the same spun documents; a word's score is the highest probability of a span covering it. `--gate` also
reports the average only where the flagger gives at least that probability (the flagger's score halved elsewhere):
the share of words that would need the second pass. Training genres by default (Moby half B, restorer without it);
`--benchmark-genres` uses Brown news and learned with the benchmark's half A and a sample the benchmark does not
draw (seed 77). `--screen-candidates`: the decider sees screening's candidates and no proposals of the language
model, as a second pass inside screening would. A measurement for the next step, not a tuning set.

    python -m benchmarks.span_second_pass [--docs 40] [--benchmark-genres] [--screen-candidates]
"""
from __future__ import annotations

import argparse

import numpy as np

from unspin.doc import Doc
from unspin.pipeline.restorer import get_restorer
from unspin.pipeline.termcheck import rechecked
from unspin.spin import Spinner
from unspin.thesaurus.moby import load_moby

from .data import load_documents, sample_documents
from .fit_decider import training_documents
from .settings import in_half_a

WORDS = 400
GATES = (0.1, 0.3, 0.5)


def word_scores(docs: int, benchmark_genres: bool, screen_candidates: bool
                ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per word of the spun documents: the flagger's score, the decider's, and whether the spinner changed it."""
    half = frozenset(h for h in load_moby() if in_half_a(h) == benchmark_genres)
    if benchmark_genres:
        texts = [" ".join(d.text.split()[:WORDS]) for d in sample_documents(load_documents(), docs, seed=77)]
    else:
        texts = training_documents(docs, seed=11, words=WORDS)
    restorer = get_restorer(withheld_heads=half, known_spinners=False)
    restorer.decoder.params.second_look = 0.0
    if screen_candidates:
        restorer.decoder.params.proposals = 0
    candidates = restorer.screen_candidates if screen_candidates else restorer.candidates
    flagger = restorer.screener.flagger
    rows: list[tuple[float, float, bool]] = []
    for n, text in enumerate(texts):
        result = Spinner(thesaurus="moby", rate=0.25, heads=half, seed=200 + n).spin(text)
        doc = Doc.from_text(result.text)
        words = [i for i, tok in enumerate(doc.tokens) if tok.is_word]
        flagged, decided = dict.fromkeys(words, 0.0), dict.fromkeys(words, 0.0)
        ranked, x = restorer.screener.evidence(doc, restorer.screen_candidates(doc))
        for r, p in zip(ranked, flagger.probabilities(x) if ranked else []):
            r, p = rechecked(r, float(p), flagger.threshold)
            for i in range(r.token, r.options[0][3].end):
                flagged[i] = max(flagged.get(i, 0.0), p)
        for site in restorer.decoder.sites(doc, candidates(doc)):
            for i in range(site.start, site.end):
                decided[i] = max(decided.get(i, 0.0), max(site.p))
        for i in words:
            tok = doc.tokens[i]
            rows.append((flagged[i], decided[i], any(g.start < tok.end and tok.start < g.end for g in result.gold)))
    f, d, y = (np.array(c) for c in zip(*rows))
    return f, d, y.astype(bool)


def recall_at(score: np.ndarray, spun: np.ndarray, precision: float = 0.9) -> float:
    """The highest recall of a threshold on `score` whose precision is at least `precision`."""
    hits = np.cumsum(spun[np.argsort(-score, kind="stable")])
    ok = hits / np.arange(1, len(hits) + 1) >= precision
    return float(hits[ok].max() / spun.sum()) if ok.any() else 0.0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=40)
    ap.add_argument("--benchmark-genres", action="store_true")
    ap.add_argument("--screen-candidates", action="store_true")
    args = ap.parse_args()
    f, d, spun = word_scores(args.docs, args.benchmark_genres, args.screen_candidates)
    print(f"{len(spun)} words, {spun.sum()} spun; recall at precision 0.90 (0.80):")
    for name, score in [("flagger", f), ("decider", d), ("average", (f + d) / 2)]:
        print(f"  {name:8s} {recall_at(score, spun):.3f} ({recall_at(score, spun, 0.8):.3f})")
    for gate in GATES:
        score = np.where(f >= gate, (f + d) / 2, f / 2)
        print(f"  average where the flagger gives >= {gate}: {recall_at(score, spun):.3f}, "
              f"second pass for {np.mean(f >= gate):.0%} of words")


if __name__ == "__main__":
    main()
