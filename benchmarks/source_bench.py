"""Restoring from a known source (`restore --source`, `restore --index`): how many substituted words come back.

    python -m benchmarks.source_bench            # 200 copies per setting, every benchmark document indexed
    python -m benchmarks.source_bench --quick    # 40 copies per setting

Copies are the benchmark's Brown documents (data.py) spun by unspin.spin's simulator (all of Moby, phrase rules,
numbers) at 25% and 40%, with the occasional spintax leak and quote swap, a third setting that leaks spintax and
swaps quotes often, and the realistic settings `wp` and `turbo` (settings.py: half B of a real spinner's dictionary
under its engine; skipped where the dictionary files are missing). A third of the copies take only half of their
document's paragraphs, a third get a paragraph of boilerplate the source lacks (it must be left as it is).
`--source` is given the whole document; `--index` finds it among all of the benchmark's documents (indexed without
embeddings). The restored words are compared with the copy's reference (its part of the original, plus the
boilerplate) word by word: a substituted span counts as restored when all of its original words come back with no
word too many; a clean word is damaged when it does not come back as it was. Writes results/source.json and
results/source.md.
"""
from __future__ import annotations

import argparse
import json
import platform
import statistics
import time
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timezone
from difflib import SequenceMatcher
from pathlib import Path

from unspin.errors import SourceMismatch
from unspin.learn.pairs import TextPair, learn_pairs
from unspin.source import IndexRestorer, restore_from_source
from unspin.spin import Spinner
from unspin.spin.groups import DictionarySpinner
from unspin.spin.tokens import WORD_RE

from .data import DATA_DIR, load_documents, sample_documents
from .metrics import error_reduction, wer_errors
from .settings import SETTINGS as BENCHMARK_SETTINGS
from .settings import Setting, available
from .trace_bench import BOILERPLATE

RESULTS = Path(__file__).parent / "results"


@dataclass(frozen=True)
class SourceSetting:
    name: str
    rate: float
    spintax: float = 0.0
    quote_swap: float = 0.0
    realistic: bool = False  # a real spinner's dictionary: settings.py's setting of this name

    def spinner(self, seed: int) -> Spinner | DictionarySpinner:
        if self.realistic:
            return _benchmark_setting(self.name).spinner(None, seed)
        return Spinner(thesaurus="moby", rate=self.rate, phrase_rules=True, numbers=True, spintax=self.spintax,
                       quote_swap=self.quote_swap, seed=seed)


SETTINGS = [
    SourceSetting("phrase-25", 0.25, spintax=0.02, quote_swap=0.1),
    SourceSetting("phrase-40", 0.40, spintax=0.02, quote_swap=0.1),
    SourceSetting("spintax-25", 0.25, spintax=0.5, quote_swap=0.5),
    SourceSetting("wp", 1.0, realistic=True),
    SourceSetting("turbo", 1.0, realistic=True),
]


def _benchmark_setting(name: str) -> Setting:
    return next(s for s in BENCHMARK_SETTINGS if s.name == name)


def _describe(name: str, row: dict) -> str:
    if row.get("realistic"):
        return f"{name} (a real spinner's dictionary, half B, under its engine)"
    return f"{name} ({row['rate']:.0%}, spintax {row['spintax']:.0%}, quote swaps {row['quote_swap']:.0%})"


@dataclass
class Copy:
    """A spun copy, the document it was copied from, and what a perfect restoration gives back."""

    doc_id: str
    kind: str
    text: str
    source: str
    reference: str
    gold: list[tuple[int, int]]  # reference character spans the spinner substituted
    applied: list[tuple[str, str]]  # the spinner's (spun, original) wordings, spintax leaks left out


def make_copy(doc, spinner: Spinner, k: int) -> Copy:
    """Copy k of a document: whole, half of its paragraphs, or whole with boilerplate before or after."""
    kind = ("full", "half", "boilerplate")[k % 3]
    paragraphs = doc.text.split("\n\n")
    part = doc.text
    if kind == "half" and len(paragraphs) > 1:
        half = len(paragraphs) // 2
        part = "\n\n".join(paragraphs[:half] if k % 2 else paragraphs[half:])
    spun = spinner.spin(part)
    gold = [(g.orig_start, g.orig_end) for g in spun.gold if g.kind != "quote"]
    applied = [(_norm(g.spun), _norm(g.original)) for g in spun.gold if g.kind not in ("quote", "spintax")]
    text, reference = spun.text, part
    if kind == "boilerplate":
        extra = BOILERPLATE[k % len(BOILERPLATE)]
        if k % 2:
            text, reference = f"{extra}\n\n{text}", f"{extra}\n\n{reference}"
            gold = [(s + len(extra) + 2, e + len(extra) + 2) for s, e in gold]
        else:
            text, reference = f"{text}\n\n{extra}", f"{reference}\n\n{extra}"
    return Copy(doc.id, kind, text, doc.text, reference, gold, applied)


