"""Learning benchmark on the realistic spinners: does `unspin learn` find a real dictionary spinner's rules?

For `wp` and `turbo` (half B of a real spinner's dictionary, benchmarks/settings.py): learn a profile from piles of
N Brown documents it spun (Brown's non-benchmark categories), then restore other benchmark documents it spun (news
and learned) with and without the profile. Reported per pile size: error reduction with and without the profile,
damage (clean originals restored with the profile: share of words changed), learned-pair precision (a pair is true
when both sides are members of one line of the half-B dictionary, or are such a pair less the words both share at
either end, as gold spans mark them) and recall (the share of the pairs the spinner applied in the pile, by kind and
by use, that the profile holds). Then `identify`: a profile learned for each realistic spinner and for the simulator
(`phrase-25`), tested on held-out documents of 300+ words spun by each.

    python -m benchmarks.learn_real [--sizes 10,100,1000] [--test-docs 12] [--learn-fast] [--restore-fast]

The dictionaries are read here by path for spinning and scoring only (benchmarks/settings.py); profiles learned from
their spins are benchmark artefacts, written under benchmarks/results/ only as counts, never shipped.
"""
from __future__ import annotations

import argparse
import random
import time
from collections import Counter
from pathlib import Path

from unspin.spin.groups import shared_ends

from .data import load_documents, parse_file, split_documents
from .fit_decider import HELD_OUT_FICTION, TRAIN_CATEGORIES, training_folder
from .learn_bench import identification_lines, identification_scores, run_record, write_result
from .metrics import error_reduction, wer_errors, word_list
from .settings import SETTINGS, available, dictionary_half, split_heads

RESULTS = Path(__file__).parent / "results"
MIN_IDENTIFY_WORDS = 300


def documents(seed: int = 0):
    """(benchmark documents shuffled, training pool): the pool is Brown's non-benchmark categories (held-out
    fiction aside), cut into documents as the benchmark's are."""
    docs = load_documents()
    random.Random(seed).shuffle(docs)
    pool = []
    for path in sorted(training_folder().glob(f"c[{TRAIN_CATEGORIES}][0-9][0-9]")):
        if not HELD_OUT_FICTION.fullmatch(path.name):
            pool.extend(split_documents(path.name, "train", parse_file(path), random.Random(path.name)))
    random.Random(seed + 1).shuffle(pool)
    return docs, pool


def _norm(text: str) -> str:
    return " ".join(text.lower().replace("\u2019", "'").split())


def _trimmed(a: str, b: str) -> tuple[str, str]:
    """A pair less the words both sides share at either end ("the same" / "the identical" -> "same" / "identical")."""
    x, y = a.split(), b.split()
    head, tail = shared_ends(x, y)
    return " ".join(x[head : len(x) - tail]), " ".join(y[head : len(y) - tail])


def true_pairs(setting_name: str) -> set[tuple[str, str]]:
    """Every (spun, original) pair the half-B dictionary of a realistic setting allows, both ways, also trimmed."""
    setting = next(s for s in SETTINGS if s.name == setting_name)
    out: set[tuple[str, str]] = set()
    for group in dictionary_half(setting.dictionary, "B"):
        members = list(dict.fromkeys(_norm(m) for m in group if m.strip()))
        for a in members:
            for b in members:
                if a != b:
                    out.add((a, b))
                    out.add(_trimmed(a, b))
    return out


def applied_pairs(results) -> Counter:
    """(spun, original) -> how often the spinner applied it in these spins (gold, lowercased)."""
    return Counter((_norm(g.spun), _norm(g.original)) for r in results for g in r.gold)


def pair_scores(profile, truth: set, applied: Counter) -> dict:
    """Learned pairs, their precision against the dictionary, and recall of the applied pairs (kinds and uses)."""
    pairs = [(s, o) for s, originals in profile.pairs.items() for o in originals]
    true = sum(p in truth for p in pairs)
    held = set(pairs)
    uses = sum(applied.values())
    return {"pairs": len(pairs), "pairs_true": true, "precision": true / len(pairs) if pairs else 0.0,
            "applied_kinds": len(applied), "recall_kinds": sum(p in held for p in applied) / max(1, len(applied)),
            "recall_uses": sum(c for p, c in applied.items() if p in held) / max(1, uses)}


