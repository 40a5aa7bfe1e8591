"""Short texts screened one by one against screened together (`detect_many`, what `unspin detect` does with a
folder or JSON lines, and what scan workers do with a batch).

Texts: the carrier sentences of the tortured-phrase list and their clean controls (10-20 words each), and Brown
paragraphs. Writes benchmarks/results/detect_batch.md (detect_batch_fast.md with --fast).

    python -m benchmarks.detect_batch [--texts 400] [--fast]
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from unspin.pipeline.restorer import get_restorer

from . import report
from .carriers import load_carriers, sample_carriers
from .data import load_documents, sample_documents

RESULTS = Path(__file__).parent / "results"


def short_texts(n: int) -> dict[str, list[str]]:
    """Two kinds of short input: carrier sentences (spun and clean) and Brown paragraphs."""
    carriers = sample_carriers(load_carriers(), n // 2, seed=3)
    paragraphs = [p.strip() for d in sample_documents(load_documents(), 40, seed=3) for p in d.text.split("\n\n")]
    return {"carrier sentences": [t for c in carriers for t in (c.spun, c.clean)],
            "Brown paragraphs": [p for p in paragraphs if 30 <= len(p.split()) <= 200][:n]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--texts", type=int, default=400)
    ap.add_argument("--fast", action="store_true")
    args = ap.parse_args()
    restorer = get_restorer(fast=args.fast)
    restorer.detect("A first short text loads everything.")
    m = report.machine()
    lines = ["# Short texts: one by one or together", "",
             f"{report.now()}, {m['cpu']}, {m['cores']} cores; {'--fast' if args.fast else 'SmolLM2'}; "
             f"`python -m benchmarks.detect_batch --texts {args.texts}{' --fast' if args.fast else ''}` "
             f"(commit {report.git_commit()}).", "",
             "| texts | n | words | one by one, words/s | together, words/s | speed-up | same results |",
             "|---|---:|---:|---:|---:|---:|---|"]
    for kind, texts in short_texts(args.texts).items():
        words = sum(len(t.split()) for t in texts)
        restorer.detect_many(texts)  # warm the caches (candidates, frequencies) for both timings alike
        started = time.perf_counter()
        alone = [restorer.detect(t) for t in texts]
        one = time.perf_counter() - started
        started = time.perf_counter()
        together = restorer.detect_many(texts)
        both = time.perf_counter() - started
        same = sum(a.is_spun == b.is_spun and [s.original for s in a.spans] == [s.original for s in b.spans]
                   for a, b in zip(alone, together))
        lines.append(f"| {kind} | {len(texts)} | {words:,} | {words / one:,.0f} | {words / both:,.0f} | "
                     f"{one / both:.2f}× | {same}/{len(texts)} |")
        print(lines[-1], flush=True)
    out = RESULTS / f"detect_batch{'_fast' if args.fast else ''}.md"
    out.write_text("\n".join(lines) + "\n")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
