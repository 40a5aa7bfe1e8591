"""Trace benchmark: index 10,000 reference documents, trace 500 spun copies back to them.

    python -m benchmarks.trace_bench            # full run (10,000 docs, 500 spun copies, 100 unindexed)
    python -m benchmarks.trace_bench --quick    # 2,000 docs, 100 copies: a smoke run

Spun copies come from unspin.spin's simulator with Moby restricted to a random half of its head words (a
dictionary the restorer is not given), at rates 25-40%, and from the realistic spinners of settings.py (`wp`,
`turbo`: half B of a real spam site's dictionary, every match replaced; 200 copies each, skipped where the
dictionary files are missing); some are cut to half, some get boilerplate added. Side by side in the same run:
the raw-text MinHash baseline (word 3-grams of the spun text, best estimated Jaccard over all documents) and
ablations of our retrieval stages. Also 100 spun copies of documents that are NOT indexed (by every spinner in
turn), which must come back "no source found". Writes benchmarks/results/trace.json and trace.md.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import time
from pathlib import Path

import numpy as np

from .trace_corpus import RefDoc, reference_documents

RESULTS = Path(__file__).parent / "results"
WORK = Path(__file__).parent / "data"
RATES = (0.25, 0.30, 0.35, 0.40)
BOILERPLATE = [
    "Subscribe to our newsletter for the latest stories, delivered to your inbox every morning. "
    "We respect your privacy and you can unsubscribe at any time.",
    "This article is shared for educational purposes only. All rights belong to their respective owners. "
    "Please leave a comment below and share it with your friends if you found it useful.",
    "Related posts: ten tips to improve your writing, how to grow your audience, and why content still "
    "matters. Click here to read more from our editors.",
]


def simulator_spinners(seed: int) -> dict:
    """The simulator at each of RATES, with Moby restricted to a random half of its head words."""
    from unspin.spin import Spinner
    from unspin.thesaurus.moby import load_moby

    rng = random.Random(seed)
    heads = [h for h in sorted(load_moby()) if rng.random() < 0.5]  # the spinner's own, unseen dictionary
    return {r: Spinner(thesaurus="moby", rate=r, seed=seed, heads=heads) for r in RATES}


def realistic_settings() -> list:
    """The benchmark's realistic settings whose dictionaries are on this machine."""
    from .settings import REALISTIC, SETTINGS, available

    return [s for s in SETTINGS if s.name in REALISTIC and available(s)]


def make_queries(docs: list[RefDoc], n: int, seed: int, spinners: dict, name: str = "simulator",
                 kinds=("full", "half", "boilerplate"), include: list[RefDoc] = ()):
    """n spun copies of Brown documents of 60+ words (`include` first): (true id, kind, spinner, rate, spun text).
    `spinners` by spin rate, taken in turn: the simulator's RATES, or None for a realistic spinner (every match)."""
    rng = random.Random(f"{seed}:{name}")
    rates = list(spinners)
    pool = [d for d in docs if d.origin == "brown" and d.words >= 60]
    first = [d for d in include if d.origin == "brown" and d.words >= 60]
    rest = [d for d in pool if d not in first]
    picked = first + rng.sample(rest, n - len(first))
    rng.shuffle(picked)
    queries = []
    for i, doc in enumerate(picked):
        rate = rates[i % len(rates)]
        kind = kinds[0] if i % 10 < 5 else (kinds[1] if i % 10 < 8 else kinds[2])
        spun = spinners[rate].spin(doc.text).text
        if kind == "half":
            words = spun.split(" ")
            half = len(words) // 2
            spun = " ".join(words[:half]) if i % 2 else " ".join(words[half:])
        elif kind == "boilerplate":
            extra = rng.choice(BOILERPLATE)
            spun = f"{extra}\n\n{spun}" if i % 2 else f"{spun}\n\n{extra}"
        queries.append({"id": doc.id, "kind": kind, "spinner": name, "rate": rate, "text": spun})
    return queries


