"""What a batch teaches itself (learn/batch.py), by batch size: each setting's spun benchmark documents, and their
clean originals, read as collections of N documents (the first N of one sample).

Per size: the gate's median screening probability and the pairs the batch taught; detection of the spun batch
against the clean batch (document F1 at 0.5, AUROC, both read as batches) and against each text read alone; restore's
error reduction on the first `--test-docs` documents of the spun batch, read with the batch's pairs and alone; and
the damage on the first `--test-docs` clean originals, read with whatever their own batch taught.

    python -m benchmarks.batch_bench [--sizes 12,50,100] [--test-docs 12] [--settings wp,turbo]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from unspin.learn.batch import detect_as_batch

from .data import load_documents, sample_documents
from .learn_bench import run_record, write_result
from .metrics import document_detection, error_reduction, wer_errors, word_list
from .settings import SETTINGS, available

RESULTS = Path(__file__).parent / "results"


def _restored(restorer, spun: list[str], originals: list[str]) -> float:
    before = sum(wer_errors(s, o)[0] for s, o in zip(spun, originals))
    return error_reduction(before, sum(wer_errors(restorer.restore(s).restored, o)[0] for s, o in zip(spun, originals)))


def _damage(restorer, clean: list[str]) -> float:
    changed = sum(len(word_list(e.spun)) for text in clean for e in restorer.restore(text).edits)
    return changed / max(1, sum(len(word_list(text)) for text in clean))


def measure(setting_name: str, originals: list[str], sizes: list[int], test_docs: int, log) -> list[dict]:
    from unspin.pipeline.restorer import get_restorer

    restorer = get_restorer()
    setting = next(s for s in SETTINGS if s.name == setting_name)
    spinner = setting.spinner(None, seed=11)
    spun = [spinner.spin(text).text for text in originals]
    alone = {"error_reduction": _restored(restorer, spun[:test_docs], originals[:test_docs]),
             "damage": _damage(restorer, originals[:test_docs])}
    alone_spun, alone_clean = restorer.detect_many(spun), restorer.detect_many(originals)  # read once, sliced below
    rows = []
    for n in sizes:
        t0 = time.perf_counter()
        spun_found, reading = detect_as_batch(restorer, spun[:n], alone=alone_spun[:n])
        clean_found, clean_reading = detect_as_batch(restorer, originals[:n], alone=alone_clean[:n])
        seconds = time.perf_counter() - t0
        labels = [1] * n + [0] * n
        batch = document_detection([d.probability for d in spun_found + clean_found], labels)
        single = document_detection([d.probability for d in alone_spun[:n] + alone_clean[:n]], labels)
        row = {"setting": setting_name, "batch": n, "test_documents": test_docs,
               "median_probability": reading.median_probability, "pairs": reading.pairs,
               "clean_median_probability": clean_reading.median_probability, "clean_pairs": clean_reading.pairs,
               "doc_f1": batch["f1"], "doc_auroc": batch["auroc"], "doc_fpr": batch["fpr"],
               "doc_f1_alone": single["f1"], "doc_auroc_alone": single["auroc"],
               "error_reduction": _restored(reading.restorer, spun[:test_docs], originals[:test_docs]),
               "error_reduction_alone": alone["error_reduction"],
               "damage": alone["damage"] if clean_reading.restorer is restorer
               else _damage(clean_reading.restorer, originals[:test_docs]), "damage_alone": alone["damage"],
               "learn_and_detect_seconds": round(seconds, 1)}
        rows.append(row)
        log(f"  {setting_name} batch {n}: {row['pairs']} pairs (median {row['median_probability']:.2f}), doc F1 "
            f"{row['doc_f1']:.3f} (alone {row['doc_f1_alone']:.3f}), ER {row['error_reduction']:.1%} (alone "
            f"{row['error_reduction_alone']:.1%}), damage {row['damage']:.2%}")
    return rows


def render(result: dict) -> str:
    meta = result["run"]
    lines = ["# unspin batch benchmark: what a batch teaches itself", "",
             f"Run {meta['date']} on {meta['machine']} (commit {meta['commit']}); `{meta['command']}`; "
             f"{meta['seconds']:.0f} s in all.", "", __doc__.split("\n\n")[0].replace("\n", " "), "",
             "| setting | batch | gate median (clean) | pairs (clean) | doc F1 batch / alone | AUROC batch / alone | "
             "clean called spun | ER batch / alone | damage batch / alone |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in result["rows"]:
        lines.append(
            f"| {r['setting']} | {r['batch']} | {r['median_probability']:.2f} ({r['clean_median_probability']:.2f}) | "
            f"{r['pairs']} ({r['clean_pairs']}) | {r['doc_f1']:.3f} / {r['doc_f1_alone']:.3f} | "
            f"{r['doc_auroc']:.3f} / {r['doc_auroc_alone']:.3f} | {r['doc_fpr']:.1%} | "
            f"{r['error_reduction']:.1%} / {r['error_reduction_alone']:.1%} | "
            f"{r['damage']:.2%} / {r['damage_alone']:.2%} |")
    return "\n".join(lines) + "\n"


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="12,50,100")
    ap.add_argument("--test-docs", type=int, default=12)
    ap.add_argument("--settings", default="wp,turbo")
    ap.add_argument("--out", type=Path, default=RESULTS / "batch")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    sizes = sorted(int(x) for x in args.sizes.split(","))
    originals = [d.text for d in sample_documents(load_documents(), 2 * max(sizes), seed=5) if d.words >= 150]
    originals = originals[: max(sizes)]
    rows = []
    for name in args.settings.split(","):
        if not available(next(s for s in SETTINGS if s.name == name)):
            print(f"skipping {name}: its dictionary is not on this machine", flush=True)
            continue
        rows += measure(name, originals, [n for n in sizes if n <= len(originals)], args.test_docs,
                        lambda m: print(m, flush=True))
    command = "python -m benchmarks.batch_bench " + " ".join(sys.argv[1:] if argv is None else argv)
    result = {"run": run_record(command.strip(), t0), "rows": rows}
    write_result(args.out, result, render(result), lambda m: print(m, flush=True))


if __name__ == "__main__":
    main()
