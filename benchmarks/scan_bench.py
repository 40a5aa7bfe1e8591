"""Scan throughput and resumability: `python -m benchmarks.scan_bench [--quick]`.

Builds a corpus of Brown-corpus news and learned documents, half of them spun by the simulator (Moby, rate
0.25), and scans it with the real restorer: fast and full paths, 1 and 2 workers, local and Ray engines. Reports
documents/s and words/s (wall clock, and excluding the one-off model load), peak memory per worker, and the 1->2
worker speed-up. Then kills a real scan with SIGKILL mid-way, reruns it and checks the row counts.
Writes benchmarks/results/scan.json and scan.md.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RESULTS = Path(__file__).parent / "results"


def build_corpus(path: Path, n_docs: int, *, max_words: int = 400) -> dict:
    """Write n_docs JSONL documents (every other one spun by the simulator); returns corpus facts."""
    from benchmarks.data import load_documents, sample_documents
    from unspin.spin import Spinner

    docs = sample_documents(load_documents(), n_docs, seed=7, max_words=max_words)
    spinner = Spinner(thesaurus="moby", rate=0.25, seed=7)
    words = 0
    with path.open("w", encoding="utf-8") as fh:
        for i, doc in enumerate(docs):
            text = spinner.spin(doc.text).text if i % 2 else doc.text
            words += len(text.split())
            fh.write(json.dumps({"id": doc.id, "text": text, "spun": bool(i % 2)}, ensure_ascii=False) + "\n")
    return {"documents": len(docs), "words": words, "spun_share": 0.5, "source": "Brown corpus news+learned, "
            "every other document spun by unspin.spin (Moby, rate 0.25)"}


def _burn(_: int) -> float:
    started = time.perf_counter()
    x = 0
    for i in range(20_000_000):
        x += i
    return time.perf_counter() - started


def cpu_probe() -> dict:
    """The speed-up this machine can give right now: a pure-Python busy loop in 1 vs 2 processes.

    On an idle 2-core machine it is about 2.0; when other work shares the cores it is lower, and no engine can
    beat it, so the scan's speed-up is reported next to it."""
    import multiprocessing

    walls = {}
    for n in (1, 2):
        with multiprocessing.get_context("spawn").Pool(n) as pool:
            pool.map(_burn, range(n))  # start-up outside the timing
            started = time.perf_counter()
            pool.map(_burn, range(2 * n))
            walls[n] = time.perf_counter() - started
    return {"one_process_s": round(walls[1], 2), "two_processes_s": round(walls[2], 2),
            "available_speedup": round(2 * walls[1] / walls[2], 2)}  # 2 jobs in walls[1] vs 4 jobs in walls[2]


def run_one(corpus: Path, work: Path, *, fast: bool, engine: str, workers: int, threads: int = 1) -> dict:
    """One timed scan into a fresh output; the Ray cluster (if any) is already up, as it would be in production."""
    from unspin.scan import RunSettings, ScanOptions, run_scan

    out = work / f"{engine}-{'fast' if fast else 'full'}-{workers}w-{threads}t.parquet"
    settings = RunSettings(engine=engine, workers=workers, threads_per_worker=threads, progress=False,
                           overwrite=True)
    summary = run_scan(corpus, out, ScanOptions(fast=fast), settings)
    steady = max(summary.seconds - summary.load_seconds, 1e-9)
    return {
        "engine": engine, "path": "fast" if fast else "full", "workers": workers, "threads_per_worker": threads,
        "documents": summary.rows_new, "errors": summary.errors_new, "words": summary.words_new,
        "seconds": round(summary.seconds, 2), "load_seconds": round(summary.load_seconds, 2),
        "docs_per_s": round(summary.docs_per_second, 3), "words_per_s": round(summary.words_per_second, 1),
        "steady_docs_per_s": round(summary.rows_new / steady, 3),
        "steady_words_per_s": round(summary.words_new / steady, 1),
        "memory_mb_per_worker": sorted(round(m) for m in summary.worker_memory_mb.values()),
        # CPU the workers actually got per wall-clock second: about `workers` on an idle machine, less when
        # other processes share the cores (then no engine can scale, and the speed-up below says so)
        "worker_cpu_per_wall_s": round(sum(summary.worker_cpu_seconds.values()) / max(summary.seconds, 1e-9), 2),
        "bands": summary.bands,
        "load_average_1min": round(os.getloadavg()[0], 2),
    }