def restore_scores(restorer, spun: list[str], originals: list[str]) -> dict:
    """Error reduction on the spun texts and damage on their clean originals."""
    spun_err = restored_err = changed = clean = 0
    for s, o in zip(spun, originals):
        spun_err += wer_errors(s, o)[0]
        restored_err += wer_errors(restorer.restore(s).restored, o)[0]
        changed += sum(len(word_list(e.spun)) for e in restorer.restore(o).edits)
        clean += len(word_list(o))
    return {"error_reduction": error_reduction(spun_err, restored_err), "damage": changed / max(1, clean),
            "spun_errors": spun_err, "restored_errors": restored_err}


def curve(setting_name: str, sizes: list[int], test, pool, *, learn_fast: bool, restore_fast: bool, log,
          model_sizes: tuple[int, ...] = ()) -> list[dict]:
    """Learning curve on one setting; `model_sizes` are pile sizes learned again with SmolLM2 (the product's
    default learner, which `--learn-fast` replaces by the trigram model everywhere else)."""
    from unspin.learn import learn, with_learned
    from unspin.pipeline.restorer import get_restorer

    setting = next(s for s in SETTINGS if s.name == setting_name)
    spinner = setting.spinner(None, seed=11)
    spun = [spinner.spin(d.text).text for d in test]
    originals = [d.text for d in test]
    restorer = get_restorer(fast=restore_fast, known_spinners=False)
    truth = true_pairs(setting_name)
    without = restore_scores(restorer, spun, originals)
    log(f"  {setting_name}: without a profile ER {without['error_reduction']:.1%} damage {without['damage']:.2%}")
    rows = []
    piles = {n: [spinner.spin(d.text) for d in pool[:n]] for n in sorted(set(sizes) | set(model_sizes))}
    runs = [(n, learn_fast) for n in sizes] + [(n, False) for n in model_sizes if learn_fast]
    for n, fast in runs:
        pile = piles[n]
        t0 = time.perf_counter()
        profile = learn([r.text for r in pile], fast=fast, restorer=get_restorer(fast=fast), name=setting_name)
        seconds = time.perf_counter() - t0
        scores = restore_scores(with_learned(restorer, profile.learned()), spun, originals)
        row = {"setting": setting_name, "pile_documents": n, "pile_words": sum(len(word_list(r.text)) for r in pile),
               "learner": "ngram" if fast else "smollm2", "restorer": "ngram" if restore_fast else "smollm2",
               "test_documents": len(test), "learn_seconds": round(seconds, 1),
               "error_reduction_without": without["error_reduction"], "damage_without": without["damage"],
               **scores, **pair_scores(profile, truth, applied_pairs(pile)), "notes": profile.notes}
        rows.append(row)
        log(f"  {setting_name} n={n} ({row['learner']}): ER {scores['error_reduction']:.1%} "
            f"(without {without['error_reduction']:.1%}) "
            f"damage {scores['damage']:.2%} pairs {row['pairs']} precision {row['precision']:.1%} "
            f"recall {row['recall_kinds']:.1%} of kinds, {row['recall_uses']:.1%} of uses; learn {seconds:.0f}s")
    return rows


def identification(test, pool, *, n_train: int, n_test: int, learn_fast: bool, log) -> dict:
    """Profiles for the realistic spinners and the simulator, each from its own pile; which `identify` ranks first."""
    from unspin.learn import learn
    from unspin.pipeline.restorer import get_restorer
    from unspin.thesaurus.moby import load_moby

    names = [s.name for s in SETTINGS if s.name in ("wp", "turbo", "phrase-25") and available(s)]
    half_a = split_heads(load_moby())
    spinners = {name: next(s for s in SETTINGS if s.name == name).spinner(half_a, seed=7) for name in names}
    learner = get_restorer(fast=learn_fast)
    profiles = {}
    for k, (name, spinner) in enumerate(spinners.items()):
        pile = pool[k * n_train : (k + 1) * n_train]  # each spinner's pile from different documents
        profiles[name] = learn([spinner.spin(d.text).text for d in pile], fast=learn_fast, restorer=learner,
                               name=name)
    long_test = [d for d in test if len(word_list(d.text)) >= MIN_IDENTIFY_WORDS][:n_test]
    result = {"spinners": names, "train_documents_each": n_train, "test_documents_each": len(long_test),
              **identification_scores(spinners, profiles, long_test)}
    log(f"  identify: accuracy {result['accuracy']:.1%}; clean matched to none "
        f"{result['clean_texts_matched_to_none']}/{len(long_test)}")
    return result


