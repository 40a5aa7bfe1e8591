"""WARC scan throughput and resumability: `python -m benchmarks.warc_bench [--quick] [--full-docs N]`.

Builds a crawl of Brown-corpus news and learned documents, each published twice as a news-site page (once clean,
once spun by the simulator: Moby, rate 0.25) with menus, ads, scripts, related links, comments and a footer, plus
what a real crawl also holds: images and style sheets, 404 and redirect answers, and pages in other languages. Scans
it with `unspin scan crawl.warc.gz` (the real CLI, two workers): the fast path on the whole crawl, the language model
on its first N records. Then kills a scan with SIGKILL mid-way and reruns it. Writes
benchmarks/results/warc_scan.json and warc_scan.md.
"""
from __future__ import annotations

import argparse
import html
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.scan_bench import kill_and_resume

RESULTS = Path(__file__).parent / "results"
SITE = "https://ledger.example"
# Written for this benchmark: pages a crawl of an English news site also picks up in other languages.
FOREIGN = [
    "Der Stadtrat hat am Dienstag beschlossen, mehr Geld für die Straßen auszugeben. Die Bürger sind mit dem Plan "
    "zufrieden, aber sie sagen auch, dass er zu spät kommt und dass die Arbeiten nicht vor dem Winter beginnen.",
    "Le conseil municipal a décidé mardi de consacrer plus d'argent aux routes. Les habitants sont satisfaits du "
    "projet, mais ils disent aussi qu'il arrive trop tard et que les travaux ne commenceront pas avant l'hiver.",
    "El ayuntamiento decidió el martes dedicar más dinero a las carreteras. Los vecinos están contentos con el plan, "
    "pero también dicen que llega demasiado tarde y que las obras no empezarán antes del invierno.",
    "De gemeenteraad heeft dinsdag besloten meer geld aan de wegen te besteden. De bewoners zijn tevreden met het "
    "plan, maar ze zeggen ook dat het te laat komt en dat het werk niet voor de winter begint.",
]
SECTIONS = ["Home", "Local", "Politics", "Business", "Sports", "Weather", "Opinion", "Obituaries", "Events"]
ADS = ["Lowest mortgage rates in the state - apply in minutes", "Spring boat show this weekend: free parking",
       "Hearing aids at half price, this week only", "Earn a degree online from home"]