def _norm(phrase: str) -> str:
    return " ".join(phrase.lower().replace("\u2019", "'").split())


def score(restored: str, copy: Copy) -> dict:
    """Substituted words restored and clean words damaged, from a word alignment of restored and reference."""
    ref = list(WORD_RE.finditer(copy.reference))
    in_gold = [[a < m.end() and m.start() < b for a, b in copy.gold] for m in ref]
    spans = [[j for j, flags in enumerate(in_gold) if flags[g]] for g in range(len(copy.gold))]
    bad = [False] * len(ref)
    extra = [0] * (len(ref) + 1)  # restored words with no reference word, before reference word j
    ops = SequenceMatcher(None, _words(WORD_RE.findall(restored)), _words(m.group() for m in ref),
                          autojunk=False).get_opcodes()
    for tag, i1, i2, j1, j2 in ops:
        if tag != "equal":
            bad[j1:j2] = [True] * (j2 - j1)
            extra[j1] += (i2 - i1) if tag == "delete" else max(0, (i2 - i1) - (j2 - j1))
    sub_words = restored_words = 0
    for words in filter(None, spans):
        sub_words += len(words)
        clean_edges = all(extra[j] == 0 for j in range(words[0], words[-1] + 2))
        restored_words += len(words) if clean_edges and not any(bad[j] for j in words) else 0
    gold_word = [any(flags) for flags in in_gold]
    near_gold = {j for w in spans if w for j in (w[0], w[-1] + 1)}
    damaged = sum(b and not g for b, g in zip(bad, gold_word))
    damaged += sum(n for j, n in enumerate(extra) if j not in near_gold)
    return {"substituted": sub_words, "restored": restored_words, "clean": gold_word.count(False),
            "damaged": damaged, "exact": not any(bad) and not any(extra)}


def _words(tokens) -> list[str]:
    return [t.lower().replace("\u2019", "'") for t in tokens]


def evaluate(copies: list[Copy], restore) -> dict:
    """Run `restore(copy) -> Restoration | None` on every copy and pool the scores."""
    totals = dict.fromkeys(("substituted", "restored", "clean", "damaged", "exact", "unrestored"), 0)
    spun_err = restored_err = edits = unsure = 0
    seconds = []
    kinds: dict[str, list[int]] = {}
    for copy in copies:
        t0 = time.perf_counter()
        result = restore(copy)
        seconds.append(time.perf_counter() - t0)
        restored = result.restored if result is not None else copy.text
        totals["unrestored"] += result is None
        s = score(restored, copy)
        for key in ("substituted", "restored", "clean", "damaged", "exact"):
            totals[key] += s[key]
        kind = kinds.setdefault(copy.kind, [0, 0])
        kind[0] += s["restored"]
        kind[1] += s["substituted"]
        spun_err += wer_errors(copy.text, copy.reference)[0]
        restored_err += wer_errors(restored, copy.reference)[0]
        if result is not None:
            edits += len(result.edits)
            unsure += sum(e.confidence < 1 for e in result.edits)
    return {**totals, "copies": len(copies),
            "restored_share": totals["restored"] / max(totals["substituted"], 1),
            "damaged_share": totals["damaged"] / max(totals["clean"], 1),
            "error_reduction": error_reduction(spun_err, restored_err), "edits": edits, "edits_below_1": unsure,
            "by_kind": {k: v[0] / max(v[1], 1) for k, v in sorted(kinds.items())},
            "median_ms": 1000 * statistics.median(seconds), "p95_ms": 1000 * _p95(seconds)}


def _p95(values: list[float]) -> float:
    return sorted(values)[min(len(values) - 1, int(0.95 * len(values)))]


def by_source(copy: Copy):
    try:
        return restore_from_source(copy.text, copy.source)
    except SourceMismatch:
        return None


def by_index(restorer: IndexRestorer):
    def restore(copy: Copy):
        try:
            return restorer.restore(copy.text)
        except SourceMismatch:
            return None

    return restore


def learned_pairs(copies: list[Copy]) -> dict:
    """`learn --pairs` on the copies with their sources: how many learned pairs the spinner applied (precision), and
    how many of its applied swaps the profile holds (coverage)."""
    profile, _ = learn_pairs(TextPair(f"{c.doc_id}/{k}", c.text, c.source) for k, c in enumerate(copies))
    learned = {(s, o) for s, originals in profile.pairs.items() for o in originals}
    applied = Counter(pair for c in copies for pair in c.applied)
    true = sum(pair in applied for pair in learned)
    return {"pairs": len(learned), "precision": true / max(len(learned), 1),
            "coverage": sum(n for pair, n in applied.items() if pair in learned) / max(sum(applied.values()), 1),
            "distinct_applied": len(applied), "notes": {k: v for k, v in profile.notes.items() if k != "skipped"}}


