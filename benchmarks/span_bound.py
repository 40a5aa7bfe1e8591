"""How far apart are spun and clean words for this language model, with the best evidence a detector could have?

For each single-word span of training documents spun at 25% (Moby half B, restorer without half B), or
(`--spinner wp|turbo`) by half A of a real spinner's dictionary, every match, the gain in log-probability (the word
and the two units after it, whole sentence in context) when the word is replaced by its best option: for spun words
the best of their true original and their top four ranked options, for clean words with options the best of their
top four. A span detector that thresholds this gain is given the spinner's originals for free; the precision it
reaches at recall 0.60 (#25's target) and 0.85 (#4's) shows what the model's evidence allows (both ask for 0.90).
Training genres only, never benchmark documents.

    python -m benchmarks.span_bound [--docs 30] [--spinner moby|wp|turbo]
"""
from __future__ import annotations

import argparse

import numpy as np

from unspin.doc import Doc
from unspin.spin.case import match_case

from .fit_decider import training_documents
from .restore_bound import add_spinner_argument, reader_and_spinner

RIGHT = 2
OPTIONS = 4


RECALLS = (0.30, 0.60, 0.85)


def gains(docs: int, spinner: str = "moby") -> tuple[np.ndarray, np.ndarray]:
    """Best replacement gain per spun word and per clean word with options."""
    restorer, spin = reader_and_spinner(spinner)
    spun_best, clean_best = [], []
    for n, text in enumerate(training_documents(docs, seed=7)):
        result = spin(text, seed=100 + n)
        doc = Doc.from_text(result.text)
        gold = {g.start: g for g in result.gold}
        inside = {c for g in result.gold for c in range(g.start, g.end)}
        hyps, owners, firsts = [], [], {}
        looks = restorer.decoder.look(doc, restorer.candidates(doc), list(range(len(doc.sentences))), proposals=0)
        for k, fp, ranked in looks:
            a, b = doc.sentences[k]
            base, firsts[k] = restorer.decoder.hypothesis(doc, k), fp.unit_logp
            by_token = {r.token: r for r in ranked}
            for i in range(a, b):
                tok = doc.tokens[i]
                g = gold.get(tok.start)
                spun = g is not None and g.end == tok.end
                if not tok.is_word or (not spun and (tok.start in inside or i not in by_token)):
                    continue
                words = [o[3].original for o in by_token[i].options if o[3].end == i + 1][:OPTIONS] \
                    if i in by_token else []
                if spun:
                    words.append(match_case(tok.text, g.original))
                if not words:
                    continue
                target = spun_best if spun else clean_best
                for w in words:
                    hyps.append(base.replace(i - a, i - a + 1, w))
                    owners.append((target, len(target), k, i - a))
                target.append(-np.inf)
        for (target, slot, k, u), scores in zip(owners, restorer.decoder.scorer.score(hyps)):
            gain = float(scores[u : u + 1 + RIGHT].sum() - firsts[k][u : u + 1 + RIGHT].sum())
            target[slot] = max(target[slot], gain)
    return np.array(spun_best), np.array(clean_best)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=30)
    add_spinner_argument(ap)
    args = ap.parse_args()
    spun, clean = gains(args.docs, args.spinner)
    print(f"{len(spun)} spun words, {len(clean)} clean words with options")
    for recall in RECALLS:
        cut = np.quantile(spun, 1 - recall)
        hits, false = (spun > cut).sum(), (clean > cut).sum()
        print(f"gain at recall {recall:.2f}: {cut:.2f} nats; clean words above it {false / len(clean):.1%}; "
              f"precision {hits / (hits + false):.3f}")


if __name__ == "__main__":
    main()
