"""`python -m benchmarks.run --quick|--full`: spin, restore with every method, score, write results and plots.

Quick: a small stable sample of documents (the full model on a few short ones), a few minutes on 2 cores.
Full: more documents and every tortured phrase. Results go to benchmarks/results/ (latest.json, latest.md, PNGs).
"""
from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from . import metrics, report
from .carriers import control_paragraphs, list_half, load_carriers, sample_carriers
from .data import load_documents, sample_documents
from .fit_decider import fiction_documents
from .harness import Inputs, run_method, spin_corpus, warm_up
from .methods import MODEL_SUBSET
from .scoring import score_carriers, score_spun
from .settings import SETTINGS, SPINNERS_DIR, Setting, available, split_heads

RESULTS_DIR = Path(__file__).parent / "results"


@dataclass(frozen=True)
class Plan:
    """How much to run."""

    mode: str
    docs: int
    model_docs: int
    model_max_words: int | None
    carriers: int
    model_carriers: int
    fiction: int  # clean texts of each further genre (held-out Brown fiction, paragraphs of carrier controls)
    full_model: bool = True


PLANS = {
    "quick": Plan("quick", docs=24, model_docs=6, model_max_words=450, carriers=300, model_carriers=40, fiction=12),
    "full": Plan("full", docs=160, model_docs=30, model_max_words=None, carriers=100_000, model_carriers=300,
                 fiction=52),
}


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def evaluate(docs: Sequence, carriers: Sequence, *, settings: Sequence[Setting], heads_a: frozenset[str],
             build: Callable[..., list], model_ids: set[str], model_carriers: int, thesaurus="moby",
             unseen_list: tuple[Sequence, frozenset[str]] | None = None,
             clean_genres: dict[str, Sequence[str]] | None = None) -> dict:
    """Spin the documents under each setting, run every method on spun and clean text, and score them.

    `build(withheld, withheld_phrases=...)` returns the methods for one dictionary setting and known list. Methods
    receive texts only: the spun corpora are split into Inputs (for methods) and answers (for scoring) when they
    are made. `unseen_list` = (carriers, their tortured phrases): carriers scored by methods that do not know
    those phrases (the real-world case: papers use tortured phrases nobody has listed yet). `clean_genres`: more
    clean texts by genre, which every method reads too (how often each genre is called spun; the reliability
    curve counts them).
    """
    corpora = {}
    for s in settings:
        start = time.perf_counter()
        corpora[s.name] = spin_corpus(s.spinner(heads_a, thesaurus=thesaurus), docs)
        log(f"spun {len(docs)} documents for {s.name} in {time.perf_counter() - start:.1f} s")
    clean_texts = [d.text for d in docs]
    rows, tortured, speed, pooled, notes, genres = [], [], {}, {}, [], []
    for unseen in (False, True):
        active = [s for s in settings if s.unseen == unseen]
        if not active and (unseen or not carriers):
            continue
        for method in build(heads_a if unseen else frozenset()):
            is_model = method.name in MODEL_SUBSET
            subset = [i for i, d in enumerate(docs) if not is_model or d.id in model_ids]
            model_pos = [k for k, i in enumerate(subset) if docs[i].id in model_ids]
            load = warm_up(method)
            if getattr(method, "withheld_supported", True) is False:
                notes.append(f"{method.name}: the restorer does not accept withheld_heads yet, so the 'unseen' "
                             "settings gave it the whole thesaurus (they are not truly unseen)")
            sp = speed.setdefault(method.name, {"words": 0, "seconds": 0.0, "peak_rss_mb": 0.0,
                                                "load_seconds": 0.0})
            sp["load_seconds"] = max(sp["load_seconds"], load)

            def account(record, sp=sp):
                sp["words"] += record.words
                sp["seconds"] += record.seconds
                sp["peak_rss_mb"] = max(sp["peak_rss_mb"], record.peak_rss_mb)

            log(f"{method.name} ({'unseen' if unseen else 'seen'} dictionary): clean documents ({len(subset)})")
            clean = run_method(method, [clean_texts[i] for i in subset], batch=clean_texts)
            account(clean)
            for s in active:
                inputs, answers = corpora[s.name]
                sub = Inputs(tuple(inputs.ids[i] for i in subset), tuple(inputs.texts[i] for i in subset))
                log(f"{method.name}: {s.name} ({len(subset)} documents)")
                record = run_method(method, sub.texts, batch=inputs.texts)
                account(record)
                label = {"setting": s.name, "rate": s.rate, "unseen": s.unseen, "method": method.name}
                if not is_model:
                    rows.append({**label, "subset": "all", **score_spun(
                        sub, answers, record.outputs, [clean_texts[i] for i in subset], clean.outputs)})
                m_sub = Inputs(tuple(sub.ids[k] for k in model_pos), tuple(sub.texts[k] for k in model_pos))
                if m_sub.ids:
                    rows.append({**label, "subset": "model", **score_spun(
                        m_sub, answers, [record.outputs[k] for k in model_pos],
                        [clean_texts[subset[k]] for k in model_pos], [clean.outputs[k] for k in model_pos])})
                scores, labels = pooled.setdefault(method.name, ([], []))
                scores += [o.score for o in record.outputs] + [o.score for o in clean.outputs]
                labels += [1] * len(record.outputs) + [0] * len(clean.outputs)
            if not unseen and carriers:
                chosen = list(carriers[:model_carriers]) if is_model else list(carriers)
                tortured.append(_carriers(method, chosen, account))
            if not unseen:
                scores, labels = pooled.setdefault(method.name, ([], []))
                genres.extend(_clean_genres(method, docs, subset, clean.outputs, clean_genres or {}, len(model_pos),
                                            account, scores, labels))
    unseen_tortured = []
    if unseen_list and unseen_list[0]:
        held, phrases = unseen_list
        for method in build(frozenset(), withheld_phrases=phrases):
            chosen = list(held[:model_carriers]) if method.name in MODEL_SUBSET else list(held)
            unseen_tortured.append(_carriers(method, chosen, None, "unseen list: "))
    for sp in speed.values():
        sp["words_per_s"] = sp["words"] / sp["seconds"] if sp["seconds"] else 0.0
    calibration = {}
    for name, (scores, labels) in pooled.items():
        if name.startswith("unspin-"):
            curve = metrics.reliability_curve(scores, labels)
            calibration[name] = {"curve": curve, "ece": metrics.expected_calibration_error(curve)}
    return {"rows": rows, "tortured": tortured, "unseen_tortured": unseen_tortured, "speed": speed,
            "calibration": calibration, "clean_genres": genres, "notes": sorted(set(notes))}


