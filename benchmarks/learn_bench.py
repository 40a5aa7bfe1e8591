"""Learning benchmark: does `unspin learn` turn a spinner unspin was not given into one it undoes?

1. Learning curve. A simulated spinner (Moby half A + phrase rules, numbers, spintax leaks, quote swaps: the
   `phrase-25` setting) whose dictionary the restorer is denied (built with withheld_heads = half A). Learn a
   profile from 0, 10, 100 and 1,000 of its documents; restore held-out spun documents with the profile
   (error reduction) and their clean originals (damage: share of clean words changed).
2. Identification. Several simulated spinners (different dictionaries and rule sets); a profile learned for
   each from its own documents; which profile `identify` ranks first on held-out documents of >= 300 words.

    python -m benchmarks.learn_bench [--quick] [--sizes 0,10,100,1000] [--full-sizes 0,10]

Training and test documents are disjoint Brown documents; training piles beyond the benchmark's news and
learned documents come from Brown's other categories.
"""
from __future__ import annotations

import argparse
import json
import platform
import random
import subprocess
import time
from datetime import datetime, timezone
from pathlib import Path

from unspin.learn import identify, learn, with_learned
from unspin.learn.identify import best_match
from unspin.spin import Spinner
from unspin.thesaurus.moby import load_moby

from .data import DATA_DIR, load_documents, parse_file, split_documents
from .metrics import error_reduction, wer_errors, word_list
from .settings import SETTINGS, split_heads

RESULTS = Path(__file__).parent / "results"
TRAIN_CATEGORIES = "cdefghklmnpr"


def documents(n_test: int, seed: int = 0):
    """(test documents, training pool): test from the benchmark's documents, the pool from all the rest."""
    docs = load_documents()
    rng = random.Random(seed)
    rng.shuffle(docs)
    test, pool = docs[:n_test], docs[n_test:]
    folder = DATA_DIR / "brown_train"
    extra = []
    for path in sorted(folder.glob(f"c[{TRAIN_CATEGORIES}][0-9][0-9]")):
        extra.extend(split_documents(path.name, "train", parse_file(path), random.Random(path.name)))
    rng.shuffle(extra)
    return test, pool + extra


def evaluate(restorer, spun_texts, originals) -> dict:
    """Error reduction on spun texts and damage on their clean originals."""
    spun_err = restored_err = changed = clean = 0
    t0 = time.perf_counter()
    words = 0
    for spun, original in zip(spun_texts, originals):
        e_spun, _ = wer_errors(spun, original)
        e_rest, _ = wer_errors(restorer.restore(spun).restored, original)
        spun_err += e_spun
        restored_err += e_rest
        r = restorer.restore(original)
        changed += sum(len(word_list(e.spun)) for e in r.edits)
        clean += len(word_list(original))
        words += len(word_list(spun)) + len(word_list(original))
    return {"error_reduction": error_reduction(spun_err, restored_err), "damage": changed / clean if clean else 0.0,
            "spun_errors": spun_err, "restored_errors": restored_err, "clean_words_changed": changed,
            "clean_words": clean, "seconds": time.perf_counter() - t0, "words": words}


def pair_quality(profile, gold_pairs: set[tuple[str, str]]) -> dict:
    pairs = [(s, o) for s, originals in profile.pairs.items() for o in originals]
    right = sum(p in gold_pairs for p in pairs)
    return {"pairs": len(pairs), "pairs_true": right, "precision": right / len(pairs) if pairs else 0.0}


def gold_pairs_of(results) -> set[tuple[str, str]]:
    return {(" ".join(g.spun.lower().split()), " ".join(g.original.lower().split()))
            for r in results for g in r.gold}