def render(result: dict) -> str:
    run = result["run"]
    lines = ["# unspin learn benchmark: realistic spinners", "",
             f"Run {run['date']} on {run['machine']} (commit {run['commit']}); `{run['command']}`; "
             f"{run['seconds']:.0f} s in all.", "",
             "Piles of N Brown documents (non-benchmark categories) spun by half B of a real spinner's dictionary; "
             "profiles learned without originals, tested on benchmark documents (news and learned) it spun. ER = "
             "1 - WER(restored)/WER(spun), without and with the profile; damage = share of words of the clean "
             "originals changed when restored with the profile. Precision: learned pairs whose sides are members of "
             "one line of the half-B dictionary (or that pair less shared end words). Recall: applied pairs of the "
             "pile the profile holds, by kind and by use.", "",
             "| setting | learner | restorer | pile docs | pile words | test docs | ER without | ER with | damage | "
             "pairs | precision | recall kinds | recall uses | learn s |",
             "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in result["curve"]:
        lines.append(f"| {r['setting']} | {r['learner']} | {r['restorer']} | {r['pile_documents']} | "
                     f"{r['pile_words']:,} | {r['test_documents']} | {r['error_reduction_without']:.1%} | "
                     f"{r['error_reduction']:.1%} | {r['damage']:.2%} | {r['pairs']} | {r['precision']:.1%} | "
                     f"{r['recall_kinds']:.1%} | {r['recall_uses']:.1%} | {r['learn_seconds']:.0f} |")
    if result.get("identification"):
        lines += identification_lines(result["identification"], "realistic and simulated spinners")
    return "\n".join(lines) + "\n"


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--settings", default="wp,turbo")
    ap.add_argument("--sizes", default="10,100,1000", help="pile sizes (documents)")
    ap.add_argument("--test-docs", type=int, default=12)
    ap.add_argument("--learn-fast", action="store_true", help="learn with the n-gram scorer")
    ap.add_argument("--model-sizes", default="", help="pile sizes learned again with SmolLM2 (with --learn-fast)")
    ap.add_argument("--restore-fast", action="store_true", help="restore the test documents with the n-gram scorer")
    ap.add_argument("--ident-train", type=int, default=100)
    ap.add_argument("--ident-test", type=int, default=100, help="0 skips identification")
    ap.add_argument("--out", default=str(RESULTS / "learn_real"))
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    log = lambda msg: print(msg, flush=True)  # noqa: E731
    docs, pool = documents()
    test = docs[: args.test_docs]
    sizes = [int(x) for x in args.sizes.split(",") if x]
    if max(sizes, default=0) > len(pool):
        raise SystemExit(f"the training pool holds {len(pool)} documents, fewer than {max(sizes)}")
    rows = []
    for name in args.settings.split(","):
        if not available(next(s for s in SETTINGS if s.name == name)):
            log(f"  {name}: dictionary file missing, skipped")
            continue
        rows += curve(name, sizes, test, pool, learn_fast=args.learn_fast, restore_fast=args.restore_fast, log=log,
                      model_sizes=tuple(int(x) for x in args.model_sizes.split(",") if x))
    ident = identification(docs[args.test_docs:], pool, n_train=args.ident_train, n_test=args.ident_test,
                           learn_fast=True, log=log) if args.ident_test else None
    result = {"run": run_record("python -m benchmarks.learn_real " + " ".join(argv or []), t0),
              "curve": rows, "identification": ident}
    write_result(Path(args.out), result, render(result), log)


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