def kill_and_resume(corpus: Path, work: Path, *, kill_after_parts: int = 3, expected_ids: set[str] | None = None,
                    part_rows: int = 4) -> dict:
    """Start `unspin scan --fast` in a subprocess, SIGKILL it after a few parts, rerun, count rows (against
    `expected_ids` when given, else the corpus's line count)."""
    import pyarrow.parquet as pq

    out = work / "killed.parquet"
    cmd = [sys.executable, "-c", "from unspin.cli import main; main()", "scan", str(corpus), "-o", str(out),
           "--fast", "-w", "2", "--threads-per-worker", "1", "--batch-size", "2", "--part-rows", str(part_rows),
           "--part-seconds", "2", "--quiet"]

    def rows() -> list[str]:
        return [i for p in sorted(out.glob("part-*.parquet"))
                for i in pq.read_table(p, columns=["id"]).column("id").to_pylist()]

    proc = subprocess.Popen(cmd, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    started = time.monotonic()
    try:
        while len(list(out.glob("part-*.parquet"))) < kill_after_parts:
            if proc.poll() is not None:
                raise SystemExit(f"the scan ended before it could be killed: {proc.stderr.read().decode()[-500:]}")
            if time.monotonic() - started > 600:
                raise SystemExit("the scan wrote no parts in 10 minutes")
            time.sleep(0.1)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    killed_at = round(time.monotonic() - started, 1)
    before = rows()
    time.sleep(2.5)  # let the orphaned workers notice their parent is gone and exit
    rerun_started = time.monotonic()
    rerun = subprocess.run(cmd, capture_output=True, text=True)
    rerun_seconds = round(time.monotonic() - rerun_started, 1)
    if rerun.returncode != 0:
        raise SystemExit(f"the resumed scan failed: {rerun.stderr[-500:]}")
    after = rows()
    if expected_ids is None:
        expected = sum(1 for line in corpus.open(encoding="utf-8") if line.strip())
        complete = len(set(after)) == expected
    else:
        expected, complete = len(expected_ids), set(after) == expected_ids
    return {"documents": expected, "killed_after_s": killed_at, "rows_before": len(before),
            "rows_after": len(after), "unique_after": len(set(after)),
            "ok": complete and len(after) == len(set(after)) == expected and set(before) <= set(after),
            "rerun_seconds": rerun_seconds,
            "rerun_said": next((line for line in rerun.stdout.splitlines() if line.startswith("resumed:")), "")}


def speedups(runs: list[dict]) -> list[dict]:
    """1 -> 2 worker speed-up per engine and path (single-thread workers, steady state and wall clock)."""
    out = []
    for engine in ("local", "ray"):
        for path in ("fast", "full"):
            one = next((r for r in runs if (r["engine"], r["path"], r["workers"], r["threads_per_worker"])
                        == (engine, path, 1, 1)), None)
            two = next((r for r in runs if (r["engine"], r["path"], r["workers"]) == (engine, path, 2)), None)
            if one and two:
                out.append({"engine": engine, "path": path,
                            "steady": round(two["steady_docs_per_s"] / one["steady_docs_per_s"], 2),
                            "wall": round(two["docs_per_s"] / one["docs_per_s"], 2)})
    return out


def to_markdown(result: dict) -> str:
    c = result["corpus"]
    lines = [
        "# Scan benchmark", "",
        f"Corpus: {c['documents']} documents, {c['words']:,} words ({c['source']}). "
        f"Full path: {result['full_corpus']['documents']} documents, {result['full_corpus']['words']:,} words. "
        f"Machine: {result['machine']['cpus']} CPUs, Python {result['machine']['python']}, load average "
        f"{result['machine']['load_average_before'][0]} before and {result['machine']['load_average_after'][0]} "
        "after (other processes share the cores). "
        "Workers are single-threaded unless noted; `steady` excludes the one-off model load.", "",
        "| engine | path | workers x threads | docs | wall s | load s | docs/s | words/s | steady docs/s "
        "| steady words/s | MB per worker | worker CPU s per wall s | words per worker CPU s | load avg |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in result["runs"]:
        lines.append(f"| {r['engine']} | {r['path']} | {r['workers']} x {r['threads_per_worker']} | {r['documents']} "
                     f"| {r['seconds']} | {r['load_seconds']} | {r['docs_per_s']} | {r['words_per_s']:,.0f} "
                     f"| {r['steady_docs_per_s']} | {r['steady_words_per_s']:,.0f} "
                     f"| {', '.join(str(m) for m in r['memory_mb_per_worker'])} | {r['worker_cpu_per_wall_s']} "
                     f"| {r['words_per_s'] / max(r['worker_cpu_per_wall_s'], 1e-9):,.0f} "
                     f"| {r.get('load_average_1min', '')} |")
    lines += ["", "`worker CPU s per wall s` is the CPU time the workers actually got per second: about the number of "
              "workers on an idle machine, less when other processes share the cores. `words per worker CPU s` is "
              "the engine's efficiency: when it stays flat from 1 to 2 workers, parallel overhead is nil and the "
              "speed-up is limited only by the CPU the machine could give.", "",
              "Speed-up from 1 to 2 workers (target >= 1.8x):", ""]
    probe = result.get("cpu_probe")
    if probe:
        lines += [f"The machine itself gave a speed-up of {probe['available_speedup']}x to a pure-Python busy loop "
                  "in 1 vs 2 processes at the start of this benchmark (2.0x on idle cores); `share of available` "
                  "is the scan's speed-up divided by that.", ""]
    lines += ["| engine | path | steady | wall clock | share of available |", "|---|---|---|---|---|"]
    for s in result["speedups"]:
        share = f"{s['steady'] / probe['available_speedup']:.0%}" if probe else ""
        lines.append(f"| {s['engine']} | {s['path']} | {s['steady']}x | {s['wall']}x | {share} |")
    k = result.get("kill_and_resume")
    if k:
        lines += ["", "Kill and resume (`unspin scan --fast -w 2`, SIGKILL to the scan process, then the same "
                  "command again):", "",
                  f"- killed after {k['killed_after_s']} s with {k['rows_before']} of {k['documents']} rows written",
                  f"- after the rerun: {k['rows_after']} rows, {k['unique_after']} unique ids: "
                  f"{'no row lost, none duplicated' if k['ok'] else 'MISMATCH'}"]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller corpora (a few minutes in all)")
    parser.add_argument("--skip-ray", action="store_true")
    parser.add_argument("--skip-full", action="store_true")
    parser.add_argument("--render-only", action="store_true", help="rewrite scan.md from scan.json and stop")
    parser.add_argument("--merge", action="store_true",
                        help="keep the runs already in scan.json that this invocation does not redo")
    args = parser.parse_args(argv)
    if args.render_only:
        result = json.loads((RESULTS / "scan.json").read_text(encoding="utf-8"))
        (RESULTS / "scan.md").write_text(to_markdown(result), encoding="utf-8")
        print(to_markdown(result))
        return
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    # The fast-path corpus is as large as Brown news+learned allows, so that each worker's cache warm-up
    # (thesaurus lookups, word frequencies) is amortised as it is in a real scan. The full path's documents are
    # enough to keep two workers busy, so that the last document's tail does not weigh on the speed-up.
    n_fast, n_full = (40, 4) if args.quick else (640, 40)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # run `finally` blocks: no orphaned scan left behind
    RESULTS.mkdir(parents=True, exist_ok=True)
    load_before = [round(x, 2) for x in os.getloadavg()]  # other work on the machine skews scaling numbers
    probe = cpu_probe()
    print(json.dumps({"cpu_probe": probe}), file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="unspin-scan-bench-") as tmp:
        work = Path(tmp)
        fast_corpus, full_corpus = work / "fast.jsonl", work / "full.jsonl"
        corpus = build_corpus(fast_corpus, n_fast, max_words=400 if args.quick else 800)
        full_facts = build_corpus(full_corpus, n_full)
        plan = [(True, "local", 1, 1), (True, "local", 2, 1), (True, "local", 1, 2)]
        if not args.skip_full:
            plan += [(False, "local", 1, 1), (False, "local", 2, 1), (False, "local", 1, 2)]
        runs = []
        for fast, engine, workers, threads in plan:
            runs.append(run_one(fast_corpus if fast else full_corpus, work, fast=fast, engine=engine,
                                workers=workers, threads=threads))
            print(json.dumps(runs[-1]), file=sys.stderr)
        if not args.skip_ray:
            import ray

            ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
            try:
                for fast in (True, False) if not args.skip_full else (True,):
                    for workers in (1, 2):
                        runs.append(run_one(fast_corpus if fast else full_corpus, work, fast=fast, engine="ray",
                                            workers=workers))
                        print(json.dumps(runs[-1]), file=sys.stderr)
            finally:
                ray.shutdown()
        killed = kill_and_resume(fast_corpus, work)
        print(json.dumps(killed), file=sys.stderr)
    if args.merge and (RESULTS / "scan.json").exists():
        old = json.loads((RESULTS / "scan.json").read_text(encoding="utf-8"))
        key = lambda r: (r["engine"], r["path"], r["workers"], r["threads_per_worker"])  # noqa: E731
        redone = {key(r) for r in runs}
        runs = [r for r in old["runs"] if key(r) not in redone] + runs
        runs.sort(key=lambda r: (r["engine"] != "local", r["path"] != "fast", r["workers"], r["threads_per_worker"]))
        if args.skip_full:
            full_facts = old.get("full_corpus", full_facts)
    result = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
                    "load_average_before": load_before, "load_average_after": [round(x, 2) for x in os.getloadavg()]},
        "cpu_probe": probe, "corpus": corpus, "full_corpus": full_facts, "runs": runs, "speedups": speedups(runs),
        "kill_and_resume": killed, "quick": args.quick,
    }
    (RESULTS / "scan.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    (RESULTS / "scan.md").write_text(to_markdown(result), encoding="utf-8")
    print(to_markdown(result))


if __name__ == "__main__":
    main()
