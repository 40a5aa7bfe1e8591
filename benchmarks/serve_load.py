"""Bounded load test of `unspin serve` on loopback: N concurrent clients for T seconds, fast and full paths.

Starts the real server in a subprocess (real restorer), drives it with httpx async clients, and reports every
request's fate (answered 200, refused 503 because the model's line is full, any other status, or lost: no answer at
all), throughput, p50/p95/p99 latency of the answers and of the refusals (a 503 must come at once), and /health
latency under load (the event loop stays responsive while the model works), to benchmarks/results/serve_load.{json,md}
(`--name` another stem); `--endpoint detect` loads POST /v1/detect instead (serve_load_detect.{json,md}). Clients
wait as long as a 503's Retry-After says (never past the end of the run) before their next request.

    .venv/bin/python benchmarks/serve_load.py                    # 50 clients x 30 s, fast then full
    .venv/bin/python benchmarks/serve_load.py --clients 10 --duration 5 --modes fast
    .venv/bin/python benchmarks/serve_load.py --endpoint detect --clients 16 --modes full
    .venv/bin/python benchmarks/serve_load.py --clients 200 --full-clients 100 --name serve_overload   # overload
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

RESULTS = Path(__file__).resolve().parent / "results"

# Paragraphs written for this benchmark, with hand-made thesaurus swaps (not taken from any spun corpus).
PARAGRAPHS = [
    "The town council voted on Monday to construct a brand new bridge throughout the river. The mayor stated "
    "the undertaking would create many jobs and assist small companies develop. Critics argued that the price "
    "was too excessive and that the cash ought to be spent on schools.",
    "Researchers on the college found that the medication reduced signs in most sufferers inside every week. "
    "The group now plans a larger trial, although they warn that the long-term results are nonetheless unknown.",
    "Heavy rain pressured the closure of a number of roads within the area on Saturday. Emergency crews labored "
    "through the evening to clear particles, and officers urged residents to keep away from pointless journey.",
    "The corporate reported greater earnings for the third quarter, pushed by robust gross sales abroad. Its "
    "chief government mentioned the agency would rent extra employees and open two new factories subsequent yr.",
]


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of a non-empty list."""
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, int(round(q / 100 * len(ordered) + 0.5)) - 1))
    return ordered[k]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port: int, log_path: Path, extra: list[str] = ()) -> subprocess.Popen:
    cmd = [sys.executable, "-c", "from unspin.cli import main; main()", "serve",
           "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning", *extra]
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
    with log_path.open("wb") as log:
        return subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=env)