def curve(sizes, test, pool, *, fast: bool, half_a, n_test: int, log) -> list[dict]:
    from unspin.pipeline.restorer import get_restorer

    setting = next(s for s in SETTINGS if s.name == "phrase-25")
    spinner = setting.spinner(half_a, seed=11)
    test = test[:n_test]
    spun_test = [spinner.spin(d.text).text for d in test]
    originals = [d.text for d in test]
    base = get_restorer(fast=fast, withheld_heads=half_a, known_spinners=False)
    rows = []
    for n in sizes:
        t0 = time.perf_counter()
        train = [spinner.spin(d.text) for d in pool[:n]]
        profile = learn([r.text for r in train], fast=fast, restorer=base, withheld_heads=half_a, rounds=1) if n \
            else None
        learn_s = time.perf_counter() - t0
        restorer = with_learned(base, profile.learned()) if profile else base
        ev = evaluate(restorer, spun_test, originals)
        row = {"scorer": "ngram (--fast)" if fast else "smollm2", "train_documents": n,
               "train_words": sum(len(word_list(r.text)) for r in train), "test_documents": len(test),
               "learn_seconds": round(learn_s, 1), **ev}
        if profile:
            row.update(pair_quality(profile, gold_pairs_of(train)))
            row["notes"] = profile.notes
        rows.append(row)
        log(f"  {row['scorer']} n={n}: ER {ev['error_reduction']:.1%} damage {ev['damage']:.2%} "
            f"pairs {row.get('pairs', 0)} (true {row.get('pairs_true', 0)}) learn {learn_s:.0f}s")
    return rows


def spinners(half_a: frozenset[str], moby_heads) -> dict[str, Spinner]:
    half_b = frozenset(h for h in moby_heads if h not in half_a)
    return {
        "moby-A+rules": Spinner(thesaurus="moby", rate=0.25, heads=half_a, phrase_rules=True, seed=1),
        "moby-B": Spinner(thesaurus="moby", rate=0.25, heads=half_b, phrase_rules=False, seed=2),
        "wordnet+rules": Spinner(thesaurus="wordnet", rate=0.25, phrase_rules=True, seed=3),
        "moby-A-top3": Spinner(thesaurus="moby", rate=0.3, heads=half_a, phrase_rules=False, max_synonyms=3,
                               seed=4),
    }


def identification(test, pool, *, n_train: int, n_test: int, half_a, log) -> dict:
    from unspin.pipeline.restorer import get_restorer

    moby = load_moby()
    base = get_restorer(fast=True, withheld_heads=half_a, known_spinners=False)
    table = spinners(half_a, moby)
    long_test = [d for d in test if len(word_list(d.text)) >= 300][:n_test]
    profiles = {}
    for k, (name, sp) in enumerate(table.items()):
        train = pool[k * n_train : (k + 1) * n_train]  # each spinner's pile from different documents
        profiles[name] = learn([sp.spin(d.text).text for d in train], fast=True, restorer=base,
                               withheld_heads=half_a, rounds=1, name=name)
        log(f"  profile {name}: {sum(len(v) for v in profiles[name].pairs.values())} pairs")
    return {"spinners": list(table), "train_documents_each": n_train, "test_documents_each": len(long_test),
            "min_words": 300, **identification_scores(table, profiles, long_test)}


def identification_scores(spinners_by_name: dict, profiles: dict, long_test) -> dict:
    """Which profile `identify` names (or none) for each test document spun by each spinner, and for the clean ones."""
    def named(text: str) -> str:
        best = best_match(identify(text, profiles)[0])
        return best.name if best else "none"

    names = list(spinners_by_name)
    confusion = {a: {b: 0 for b in names + ["none"]} for a in names}
    for name, sp in spinners_by_name.items():
        for d in long_test:
            confusion[name][named(sp.spin(d.text, seed=99).text)] += 1
    total = len(names) * len(long_test)
    return {"accuracy": sum(confusion[a][a] for a in names) / total if total else 0.0, "confusion": confusion,
            "clean_texts_matched_to_none": sum(named(d.text) == "none" for d in long_test),
            "clean_texts": len(long_test)}


def identification_lines(ident: dict, kind: str) -> list[str]:
    """The identification section of a learning benchmark's report: accuracy and the confusion table."""
    names = ident["spinners"] + ["none"]
    lines = ["", "## Identification", "",
             f"{len(ident['spinners'])} {kind}, a profile each learned (fast) from {ident['train_documents_each']} of "
             f"its documents; {ident['test_documents_each']} held-out documents of >= 300 words per spinner. "
             f"**Accuracy {ident['accuracy']:.1%}**; clean originals matched to no spinner: "
             f"{ident['clean_texts_matched_to_none']}/{ident['clean_texts']}.", "",
             "| spun by \\ identified as | " + " | ".join(names) + " |", "|---|" + "---:|" * len(names)]
    for a, row in ident["confusion"].items():
        lines.append(f"| {a} | " + " | ".join(str(row[b]) for b in names) + " |")
    return lines