def _clean_genres(method, docs: Sequence, subset: list[int], outputs: Sequence, extra: dict[str, Sequence[str]],
                  model_docs: int, account: Callable, scores: list, labels: list) -> list[dict]:
    """How often `method` calls clean text of each genre spun: the benchmark's own clean documents by category,
    then the `extra` genres (as many texts as the method's document subset, the full model's few for it)."""
    found = {}
    for i, out in zip(subset, outputs):
        found.setdefault(docs[i].category, []).append(out.score)
    for genre, texts in extra.items():
        chosen = list(texts[: model_docs if method.name in MODEL_SUBSET else len(texts)])
        if chosen:
            log(f"{method.name}: clean {genre} ({len(chosen)} texts)")
            record = run_method(method, chosen, batch=texts)
            account(record)
            found[genre] = [o.score for o in record.outputs]
            scores += found[genre]
            labels += [0] * len(chosen)
    return [{"method": method.name, "genre": genre, "texts": len(s), "called_spun": sum(x >= 0.5 for x in s) / len(s),
             "mean_probability": sum(s) / len(s)} for genre, s in found.items()]


def _carriers(method, chosen: Sequence, account: Callable | None, label: str = "") -> dict:
    """Run `method` on carrier sentences and their clean controls; `account` adds the runs to its speed."""
    log(f"{label}{method.name}: tortured phrases in {len(chosen)} carrier sentences")
    spun_rec = run_method(method, [c.spun for c in chosen])
    clean_rec = run_method(method, [c.clean for c in chosen])
    if account:
        account(spun_rec)
        account(clean_rec)
    return {"method": method.name, **score_carriers(chosen, spun_rec.outputs, clean_rec.outputs)}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--quick", action="store_true", help="a small sample, a few minutes (default)")
    mode.add_argument("--full", action="store_true", help="more documents and every tortured phrase")
    parser.add_argument("--docs", type=int, help="how many Brown documents to spin")
    parser.add_argument("--model-docs", type=int, help="how many of them the full model restores")
    parser.add_argument("--carriers", type=int, help="how many tortured-phrase carrier sentences")
    parser.add_argument("--no-model", action="store_true", help="skip the full (language-model) restorer")
    parser.add_argument("--methods", help="comma-separated method names to run (default: all)")
    parser.add_argument("--settings", help="comma-separated setting names to run (default: all)")
    parser.add_argument("--seed", type=int, default=0, help="sampling and spinning seed")
    parser.add_argument("--out", type=Path, default=RESULTS_DIR, help="where to write the results")
    args = parser.parse_args(argv)
    plan = PLANS["full" if args.full else "quick"]
    n_docs = args.docs or plan.docs
    n_model = plan.model_docs if args.model_docs is None else args.model_docs
    started = time.perf_counter()

    from unspin.thesaurus.moby import load_moby

    from .methods import build_methods

    docs = sample_documents(load_documents(), n_docs, seed=args.seed)
    short = [d for d in docs if plan.model_max_words is None or d.words <= plan.model_max_words]
    model_ids = {d.id for d in (short or docs)[:n_model]}
    n_carriers = plan.carriers if args.carriers is None else args.carriers
    carriers = sample_carriers(load_carriers(), n_carriers, seed=args.seed)
    held, held_phrases = list_half(load_carriers(), held=True)
    held = sample_carriers(held, n_carriers, seed=args.seed)
    heads_a = split_heads(load_moby())
    use_model = plan.full_model and not args.no_model and n_model > 0
    log(f"{len(docs)} documents ({sum(d.words for d in docs):,} words), full model on {len(model_ids)}; "
        f"{len(carriers)} carriers")
    wanted = set(args.methods.split(",")) if args.methods else None
    settings = [s for s in SETTINGS if not args.settings or s.name in args.settings.split(",")]
    missing = [s.name for s in settings if not available(s)]
    if missing:
        log(f"skipping {', '.join(missing)}: no dictionary file in {SPINNERS_DIR}")
        settings = [s for s in settings if available(s)]

    def build(withheld, withheld_phrases=frozenset()):
        return [m for m in build_methods(withheld, full=use_model, withheld_phrases=withheld_phrases)
                if wanted is None or m.name in wanted]

    genres = {"fiction": [d.text for d in sample_documents(fiction_documents(), plan.fiction, seed=args.seed)],
              "science sentences": control_paragraphs(load_carriers(), plan.fiction, seed=args.seed)}
    results = evaluate(docs, carriers, settings=settings, heads_a=heads_a, build=build,
                       model_ids=model_ids if use_model else set(), model_carriers=plan.model_carriers,
                       unseen_list=(held, held_phrases), clean_genres=genres)
    command = "python -m benchmarks.run " + " ".join(sys.argv[1:] if argv is None else argv)
    results["meta"] = {
        "mode": plan.mode, "date": report.now(), "machine": report.machine(), "commit": report.git_commit(),
        "command": command.strip(), "docs": len(docs), "model_docs": len(model_ids) if use_model else 0,
        "carriers": len(carriers), "unseen_list_carriers": len(held),
        "model_carriers": min(plan.model_carriers, len(carriers)) if use_model else 0,
        "seconds": time.perf_counter() - started, "notes": results.pop("notes"),
        "settings": {s.name: s.description for s in settings},
    }
    report.write(results, args.out)
    log(f"wrote {args.out}/latest.md, latest.json and plots in {results['meta']['seconds']:.0f} s")
    print(report.markdown(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