def news_page(title: str, text: str, rng: random.Random) -> bytes:
    """A news-site page around `text`: head scripts and styles, menus, ads, related links, comments, footer."""
    paragraphs = text.split("\n\n")
    body = []
    for k, para in enumerate(paragraphs):
        body.append(f"<p>{html.escape(para, quote=False)}</p>")
        if k == 1:
            body.append(f'<div class="ad-slot"><span>Advertisement</span><a href="https://ads.example/c?{k}">'
                        f"{rng.choice(ADS)}</a></div>")
    menu = "".join(f'<li><a href="/{s.lower()}">{s}</a></li>' for s in rng.sample(SECTIONS, 6))
    related = "".join(f'<li><a href="/story/{rng.randrange(10**6)}">{rng.choice(ADS)}</a></li>' for _ in range(3))
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)} | The Ledger</title>
<link rel="stylesheet" href="/static/site.css"><style>.ad-slot{{border:1px solid #ccc}}</style>
<script>window.dataLayer=window.dataLayer||[];function gtag(){{dataLayer.push(arguments);}}gtag("js",new Date());
</script></head>
<body><header><a class="logo" href="/">The Ledger</a><nav><ul>{menu}</ul></nav>
<div class="ticker">Breaking: {rng.choice(ADS)}</div></header>
<div class="ad-slot ad-top"><iframe src="https://ads.example/serve?728x90" title="ad"></iframe>
<a href="https://ads.example/c">{rng.choice(ADS)}</a></div>
<main><article><h1>{html.escape(title)}</h1><p class="byline">By Ledger Staff</p>
{chr(10).join(body)}
</article><aside><h2>Related stories</h2><ul>{related}</ul></aside>
<section id="comments"><h2>Comments</h2><div class="comment"><p>Thanks for covering this.</p></div></section></main>
<footer><p>&copy; 1961 The Ledger. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
<script src="https://tracker.example/t.js" async></script></body></html>""".encode()


def build_crawl(path: Path, docs, *, seed: int = 27) -> dict:
    """Write the crawl; returns its facts and the ids (URLs) the scan must write one row each for."""
    from unspin.scan.warc import write_warc
    from unspin.spin import Spinner

    rng = random.Random(seed)
    spinner = Spinner(thesaurus="moby", rate=0.25, seed=seed)
    pages, words = [], 0
    for d in docs:
        slug = d.id.replace("#", "-")
        title = " ".join(d.text.split()[:8]).rstrip(".,;:")
        spun = spinner.spin(d.text).text
        pages.append((f"{SITE}/{d.category}/{slug}", "text/html; charset=utf-8", news_page(title, d.text, rng)))
        pages.append((f"{SITE}/syndicated/{slug}", "text/html", news_page(title, spun, rng)))
        words += len(d.text.split()) + len(spun.split())
    n = len(docs)
    others = [(f"{SITE}/img/{k}.jpg", "image/jpeg", bytes(rng.randrange(256) for _ in range(400)))
              for k in range(n // 20)]
    others += [(f"{SITE}/static/site{k}.css", "text/css", b"body{margin:0}") for k in range(n // 40)]
    others += [(f"{SITE}/gone/{k}", "text/html", news_page("Not found", "Page not found.", rng), "404 Not Found")
               for k in range(n // 40)]
    others += [(f"{SITE}/old/{k}", "text/html", b"", "301 Moved Permanently") for k in range(n // 40)]
    others += [(f"{SITE}/intl/{k}", "text/html",
                news_page("Nachrichten", FOREIGN[k % 4] + "\n\n" + FOREIGN[(k + 1) % 4], rng)) for k in range(n // 20)]
    pages += others
    rng.shuffle(pages)
    write_warc(path, pages)
    return {"records": len(pages), "pages_spun": n, "pages_clean": n, "other_records": len(others),
            "page_words": words, "bytes": path.stat().st_size, "ids": sorted(p[0] for p in pages)}


def scan(crawl: Path, out: Path, *extra: str) -> dict:
    """`unspin scan crawl -o out --json` through the installed CLI; its summary, timed from the shell."""
    cmd = [sys.executable, "-c", "from unspin.cli import main; main()", "scan", str(crawl), "-o", str(out),
           "-w", "2", "--threads-per-worker", "1", "--quiet", "--json", "--overwrite", *extra]
    started = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"scan failed: {done.stderr[-800:]}")
    summary = json.loads(done.stdout)
    summary["shell_seconds"] = round(time.perf_counter() - started, 1)
    summary["load_average_1min"] = round(os.getloadavg()[0], 2)
    return summary


def verdicts(out: Path) -> dict:
    """How the pages came out: spun and clean pages called spun, and the reasons other records were skipped."""
    import pyarrow.parquet as pq

    rows = pq.read_table(out, columns=["id", "spun", "error", "skipped"]).to_pylist()
    scored = [r for r in rows if r["error"] is None and r["skipped"] is None]
    spun = [r for r in scored if "/syndicated/" in r["id"]]
    clean = [r for r in scored if "/syndicated/" not in r["id"]]
    reasons: dict[str, int] = {}
    for r in rows:
        if r["skipped"] is not None:
            key = r["skipped"].split(":", 1)[0]
            reasons[key] = reasons.get(key, 0) + 1
    return {"rows": len(rows), "errors": sum(r["error"] is not None for r in rows), "skipped": reasons,
            "spun_pages_called_spun": f"{sum(r['spun'] for r in spun)}/{len(spun)}",
            "clean_pages_called_spun": f"{sum(r['spun'] for r in clean)}/{len(clean)}"}


def extraction_speed(crawl: Path) -> dict:
    """Pages per second of reading the crawl and extracting main texts alone, in this one process."""
    from unspin.scan.analysis import prepare
    from unspin.scan.readers import open_reader

    started = time.perf_counter()
    docs = [prepare(d) for d in open_reader(crawl, max_bytes=5 * 2**20).documents()]
    seconds = time.perf_counter() - started
    return {"records": len(docs), "seconds": round(seconds, 1), "records_per_s": round(len(docs) / seconds, 1)}


def row(label: str, s: dict) -> str:
    cpu = sum(s["worker_cpu_seconds"].values()) / max(s["seconds"], 1e-9)
    return (f"| {label} | {s['rows_new']:,} | {s['words_new']:,} | {s['seconds']:.1f} | {s['load_seconds']:.1f} "
            f"| {s['docs_per_second']:.2f} | {s['words_per_second']:,.0f} | {s['shell_seconds']} "
            f"| {cpu:.2f} | {s['load_average_1min']} |")


def to_markdown(r: dict) -> str:
    c, k = r["crawl"], r["kill_and_resume"]
    lines = [
        "# WARC scan benchmark", "",
        f"Crawl: {c['records']:,} response records ({c['bytes'] / 2**20:.1f} MB gzipped WARC, each after its "
        f"request record): {c['pages_clean']} Brown news and learned documents as news-site pages (menus, ads, "
        f"scripts, related links, comments, footer), the same {c['pages_spun']} spun by `unspin.spin` (Moby, rate "
        f"0.25) on other URLs, "
        f"and {c['other_records']} other records (images, style sheets, 404 and 301 answers, pages in German, French, "
        f"Spanish and Dutch). {c['page_words']:,} words in the pages' stories. Machine: {r['machine']} (shared: other "
        "engineers ran language-model benchmarks on the same two cores). Date: " + r["date"] + ".", "",
        "`unspin scan crawl.warc.gz -o out.parquet -w 2 --threads-per-worker 1` (two worker processes; `seconds` is "
        "the scan's own clock from reading the first record to the last part written, `shell s` the whole command; "
        "words are those of the extracted main texts; `worker CPU` is the CPU seconds the two workers got per second, "
        "2.0 on idle cores):", "",
        "| run | rows | words | seconds | model load s | records/s | words/s | shell s | worker CPU | load avg |",
        "|---|---|---|---|---|---|---|---|---|---|",
        row("fast path (`--fast`), whole crawl", r["fast"]),
    ]
    if r.get("full"):
        lines.append(row(f"language model, first {r['full']['rows_new']} records (`--limit`)", r["full"]))
    v = r["verdicts_fast"]
    lines += [
        "", f"Fast path rows: {v['rows']:,} ({v['errors']} errors); skipped with a reason: "
        + ", ".join(f"{k_}: {n}" for k_, n in sorted(v["skipped"].items()))
        + f". Spun pages called spun: {v['spun_pages_called_spun']}; clean pages called spun: "
        f"{v['clean_pages_called_spun']}.",
    ]
    if r.get("verdicts_full"):
        vf = r["verdicts_full"]
        lines.append(f"Language model rows: spun pages called spun {vf['spun_pages_called_spun']}, clean pages "
                     f"{vf['clean_pages_called_spun']}.")
    e = r["extraction"]
    lines += [
        "", f"Reading the crawl and extracting the main texts alone (warcio and trafilatura, one process): "
        f"{e['records_per_s']} records/s ({e['records']:,} in {e['seconds']} s).", "",
        f"Kill and resume: `unspin scan --fast -w 2` on the crawl (parts of {k['part_rows']} rows), SIGKILL to the "
        f"scan process after {k['killed_after_s']} s with {k['rows_before']:,} rows written, then the same command "
        f"again ({k['rerun_seconds']} s; it said \"{k['rerun_said']}\"): {k['rows_after']:,} rows, "
        f"{k['unique_after']:,} unique ids, expected {k['documents']:,}: "
        + ("no row lost, none duplicated." if k["ok"] else "MISMATCH."),
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="60 documents (a minute or two)")
    parser.add_argument("--full-docs", type=int, default=200, help="records scanned with the language model (0: none)")
    parser.add_argument("--render-only", action="store_true", help="rewrite warc_scan.md from warc_scan.json and stop")
    args = parser.parse_args(argv)
    if args.render_only:
        result = json.loads((RESULTS / "warc_scan.json").read_text(encoding="utf-8"))
        (RESULTS / "warc_scan.md").write_text(to_markdown(result), encoding="utf-8")
        return
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    from benchmarks.data import load_documents

    docs = load_documents()[:60] if args.quick else load_documents()
    with tempfile.TemporaryDirectory(prefix="unspin-warc-bench-") as tmp:
        work = Path(tmp)
        crawl = work / "crawl.warc.gz"
        facts = build_crawl(crawl, docs)
        ids = set(facts.pop("ids"))
        print(json.dumps(facts), file=sys.stderr)
        result = {"date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "quick": args.quick, "crawl": facts,
                  "machine": f"{os.cpu_count()} CPUs, {platform.processor() or platform.machine()}, Python "
                             f"{platform.python_version()}"}
        result["extraction"] = extraction_speed(crawl)
        result["fast"] = scan(crawl, work / "fast.parquet", "--fast")
        result["verdicts_fast"] = verdicts(work / "fast.parquet")
        print(json.dumps(result["fast"]), file=sys.stderr)
        if args.full_docs:
            result["full"] = scan(crawl, work / "full.parquet", "--limit", str(args.full_docs))
            result["verdicts_full"] = verdicts(work / "full.parquet")
            print(json.dumps(result["full"]), file=sys.stderr)
        part_rows = 25 if not args.quick else 5
        result["kill_and_resume"] = kill_and_resume(crawl, work, expected_ids=ids, part_rows=part_rows,
                                                    kill_after_parts=len(ids) // part_rows // 3)
        result["kill_and_resume"]["part_rows"] = part_rows
        print(json.dumps(result["kill_and_resume"]), file=sys.stderr)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "warc_scan.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    (RESULTS / "warc_scan.md").write_text(to_markdown(result), encoding="utf-8")
    print(to_markdown(result))


if __name__ == "__main__":
    main()
