"""How much of a spinner's damage could restore undo with this language model, if it knew where the spinner struck?

Training documents spun at 25% (Moby half B, restorer without half B), or (`--spinner wp|turbo`) by half A of a real
spinner's dictionary, every match (the restorer has every thesaurus; it never has the dictionary). For every gold
span, its candidates are restore's own (`Decoder.look`: thesauri, entry neighbours and the model's tied proposals,
every option that replaces exactly the spun words). Location is given for free: the bound picks, among the ranker's
best `--options` options, the one whose sentence SmolLM2 finds likeliest, with every other spun span of the sentence
already restored to its true original (the kindest context; `--spun-context` leaves them spun, as restore sees them).
The share of spans it gets right bounds the error reduction restore can reach with these candidates and this model.
Training genres only, never benchmark documents.

    python -m benchmarks.restore_bound [--docs 10] [--options 16] [--spun-context] [--spinner moby|wp|turbo]
"""
from __future__ import annotations

import argparse
from collections import Counter

import numpy as np

from unspin.doc import Doc
from unspin.pipeline.restorer import get_restorer
from unspin.spin import Spinner
from unspin.spin.case import match_case
from unspin.thesaurus.moby import load_moby

from .fit_decider import training_documents
from .settings import in_half_a
from .training_mix import dictionary_spinner

TOP_K = (1, 2, 4, 8, 16, 32)


def gold_spans(doc: Doc, gold) -> list[tuple[int, int, str]]:
    """Gold spans as token ranges [i, j) with their originals; spans that do not fall on token edges are skipped."""
    starts = {t.start: n for n, t in enumerate(doc.tokens)}
    ends = {t.end: n + 1 for n, t in enumerate(doc.tokens)}
    return [(starts[g.start], ends[g.end], g.original) for g in gold if g.start in starts and g.end in ends]


def count_picks(rows: list[tuple[int, float, bool]], tally: Counter) -> None:
    """One span's options as (ranker's rank, sentence log-probability, is the original): for each k, whether the
    model's likeliest sentence (`lm_top{k}`), or one of its two likeliest (`lm2_top{k}`), among the ranker's best k
    restores the original."""
    for k in TOP_K:
        pool = sorted((row for row in rows if row[0] < k), key=lambda row: -row[1])
        tally[f"lm_top{k}"] += any(row[2] for row in pool[:1])
        tally[f"lm2_top{k}"] += any(row[2] for row in pool[:2])


SPINNERS = ("moby", "wp", "turbo")


def reader_and_spinner(spinner: str):
    """The restorer and the training spinner a bound reads with: the simulator at 25% with Moby half B (the restorer
    without it), or a real dictionary's half A, every match (the benchmark's settings spin with half B), as the fits
    see it."""
    half_b = frozenset(h for h in load_moby() if not in_half_a(h))
    if spinner == "moby":
        return (get_restorer(withheld_heads=half_b, known_spinners=False),
                Spinner(thesaurus="moby", rate=0.25, heads=half_b).spin)
    return get_restorer(known_spinners=False), dictionary_spinner(spinner, 1.0, 0).spin


def add_spinner_argument(ap: argparse.ArgumentParser) -> None:
    ap.add_argument("--spinner", choices=SPINNERS, default="moby",
                    help="the simulator (Moby half B, 25%%) or half A of a real dictionary (every match)")


def bound(docs: int, options: int, spun_context: bool, spinner: str = "moby") -> Counter:
    restorer, spin = reader_and_spinner(spinner)
    tally: Counter = Counter()
    for n, text in enumerate(training_documents(docs, seed=7)):
        result = spin(text, seed=100 + n)
        doc = Doc.from_text(result.text)
        spans = gold_spans(doc, result.gold)
        tally["spans"] += len(result.gold)
        looks = restorer.decoder.look(doc, restorer.candidates(doc), list(range(len(doc.sentences))))
        hyps, owners = [], []  # owners: (span id, option rank, is the original)
        for k, _, ranked in looks:
            a, b = doc.sentences[k]
            by_token = {r.token: r for r in ranked}
            inside = [s for s in spans if a <= s[0] and s[1] <= b]
            for sid, (i, j, original) in enumerate(inside):
                truth = match_case(doc.tokens[i].text, original).lower()
                opts = [o[3].original for o in by_token[i].options if o[3].end == j] if i in by_token else []
                ranks = [r for r, o in enumerate(opts) if o.lower() == truth]
                if not ranks:
                    continue
                tally["candidate"] += 1
                tally[f"ranker_top{next(t for t in TOP_K + (10**9,) if ranks[0] < t)}"] += 1
                for r, option in enumerate(opts[:options]):
                    hyp = restorer.decoder.hypothesis(doc, k)
                    for s2, (i2, j2, orig2) in sorted(enumerate(inside), key=lambda x: -x[1][0]):
                        if s2 == sid:
                            hyp = hyp.replace(i2 - a, j2 - a, option)
                        elif not spun_context:
                            hyp = hyp.replace(i2 - a, j2 - a, match_case(doc.tokens[i2].text, orig2))
                    hyps.append(hyp)
                    owners.append(((n, k, sid), r, r == ranks[0]))
        best: dict = {}
        for (span, r, is_original), scores in zip(owners, restorer.decoder.scorer.score(hyps)):
            total = float(np.sum(scores))
            best.setdefault(span, []).append((r, total, is_original))
        for rows in best.values():
            count_picks(rows, tally)
        print(f"document {n + 1}/{docs}: {tally['spans']} spans", flush=True)
    return tally


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=10)
    ap.add_argument("--options", type=int, default=16, help="the ranker's best options the model chooses among")
    ap.add_argument("--spun-context", action="store_true", help="leave the sentence's other spun spans spun")
    add_spinner_argument(ap)
    args = ap.parse_args()
    tally = bound(args.docs, args.options, args.spun_context, args.spinner)
    spans = tally["spans"]
    print(f"{spans} spun spans; original among restore's candidates: {tally['candidate'] / spans:.1%}")
    ranker = 0
    for k in TOP_K:
        ranker += tally[f"ranker_top{k}"]
        if k <= args.options:
            print(f"  ranker's top {k:>2}: original there {ranker / spans:.1%}; the model's likeliest sentence "
                  f"among them has it {tally[f'lm_top{k}'] / spans:.1%}, one of its two likeliest "
                  f"{tally[f'lm2_top{k}'] / spans:.1%}")


if __name__ == "__main__":
    main()