def wait_ready(base: str, proc: subprocess.Popen, log_path: Path, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited with {proc.returncode}:\n{log_path.read_text(errors='replace')[-3000:]}")
        try:
            if httpx.get(base + "/health", timeout=2).json()["models"]["full"]:
                return
        except (httpx.HTTPError, KeyError, ValueError):
            pass
        time.sleep(0.5)
    raise SystemExit(f"server not ready after {timeout:.0f}s")


PROBER = """
import json, sys, time, httpx
base, duration, path, body = sys.argv[1], float(sys.argv[2]), sys.argv[3], json.loads(sys.argv[4])
health, posts, failed, stop_at = [], [], 0, time.perf_counter() + duration
with httpx.Client(base_url=base, timeout=600) as client:
    while time.perf_counter() < stop_at:
        try:
            t0 = time.perf_counter()
            client.get("/health").raise_for_status()
            health.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            status = client.post(path, json=body).status_code
            posts.append([status, time.perf_counter() - t0])
        except httpx.HTTPError:
            failed += 1
        time.sleep(0.25)
print(json.dumps({"health": health, "posts": posts, "failed": failed}))
"""


def start_prober(base: str, duration: float, path: str, body: dict) -> subprocess.Popen:
    """From a process of its own, GET /health and then POST one request, four times a second: what a newcomer sees
    of the loaded server, undelayed by the load generator's own busy event loop."""
    return subprocess.Popen([sys.executable, "-c", PROBER, base, str(duration), path, json.dumps(body)],
                            stdout=subprocess.PIPE, text=True)


def read_prober(proc: subprocess.Popen) -> dict:
    """The probe's latencies in ms: /health, and its own requests by outcome (200, 503)."""
    out = json.loads(proc.communicate(timeout=900)[0])
    ms = lambda xs: {"n": len(xs), "p50_ms": round(percentile(xs, 50) * 1000, 1),  # noqa: E731
                     "p99_ms": round(percentile(xs, 99) * 1000, 1)} if xs else {"n": 0}
    return {"health": ms(out["health"]), "failed": out["failed"],
            **{f"post_{code}": ms([t for s, t in out["posts"] if s == code]) for code in (200, 503)},
            "post_other": sum(1 for s, _ in out["posts"] if s not in (200, 503))}


async def run_mode(base: str, fast: bool, clients: int, duration: float, timeout: float,
                   endpoint: str = "restore") -> dict:
    """`clients` tasks post paragraphs back to back until `duration` ends; in-flight requests are awaited. A 503
    sends its client to wait for its Retry-After (at most until the end of the run)."""
    latencies: list[float] = []
    refusals: list[float] = []
    retry_after: list[int] = []
    statuses: dict[str, int] = {}
    lost: dict[str, int] = {}
    words = sent = 0
    limits = httpx.Limits(max_connections=clients + 2, max_keepalive_connections=clients + 2)
    async with httpx.AsyncClient(base_url=base, timeout=timeout, limits=limits) as client:
        # Warm-up: the first request of a mode may load its model.
        await client.post(f"/v1/{endpoint}", json={"text": PARAGRAPHS[0], "fast": fast})
        stop_at = time.perf_counter() + duration

        async def worker(i: int) -> None:
            nonlocal words, sent
            n = i
            while time.perf_counter() < stop_at:
                text = PARAGRAPHS[n % len(PARAGRAPHS)]
                n += 1
                t0 = time.perf_counter()
                sent += 1
                try:
                    r = await client.post(f"/v1/{endpoint}", json={"text": text, "fast": fast})
                except httpx.HTTPError as exc:
                    lost[type(exc).__name__] = lost.get(type(exc).__name__, 0) + 1
                    continue
                took = time.perf_counter() - t0
                statuses[str(r.status_code)] = statuses.get(str(r.status_code), 0) + 1
                if r.status_code == 200:
                    latencies.append(took)
                    words += r.json()["words"]
                elif r.status_code == 503:
                    refusals.append(took)
                    wait = int(r.headers.get("Retry-After", "1"))
                    retry_after.append(wait)
                    await asyncio.sleep(max(0.0, min(wait, stop_at - time.perf_counter())))

        started = time.perf_counter()
        prober = start_prober(base, duration, f"/v1/{endpoint}", {"text": PARAGRAPHS[1], "fast": fast})
        await asyncio.gather(*(worker(i) for i in range(clients)))
        elapsed = time.perf_counter() - started
        probe = read_prober(prober)
    ms = lambda x: round(x * 1000, 1)  # noqa: E731
    answered = sum(statuses.values())
    out = {
        "mode": "fast" if fast else "full",
        "clients": clients,
        "elapsed_s": round(elapsed, 1),  # the load window plus the drain of requests in flight
        "requests_sent": sent,
        "requests_ok": len(latencies),
        "refused_503": len(refusals),
        "share_503": round(len(refusals) / answered, 4) if answered else None,
        "statuses": statuses,
        "lost": sum(lost.values()),  # sent and never answered (transport errors, time-outs)
        "lost_kinds": lost,
        "errors": sum(n for code, n in statuses.items() if code not in ("200", "503")) + sum(lost.values()),
        "requests_per_s": round(len(latencies) / elapsed, 2),
        "words_per_s": round(words / elapsed, 1),
        "health_p50_ms": probe["health"].get("p50_ms"),
        "health_p99_ms": probe["health"].get("p99_ms"),
        "probe": probe,
    }
    if latencies:
        out.update({
            "p50_ms": ms(percentile(latencies, 50)), "p95_ms": ms(percentile(latencies, 95)),
            "p99_ms": ms(percentile(latencies, 99)), "max_ms": ms(max(latencies)),
        })
    if refusals:
        out.update({"refusal_p50_ms": ms(percentile(refusals, 50)), "refusal_p99_ms": ms(percentile(refusals, 99)),
                    "retry_after_s": [min(retry_after), max(retry_after)]})
    return out


def write_reports(report: dict, out_dir: Path, stem: str | None = None) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = stem or ("serve_load" if report["endpoint"] == "restore" else f"serve_load_{report['endpoint']}")
    (out_dir / f"{stem}.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    lines = [
        "# unspin serve: load test on loopback",
        "",
        f"Concurrent clients posting ~{report['words_per_request']}-word paragraphs to "
        f"`POST /v1/{report['endpoint']}` back to "
        f"back for {report['duration_s']} s per mode (requests in flight at the end are awaited and counted), "
        f"against `unspin serve` (one process, one model "
        f"thread per mode) on {report['machine']} (load average {report['load_average_at_end'][1]} over the last 5 "
        f"minutes: other work shares the cores). Command: `{report['command']}`.",
        "",
        "| mode | clients | sent | 200 | 503 (share) | other, lost | req/s | words/s | p50 ms | p95 ms | p99 ms "
        "| max ms | 503 p50 / p99 ms | Retry-After s | /health p99 ms |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for m in report["modes"]:
        share = f"{m['share_503']:.1%}" if m.get("share_503") is not None else "-"
        refusal = f"{m['refusal_p50_ms']} / {m['refusal_p99_ms']}" if m.get("refused_503") else "-"
        retry = "-".join(map(str, sorted(set(m["retry_after_s"])))) if m.get("retry_after_s") else "-"
        lines.append(f"| {m['mode']} | {m['clients']} | {m['requests_sent']} | {m['requests_ok']} | "
                     f"{m['refused_503']} ({share}) | {m['errors'] - m['lost']}, {m['lost']} | {m['requests_per_s']} | "
                     f"{m['words_per_s']} | {m.get('p50_ms', '-')} | {m.get('p95_ms', '-')} | {m.get('p99_ms', '-')} | "
                     f"{m.get('max_ms', '-')} | {refusal} | {retry} | {m['health_p99_ms']} |")
    lines += ["", "A probe from a process of its own (one GET /health, then one request like the clients', four times "
              "a second) sees the loaded server as a newcomer does, without the load generator's own event loop in "
              "the way (with hundreds of clients in one Python process, that loop adds to the latencies above):", "",
              "| mode | /health n, p50 / p99 ms | probe answered 200: n, p50 / p99 ms "
              "| probe refused 503: n, p50 / p99 ms |",
              "|---|---|---|---|"]
    for m in report["modes"]:
        cells = []
        for key in ("health", "post_200", "post_503"):
            d = m["probe"][key]
            cells.append(f"{d['n']}, {d['p50_ms']} / {d['p99_ms']}" if d["n"] else "0")
        lines.append(f"| {m['mode']} | " + " | ".join(cells) + " |")
    lines += ["", "Latency includes queueing: requests for one model are served one at a time (the model is not "
              "thread-safe), so with many clients p50 is roughly the requests waiting / throughput. Past the model's "
              f"bounded line ({report.get('server_options') or 'the server defaults'}) a request is refused at once "
              "with 503 and Retry-After, and its client waits that long; `lost` counts requests that got no answer "
              "at all. `/health` stays fast because the model runs off the event loop."]
    if report["endpoint"] == "detect":
        lines += ["", "Detect requests that wait together are read together "
                      "(`serve/runner.py` `DetectQueue`, up to 32)."]
    lines += [""]
    (out_dir / f"{stem}.md").write_text("\n".join(lines), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--duration", type=float, default=30.0, help="seconds of load per mode")
    ap.add_argument("--full-clients", type=int, default=None,
                    help="concurrent clients for the full (language model) path; default: --clients")
    ap.add_argument("--modes", default="fast,full", help="comma-separated: fast, full")
    ap.add_argument("--endpoint", choices=("restore", "detect"), default="restore")
    ap.add_argument("--timeout", type=float, default=900.0, help="per-request timeout in seconds")
    ap.add_argument("--out", type=Path, default=RESULTS)
    ap.add_argument("--url", help="load an already running server instead of starting `unspin serve`")
    ap.add_argument("--name", help="stem of the result files (default serve_load, serve_load_detect)")
    ap.add_argument("--server-options", default="", help="extra `unspin serve` options, e.g. '--max-queue 16'")
    args = ap.parse_args(argv)
    modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    if not modes or any(m not in ("fast", "full") for m in modes):
        ap.error("--modes takes fast and/or full")

    args.out.mkdir(parents=True, exist_ok=True)
    log_path = args.out / "serve_load.server.log"
    proc = None
    if args.url:
        base = args.url.rstrip("/")
    else:
        base = f"http://127.0.0.1:{free_port()}"
        proc = start_server(int(base.rsplit(":", 1)[1]), log_path, args.server_options.split())
    try:
        t0 = time.perf_counter()
        if proc is not None:
            wait_ready(base, proc, log_path)
        startup = time.perf_counter() - t0
        results = []
        for mode in modes:
            clients = args.clients if mode == "fast" or args.full_clients is None else args.full_clients
            res = asyncio.run(run_mode(base, mode == "fast", clients, args.duration, args.timeout, args.endpoint))
            print(json.dumps(res), flush=True)
            results.append(res)
    finally:
        if proc is not None:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
    log_path.unlink(missing_ok=True)
    report = {
        "benchmark": "serve_load",
        "endpoint": args.endpoint,
        "clients": args.clients,
        "duration_s": args.duration,
        "words_per_request": round(statistics.mean(len(p.split()) for p in PARAGRAPHS)),
        "server": base if args.url else "unspin serve (subprocess, real restorer)",
        "server_startup_s": None if args.url else round(startup, 1),
        "machine": (f"{os.cpu_count()} CPU cores, {platform.system()} {platform.machine()}, "
                    f"Python {platform.python_version()}"),
        "command": " ".join(["python", "benchmarks/serve_load.py", *(argv if argv is not None else sys.argv[1:])]),
        "load_average_at_end": [round(x, 2) for x in os.getloadavg()],  # the machine may be shared
        "server_options": args.server_options,
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "modes": results,
        "total_errors": sum(r["errors"] for r in results),
    }
    write_reports(report, args.out, args.name)
    print(f"wrote {args.out}/{args.name or 'serve_load*'}.json and .md; errors: {report['total_errors']}")
    return 1 if report["total_errors"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