def render(result: dict) -> str:
    lines = ["# unspin learn benchmark", "",
             f"Run {result['run']['date']} on {result['run']['machine']} (commit {result['run']['commit']}); "
             f"`{result['run']['command']}`; {result['run']['seconds']:.0f} s in all.", "",
             "Spinner: Moby half A + phrase rules, numbers, 2% spintax, quote swaps, 25% (`phrase-25`); the restorer "
             "is built without half A. Profiles learned from N spun documents (no originals), tested on held-out "
             "documents. ER = 1 - WER(restored)/WER(spun); damage = share of words of the clean originals changed "
             "when they are restored with the profile. Pairs true = learned pairs the spinner really used in the pile.",
             "", "## Learning curve", "",
             "| scorer | train docs | train words | test docs | ER | damage | pairs | pairs true | learn s |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in result["curve"]:
        lines.append(f"| {r['scorer']} | {r['train_documents']} | {r['train_words']:,} | {r['test_documents']} | "
                     f"{r['error_reduction']:.1%} | {r['damage']:.2%} | {r.get('pairs', 0)} | {r.get('pairs_true', 0)} "
                     f"| {r['learn_seconds']:.0f} |")
    if result.get("identification"):
        lines += identification_lines(result["identification"], "simulated spinners")
    lines += ["", "Notes: " + result.get("note", "")]
    return "\n".join(lines) + "\n"


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="small sizes, for a smoke run")
    ap.add_argument("--sizes", default="0,10,100,1000", help="training pile sizes for the fast curve")
    ap.add_argument("--full-sizes", default="", help="pile sizes for the full model (slow: e.g. 0,10)")
    ap.add_argument("--test-docs", type=int, default=30)
    ap.add_argument("--full-test-docs", type=int, default=4)
    ap.add_argument("--ident-train", type=int, default=100)
    ap.add_argument("--ident-test", type=int, default=20)
    ap.add_argument("--out", default=str(RESULTS / "learn"))
    args = ap.parse_args(argv)
    if args.quick:
        args.sizes, args.test_docs, args.ident_train, args.ident_test = "0,10,50", 10, 30, 8
    t0 = time.perf_counter()
    log = lambda msg: print(msg, flush=True)  # noqa: E731
    half_a = split_heads(load_moby())
    test, pool = documents(max(args.test_docs, args.ident_test * 3))
    log(f"test documents {len(test)}, training pool {len(pool)}")
    rows = curve([int(x) for x in args.sizes.split(",") if x], test, pool, fast=True, half_a=half_a,
                 n_test=args.test_docs, log=log)
    if args.full_sizes:
        rows += curve([int(x) for x in args.full_sizes.split(",") if x], test, pool, fast=False, half_a=half_a,
                      n_test=args.full_test_docs, log=log)
    ident = identification(test, pool, n_train=args.ident_train, n_test=args.ident_test, half_a=half_a, log=log)
    log(f"  identification accuracy {ident['accuracy']:.1%}")
    result = {"run": run_record("python -m benchmarks.learn_bench " + " ".join(argv or []), t0),
              "curve": rows, "identification": ident,
              "note": "the fast path (n-gram scorer) decodes during learning and testing unless the scorer column "
                      "says smollm2; the full model runs only at small sizes on this shared 2-core machine."}
    write_result(Path(args.out), result, render(result), log)


def run_record(command: str, t0: float) -> dict:
    """When, where, at which commit and how long a benchmark ran."""
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    return {"date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            "machine": f"{platform.processor() or platform.machine()}, Python {platform.python_version()}",
            "commit": commit, "command": command, "seconds": time.perf_counter() - t0}


def write_result(out: Path, result: dict, report: str, log) -> None:
    """The raw figures as JSON and the report as Markdown, beside each other."""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.with_suffix(".json").write_text(json.dumps(result, indent=1) + "\n")
    out.with_suffix(".md").write_text(report)
    log(f"wrote {out.with_suffix('.json')} and {out.with_suffix('.md')}")


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