def build_index(docs, path: Path):
    from unspin.trace import Index, SourceDoc

    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    index = Index(path)
    index.add_documents((SourceDoc(d.id, d.category, d.text) for d in docs), embed=False)
    return index


def run(per_setting: int, seed: int) -> dict:
    docs = load_documents()
    index = build_index(docs, DATA_DIR / "source_bench.sqlite")
    restorer = IndexRestorer(index)
    out = {"date": datetime.now(timezone.utc).isoformat(timespec="seconds"), "machine": platform.processor()
           or platform.machine(), "indexed": len(docs), "copies_per_setting": per_setting, "seed": seed,
           "settings": {}}
    for k, setting in enumerate(SETTINGS):
        if setting.realistic and not available(_benchmark_setting(setting.name)):
            print(f"{setting.name}: skipped, its dictionary file is missing", flush=True)
            continue
        spinner = setting.spinner(seed)
        copies = [make_copy(d, spinner, n) for n, d in enumerate(sample_documents(docs, per_setting, seed=seed + k))]
        row = {"source": evaluate(copies, by_source), "index": evaluate(copies, by_index(restorer)),
               "learn_pairs": learned_pairs(copies)}
        out["settings"][setting.name] = {"rate": setting.rate, "spintax": setting.spintax,
                                         "quote_swap": setting.quote_swap, "realistic": setting.realistic, **row}
        print(f"{setting.name}: --source {row['source']['restored_share']:.2%} restored, "
              f"{row['source']['damaged_share']:.3%} damaged; --index {row['index']['restored_share']:.2%} / "
              f"{row['index']['damaged_share']:.3%}", flush=True)
    index.close()
    return out


def markdown(res: dict, command: str) -> str:
    lines = [
        "# Restoring from a known source", "",
        f"`{command}`, {res['date']}. {res['indexed']} Brown documents indexed (no embeddings); "
        f"{res['copies_per_setting']} spun copies per setting (a third whole, a third half of the paragraphs, a third "
        "with boilerplate added). Spinners: `unspin.spin.Spinner(thesaurus='moby', phrase_rules=True, numbers=True)`, "
        "and the benchmark's realistic settings (`benchmarks/settings.py`).",
        "",
        "| setting | path | substituted words restored | clean words damaged | error reduction | copies exact | "
        "not restored | edits (confidence < 1) | median / p95 ms |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, row in res["settings"].items():
        for path in ("source", "index"):
            r = row[path]
            lines.append(f"| {_describe(name, row)} | `--{path}` | {r['restored_share']:.2%} ({r['restored']:,} of "
                         f"{r['substituted']:,}) | {r['damaged_share']:.3%} ({r['damaged']} of {r['clean']:,}) | "
                         f"{r['error_reduction']:.2%} | {r['exact']} of {r['copies']} | {r['unrestored']} | "
                         f"{r['edits']:,} ({r['edits_below_1']}) | {r['median_ms']:.0f} / {r['p95_ms']:.0f} |")
    lines += ["", "Substituted words restored by kind of copy (`--source`):", "",
              "| setting | " + " | ".join(next(iter(res["settings"].values()))["source"]["by_kind"]) + " |",
              "|---|" + "---:|" * len(next(iter(res["settings"].values()))["source"]["by_kind"])]
    for name, row in res["settings"].items():
        lines.append(f"| {name} | " + " | ".join(f"{v:.2%}" for v in row["source"]["by_kind"].values()) + " |")
    lines += ["", "`learn --pairs` on the same copies with their sources: learned pairs the spinner applied (its gold "
              "spun wording for that original; a pair covering only part of a phrase rule counts as wrong), and the "
              "share of its applied swaps whose pair the profile holds:", "",
              "| setting | pairs learned | precision | applied swaps covered | distinct applied pairs |",
              "|---|---:|---:|---:|---:|"]
    for name, row in res["settings"].items():
        lp = row["learn_pairs"]
        lines.append(f"| {name} | {lp['pairs']:,} | {lp['precision']:.1%} | {lp['coverage']:.1%} | "
                     f"{lp['distinct_applied']:,} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="40 copies per setting instead of 200")
    parser.add_argument("--copies", type=int, default=None, help="copies per setting")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=RESULTS / "source")
    args = parser.parse_args()
    per_setting = args.copies or (40 if args.quick else 200)
    res = run(per_setting, args.seed)
    command = "python -m benchmarks.source_bench" + (" --quick" if args.quick else "")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.with_suffix(".json").write_text(json.dumps(res, indent=1) + "\n")
    args.out.with_suffix(".md").write_text(markdown(res, command))
    print(f"wrote {args.out}.md and .json")


if __name__ == "__main__":
    main()