class RawMinHashBaseline:
    """Classic near-duplicate search: MinHash (datasketch, 128 permutations) of lowercased word 3-grams,
    scored against every document's signature (an upper bound on what LSH banding of the same sketches finds)."""

    def __init__(self, num_perm: int = 128):
        from datasketch import MinHash

        self.MinHash = MinHash
        self.num_perm = num_perm
        self.perm = MinHash(num_perm=num_perm, seed=3).permutations
        self.ids: list[str] = []
        self.matrix = None

    def sketch(self, text: str) -> np.ndarray:
        from unspin.trace.tokens import ngrams, words

        m = self.MinHash(num_perm=self.num_perm, permutations=self.perm, scheme="affine32")
        m.update_batch(ngrams(words(text), 3))
        return np.asarray(m.hashvalues, dtype=np.uint32)

    def build(self, docs: list[tuple[str, str]]):
        self.ids = [d for d, _ in docs]
        self.matrix = np.stack([self.sketch(t) for _, t in docs])

    def top1(self, text: str) -> str:
        sims = (self.matrix == self.sketch(text)).mean(axis=1)
        return self.ids[int(np.argmax(sims))]


def pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def run(n_docs: int, n_queries: int, n_negatives: int, seed: int, embed: bool, reuse_index: bool = False,
        cascade: bool = True, stem: str = "trace", ablations: bool = True, n_realistic: int = 200) -> dict:
    from unspin.trace import Index, SourceDoc

    all_docs = reference_documents(n_docs + n_negatives, seed=seed)
    rng = random.Random(seed)
    brown = [d for d in all_docs if d.origin == "brown" and d.words >= 60]
    held_out = {d.id for d in rng.sample(brown, n_negatives)}
    indexed = [d for d in all_docs if d.id not in held_out][: n_docs - n_docs // 100]
    dup_sources = rng.sample(indexed, n_docs // 100)
    duplicates = [RefDoc(f"dup/{d.id}", d.origin, d.text) for d in dup_sources]  # identical texts, new ids
    to_index = indexed + duplicates
    rng.shuffle(to_index)
    id_to_text = {d.id: d.text for d in to_index}

    realistic = realistic_settings()
    spinners = {"simulator": simulator_spinners(seed), **{setting.name: {None: setting.spinner(None, seed)}
                                                         for setting in realistic}}
    print(f"building {n_queries} spun copies by the simulator, {n_realistic} by each of {list(spinners)[1:]}, and "
          f"{n_negatives} of unindexed documents…", flush=True)
    queries = make_queries(indexed, n_queries, seed, spinners["simulator"], include=dup_sources[: n_queries // 20])
    for name, own in list(spinners.items())[1:]:
        queries += make_queries(indexed, n_realistic, seed, own, name)
    unindexed = [d for d in all_docs if d.id in held_out]
    negatives = [q for k, (name, own) in enumerate(spinners.items())
                 for q in make_queries(unindexed, n_negatives // len(spinners) + (k < n_negatives % len(spinners)),
                                       seed + 1, own, name)]

    path = WORK / f"{stem}_bench.sqlite"
    build_file = WORK / f"{stem}_bench.build.json"
    WORK.mkdir(parents=True, exist_ok=True)
    fingerprint = {"docs": n_docs, "negatives": n_negatives, "seed": seed, "embed": embed}
    build = json.loads(build_file.read_text()) if reuse_index and build_file.exists() else None
    if build and build.get("fingerprint") == fingerprint and path.exists():
        print(f"reusing the index built earlier ({path})", flush=True)
        idx = Index(path)
    else:
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        idx = Index(path)
        print(f"indexing {len(to_index)} documents…", flush=True)
        report = idx.add_documents((SourceDoc(d.id, d.origin, d.text) for d in to_index), embed=False)
        build = {"fingerprint": fingerprint, "lexical_seconds": report.seconds, "embed_seconds": None,
                 "documents": report.documents}
        if embed:
            t = time.perf_counter()
            idx.embed_missing(batch_size=128,
                              progress=lambda n: print(f"  embedded {n}", flush=True) if n % 2048 == 0 else None)
            build["embed_seconds"] = time.perf_counter() - t
        build_file.write_text(json.dumps(build))
    lexical_rate = build["documents"] / build["lexical_seconds"]
    embed_seconds = build["embed_seconds"]
    stats = idx.stats()

    print("raw MinHash baseline…", flush=True)
    baseline = RawMinHashBaseline()
    baseline.build([(d.id, d.text) for d in to_index])

    restorer_name = "none"
    if idx.restorer is not None:
        restorer_name = "unspin.get_restorer(fast=True)"
        idx.restorer.restore("Warm up the scorer once.")
    if embed:
        idx.trace("Warm up the embedding model once.", cascade=False)

    def same_text(doc_id: str, true_id: str) -> bool:
        return id_to_text.get(doc_id) == id_to_text.get(true_id)

    rows = []
    print("tracing…", flush=True)
    for q in queries:
        t, c = time.perf_counter(), time.process_time()
        matches = idx.trace(q["text"], top=5, cascade=cascade)
        latency, cpu = time.perf_counter() - t, time.process_time() - c
        stage = idx.last_trace.get("stage")
        lsh_ok = emb_ok = None
        if ablations:
            restored = idx.restorer.restore(q["text"]).restored if idx.restorer is not None else q["text"]
            lsh = idx._lsh_candidates(restored, q["text"])
            lsh_top = max(lsh, key=lsh.get) if lsh else None
            lsh_ok = lsh_top is not None and q["id"] in (idx.storage.content(lsh_top).doc_ids or [])
        if ablations and embed:
            ids, sims = idx._embedding_scores(restored)
            emb_ok = q["id"] in idx.storage.content(int(ids[int(np.argmax(sims))])).doc_ids
        top = matches[0] if matches else None
        plain = idx.trace(q["text"], top=1, restore=False, cascade=False) if ablations else None
        rows.append({
            "no_restore_hit1": None if plain is None else bool(plain and q["id"] in plain[0].doc_ids),
            "id": q["id"], "kind": q["kind"], "spinner": q["spinner"], "rate": q["rate"], "latency": latency,
            "cpu": cpu, "stage": stage,
            "hit1": bool(top and q["id"] in top.doc_ids),
            "hit5": any(q["id"] in m.doc_ids for m in matches),
            "dup_reported": bool(top and len(top.doc_ids) > 1),
            "baseline_hit1": same_text(baseline.top1(q["text"]), q["id"]),
            "lsh_hit1": lsh_ok, "emb_hit1": emb_ok,
            "substituted_share": top.substituted_share if top and q["id"] in top.doc_ids else None,
        })
    neg_rows = []
    for q in negatives:
        t, c = time.perf_counter(), time.process_time()
        matches = idx.trace(q["text"], top=5, cascade=cascade)
        neg_rows.append({"latency": time.perf_counter() - t, "cpu": time.process_time() - c, "spinner": q["spinner"],
                         "stage": idx.last_trace.get("stage"), "found": bool(matches), "id": q["id"],
                         "found_id": matches[0].doc_id if matches else None,
                         "score": matches[0].score if matches else None,
                         "coverage": matches[0].coverage if matches else None})
    idx.close()

    def spun_by(name, **equal):
        return lambda r: r["spinner"] == name and all(r[k] == v for k, v in equal.items())

    def recall(key, subset=None):
        sel = [r for r in rows if subset is None or subset(r)]
        vals = [r[key] for r in sel if r[key] is not None]
        return sum(vals) / len(vals) if vals else None

    latencies = [r["latency"] for r in rows] + [r["latency"] for r in neg_rows]
    dup_queries = [r for r in rows if r["hit1"] and any(d.id == r["id"] for d in dup_sources)]
    result = {
        "setup": {
            "reference_documents": len(to_index), "distinct_texts": stats["distinct_texts"],
            "duplicates_in_index": len(duplicates),
            "origins": {o: sum(d.origin == o for d in to_index) for o in ("brown", "pydoc", "man")},
            "spun_queries": {name: sum(r["spinner"] == name for r in rows) for name in spinners},
            "unindexed_spun_queries": len(neg_rows),
            "query_kinds": {k: sum(r["kind"] == k for r in rows) for k in ("full", "half", "boilerplate")},
            "rates": list(RATES),
            "spinners": {"simulator": "unspin.spin.Spinner(thesaurus='moby', heads=random half of Moby)",
                         **{setting.name: setting.description for setting in realistic}},
            "restorer": restorer_name, "embeddings": embed, "seed": seed, "cascade": cascade,
        },
        "recall_at_1": {name: {
            "unspin_trace": recall("hit1", spun_by(name)),
            "raw_minhash_baseline": recall("baseline_hit1", spun_by(name)),
            "lsh_stage_only": recall("lsh_hit1", spun_by(name)),
            "without_restoration": recall("no_restore_hit1", spun_by(name)),
            "embedding_only": recall("emb_hit1", spun_by(name)),
        } for name in spinners},
        "recall_at_5": {name: recall("hit5", spun_by(name)) for name in spinners},
        "recall_at_1_by_kind": {k: {name: {"unspin_trace": recall("hit1", spun_by(name, kind=k)),
                                           "raw_minhash_baseline": recall("baseline_hit1", spun_by(name, kind=k))}
                                    for name in spinners}
                                for k in ("full", "half", "boilerplate")},
        "recall_at_1_by_rate": {str(rt): {"unspin_trace": recall("hit1", spun_by("simulator", rate=rt)),
                                          "raw_minhash_baseline": recall("baseline_hit1",
                                                                         spun_by("simulator", rate=rt))}
                                for rt in RATES},
        "duplicates_reported_together": (sum(r["dup_reported"] for r in dup_queries) / len(dup_queries)
                                         if dup_queries else None),
        "no_source_answer_rate_on_unindexed": {name: statistics.mean([not r["found"] for r in neg_rows
                                                                      if r["spinner"] == name] or [float("nan")])
                                               for name in spinners},
        "query_latency_ms": {
            "median": 1000 * statistics.median(latencies),
            "p95": 1000 * float(np.percentile(latencies, 95)),
            "mean": 1000 * statistics.mean(latencies),
            "cpu_median": 1000 * statistics.median([r["cpu"] for r in rows + neg_rows]),
            "cpu_p95": 1000 * float(np.percentile([r["cpu"] for r in rows + neg_rows], 95)),
            "by_stage": {st: {"queries": len(ls), "median": 1000 * statistics.median(ls),
                              "p95": 1000 * float(np.percentile(ls, 95))}
                         for st in ("raw", "full")
                         if (ls := [r["latency"] for r in rows + neg_rows if r.get("stage") == st])},
        },
        "indexing": {
            "lexical_docs_per_s": lexical_rate,
            "embedding_docs_per_s": (len(to_index) / embed_seconds) if embed_seconds else None,
            "total_docs_per_s": (len(to_index) / (build["lexical_seconds"] + embed_seconds)) if embed_seconds
                                else lexical_rate,
        },
        "index_size_mb": stats["size_bytes"] / 1e6,
        "mean_substituted_share_found": statistics.mean([r["substituted_share"] for r in rows
                                                         if r["substituted_share"] is not None] or [0]),
        "false_sources": [r for r in neg_rows if r["found"]][:30],
        "misses": [{k: r[k] for k in ("id", "kind", "spinner", "rate")} for r in rows if not r["hit1"]][:30],
        "machine": {"cpus": os.cpu_count(), "load_average_after": os.getloadavg()},
    }
    return result


def markdown(res: dict) -> str:
    s, r = res["setup"], res["recall_at_1"]
    names = list(r)
    methods = [
        ("unspin_trace", f"unspin trace ({'cascade: raw lookup, then ' if s['cascade'] else ''}restore + LSH + "
                         "embeddings + alignment)"),
        ("raw_minhash_baseline", "raw-text MinHash baseline (word 3-grams, 128 perm, exhaustive)"),
        ("lsh_stage_only", "our LSH stage alone (top candidate by shared bands)"),
        ("without_restoration", "unspin trace without restoring the query first"),
        ("embedding_only", "embeddings alone (nearest neighbour)"),
    ]
    lines = [
        "# Trace benchmark",
        "",
        f"{s['reference_documents']:,} reference documents indexed ({s['origins']}; {s['duplicates_in_index']} of "
        f"them exact duplicates under other ids); spun copies {s['spun_queries']} ({s['query_kinds']}): "
        + "; ".join(f"{k}: {v}" for k, v in s["spinners"].items())
        + f"; the simulator at rates {', '.join(f'{x:.0%}' for x in s['rates'])}; restorer: {s['restorer']}; "
        f"embeddings: {s['embeddings']}.",
        "",
        "| method | " + " | ".join(names) + " |",
        "|---|" + "---|" * len(names),
    ]
    for key, label in methods:
        if any(r[n][key] is not None for n in names):
            lines.append(f"| {label} | " + " | ".join(pct(r[n][key]) if r[n][key] is not None else "—"
                                                        for n in names) + " |")
    lines += ["", "recall@5: " + ", ".join(f"{n} {pct(v)}" for n, v in res["recall_at_5"].items()), "",
              "Recall@1 by copy kind, unspin trace / raw MinHash:", "",
              "| copy kind | " + " | ".join(names) + " |", "|---|" + "---|" * len(names)]
    for k, v in res["recall_at_1_by_kind"].items():
        lines.append(f"| {k} | " + " | ".join(f"{pct(v[n]['unspin_trace'])} / {pct(v[n]['raw_minhash_baseline'])}"
                                              for n in names) + " |")
    lines += ["", "| simulator's spin rate | unspin trace | raw MinHash |", "|---|---|---|"]
    for k, v in res["recall_at_1_by_rate"].items():
        lines.append(f"| {float(k):.0%} | {pct(v['unspin_trace'])} | {pct(v['raw_minhash_baseline'])} |")
    lat, ix = res["query_latency_ms"], res["indexing"]
    queries = sum(s["spun_queries"].values()) + s["unindexed_spun_queries"]
    lines += [
        "",
        f"- \"No source found\" on {s['unindexed_spun_queries']} spun copies of unindexed documents: "
        + ", ".join(f"{n} {pct(v)}" for n, v in res["no_source_answer_rate_on_unindexed"].items()),
        f"- Exact duplicates reported together: {pct(res['duplicates_reported_together'] or 0)}",
        f"- Query latency: median {lat['median']:.0f} ms, p95 {lat['p95']:.0f} ms over all {queries} queries"
        + "".join(f"; {st} path ({'raw-text lookup, decisive' if st == 'raw' else 'restore + LSH + embedding'}): "
                  f"{v['queries']} queries, median {v['median']:.0f} ms, p95 {v['p95']:.0f} ms"
                  for st, v in lat.get("by_stage", {}).items())
        + f"; CPU time per query (all threads): median {lat['cpu_median']:.0f} ms, p95 {lat['cpu_p95']:.0f} ms",
        f"- Indexing: {ix['lexical_docs_per_s']:.0f} docs/s without embeddings"
        + (f", embeddings {ix['embedding_docs_per_s']:.1f} docs/s, together {ix['total_docs_per_s']:.1f} docs/s"
           if ix["embedding_docs_per_s"] else ""),
        f"- Index size: {res['index_size_mb']:.1f} MB",
        f"- Machine: {res['machine']['cpus']} CPUs shared with other jobs (load average after the run "
        f"{res['machine']['load_average_after'][1]:.1f}); latencies and rates are wall-clock under that load",
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="2,000 documents and 100 queries")
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--queries", type=int, default=500)
    ap.add_argument("--realistic-queries", type=int, default=200, help="spun copies per realistic spinner")
    ap.add_argument("--negatives", type=int, default=100)
    ap.add_argument("--no-embed", action="store_true", help="skip sentence embeddings (lexical retrieval only)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--reuse-index", action="store_true",
                    help="reuse the index of an earlier run with the same settings (its build timings are kept)")
    ap.add_argument("--no-ablations", action="store_true", help="skip the per-stage ablations (faster)")
    ap.add_argument("--no-cascade", action="store_true", help="always run the full pipeline (restore + embed)")
    ap.add_argument("--out", default="trace", help="result file stem under benchmarks/results/")
    args = ap.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    if args.quick:
        args.docs, args.queries, args.realistic_queries, args.negatives = 2000, 100, 40, 21
    res = run(args.docs, args.queries, args.negatives, args.seed, embed=not args.no_embed,
              reuse_index=args.reuse_index, cascade=not args.no_cascade, stem=args.out,
              ablations=not args.no_ablations, n_realistic=args.realistic_queries)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{args.out}.json").write_text(json.dumps(res, indent=2))
    (RESULTS / f"{args.out}.md").write_text(markdown(res))
    print(markdown(res))


if __name__ == "__main__":
    main()
