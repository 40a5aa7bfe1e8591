"""Writing the benchmark's results: JSON, a Markdown table (with date and machine) and PNG plots."""
from __future__ import annotations

import json
import os
import platform
import subprocess
from datetime import datetime, timezone
from pathlib import Path

from .methods import DETECTORS, MODEL_SUBSET

METHOD_ORDER = ["identity", "known-list", "most-frequent-synonym", "unspin-fast", "unspin-full", "unspin-detect-fast",
                "unspin-detect", "unspin-detect-thorough"]


def machine() -> dict:
    """CPU model, core count, memory and Python version of this machine."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_gb = 0.0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem_gb = int(line.split()[1]) / 2**20
    except OSError:
        pass
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": round(mem_gb, 1),
            "python": platform.python_version(), "system": platform.system()}


def git_commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                              cwd=Path(__file__).parent, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def _restoring(r: dict, key: str) -> str:
    """A restoration figure of row `r`, or a dash for methods that restore nothing."""
    return "—" if r["method"] in DETECTORS else _pct(r[key])


def _num(x: float, digits: int = 3) -> str:
    return f"{x:.{digits}f}"


def _rate(x: float) -> str:
    return "> 1,000,000" if x > 1e6 else f"{x:,.0f}"


def _order(rows: list[dict], settings: list[str]) -> list[dict]:
    def key(r):
        s = settings.index(r["setting"]) if r["setting"] in settings else len(settings)
        m = METHOD_ORDER.index(r["method"]) if r["method"] in METHOD_ORDER else len(METHOD_ORDER)
        return (s, m)

    return sorted(rows, key=key)


HEADLINE_SETTINGS = ("wp", "turbo", "unseen-25")  # real spinners' dictionaries first, then our simulator's


def _carrier_table(rows: list[dict]) -> list[str]:
    lines = ["| method | carriers | flagged | control flagged | restored exactly | ER |",
             "|---|---:|---:|---:|---:|---:|"]
    lines += [f"| {r['method']} | {r['carriers']} | {_pct(r['flagged'])} | {_pct(r['controls_flagged'])} | "
              f"{_restoring(r, 'restored_exactly')} | {_restoring(r, 'error_reduction')} |" for r in rows]
    return lines + [""]


def markdown(results: dict) -> str:
    """The results as Markdown: headline table, per-setting table, tortured phrases, speed and memory."""
    meta, m = results["meta"], results["meta"]["machine"]
    lines = [
        f"# unspin benchmark ({meta['mode']})",
        "",
        f"Run {meta['date']} on {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB RAM, Python {m['python']}"
        f" (commit {meta['commit'] or 'unknown'}); `{meta['command']}`; {meta['seconds']:.0f} s in all.",
        f"Corpus: {meta['docs']} Brown documents (news and learned, 150-1,000 words); the full model on "
        f"{meta['model_docs']} of them. Tortured phrases: {meta['carriers']} carrier sentences "
        f"({meta['model_carriers']} for the full model).",
        "",
        "ER = error reduction, 1 - WER(restored)/WER(spun). Damage = share of words of the clean originals "
        "changed when they are restored. Span P/R = word-level detection of spun words (edits vs gold). "
        "Doc F1/AUROC: spun vs clean documents, threshold 0.5.",
        "",
    ]
    settings = list(meta.get("settings", {}))
    headline = [r for r in _order(results["rows"], settings) if r["setting"] in HEADLINE_SETTINGS
                and (r["subset"] == "all" or r["method"] in MODEL_SUBSET)]
    if headline:
        lines += ["## Headline: real spinners' dictionaries (wp, turbo: half B, never given to unspin) and the "
                  "simulator's unseen dictionary at 25%", "",
                  "| setting | method | docs | spun share | ER | damage | span P | span R | doc F1 | words/s |",
                  "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
        for r in headline:
            speed = results["speed"].get(r["method"], {}).get("words_per_s", 0.0)
            lines.append(f"| {r['setting']} | {r['method']} | {r['docs']} | {_pct(r.get('spun_share', 0.0))} | "
                         f"{_restoring(r, 'error_reduction')} | {_restoring(r, 'damage_clean_docs')} | "
                         f"{_num(r['span_word_precision'], 2)} | {_num(r['span_word_recall'], 2)} | "
                         f"{_num(r['doc_f1'], 3)} | {_rate(speed)} |")
        lines.append("")
    for subset, title in (("all", "Every setting, all sampled documents (every method but the full model)"),
                          ("model", "Every setting, the full model's documents (all methods on the same ones)")):
        rows = [r for r in _order(results["rows"], settings) if r["subset"] == subset]
        if not rows:
            continue
        lines += [f"## {title}", "",
                  "| setting | method | docs | spun share | WER spun | ER | damage | damage in spun docs | span P "
                  "| span R | span F1 | doc F1 | doc AUROC | words/s |",
                  "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
        for r in rows:
            speed = results["speed"].get(r["method"], {}).get("words_per_s", 0.0)
            lines.append(
                f"| {r['setting']} | {r['method']} | {r['docs']} | {_pct(r.get('spun_share', 0.0))} | "
                f"{_pct(r['wer_spun'])} | "
                f"{_restoring(r, 'error_reduction')} | {_restoring(r, 'damage_clean_docs')} | "
                f"{_restoring(r, 'damage_spun_docs')} | "
                f"{_num(r['span_word_precision'], 2)} | {_num(r['span_word_recall'], 2)} | "
                f"{_num(r['span_word_f1'], 2)} | {_num(r['doc_f1'], 3)} | {_num(r['doc_auroc'], 3)} | "
                f"{_rate(speed)} |")
        lines.append("")
    if results.get("tortured"):
        lines += ["## Known tortured phrases in carrier sentences", "",
                  "Flagged = an edit overlaps the tortured phrase; control flagged = an edit overlaps the expected "
                  "phrase in the clean copy of the sentence. The list is the dev list unspin itself ships, so "
                  "this is a seen-list setting.", ""]
        lines += _carrier_table(results["tortured"])
    if results.get("unseen_tortured"):
        lines += ["## Unseen tortured phrases in carrier sentences", "",
                  "The same measure on half of the list (benchmarks/carriers.py `held_out`), those phrases withheld "
                  "from unspin's known list and thesaurus index: tortured phrases nobody has listed yet, as in new "
                  "papers.", ""]
        lines += _carrier_table(results["unseen_tortured"])
    lines += ["## Speed and memory", "",
              "| method | words | seconds | words/s | load s | peak RSS (process) |", "|---|---:|---:|---:|---:|---:|"]
    for name in METHOD_ORDER:
        s = results["speed"].get(name)
        if s:
            lines.append(f"| {name} | {s['words']:,} | {s['seconds']:.1f} | {_rate(s['words_per_s'])} | "
                         f"{s['load_seconds']:.1f} | {s['peak_rss_mb']:,.0f} MB |")
    lines.append("")
    if results.get("calibration"):
        lines += ["## Document calibration", "", "| method | expected calibration error |", "|---|---:|"]
        for name, c in results["calibration"].items():
            lines.append(f"| {name} | {c['ece']:.3f} |")
        lines.append("")
    if results.get("clean_genres"):
        lines += ["## Clean text by genre", "",
                  "Share of clean texts called spun (probability 0.5 or more) and their mean probability: the "
                  "benchmark's news and learned documents, Brown fiction kept out of every fit, and paragraphs of "
                  "the carrier sentences' clean controls (scientific prose written for the benchmark).", "",
                  "| method | genre | texts | called spun | mean probability |", "|---|---|---:|---:|---:|"]
        for r in sorted(results["clean_genres"], key=lambda r: (METHOD_ORDER.index(r["method"])
                                                               if r["method"] in METHOD_ORDER else 99, r["genre"])):
            lines.append(f"| {r['method']} | {r['genre']} | {r['texts']} | {_pct(r['called_spun'])} | "
                         f"{r['mean_probability']:.3f} |")
        lines.append("")
    if meta.get("notes"):
        lines += ["## Notes", ""] + [f"- {n}" for n in meta["notes"]] + [""]
    lines += ["Plots: `error_reduction_vs_rate.png`, `speed.png`, `reliability.png`.", ""]
    return "\n".join(lines)


def plots(results: dict, out_dir: Path) -> list[str]:
    """Error reduction vs spin rate, speed per method, and the detection reliability curve, as PNG files."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    written = []
    fig, ax = plt.subplots(figsize=(6, 4))
    for subset, style in (("all", "-o"), ("model", "--s")):
        for name in METHOD_ORDER:
            pts = sorted((r["rate"], r["error_reduction"]) for r in results["rows"]
                         if r["method"] == name and r["subset"] == subset and r["setting"].startswith("unseen-"))
            if not pts or (subset == "model" and name != "unspin-full"):
                continue
            ax.plot([100 * p[0] for p in pts], [100 * p[1] for p in pts], style, label=name)
    ax.axhline(0, color="grey", lw=0.5)
    ax.set_xlabel("spin rate (% of words), unseen dictionary")
    ax.set_ylabel("error reduction (%)")
    ax.set_title("Restoration vs spin rate")
    if ax.get_legend_handles_labels()[0]:
        ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(out_dir / "error_reduction_vs_rate.png", dpi=110)
    plt.close(fig)
    written.append("error_reduction_vs_rate.png")

    names = [n for n in METHOD_ORDER if n in results["speed"]]
    fig, ax = plt.subplots(figsize=(6, 3.5))
    ax.barh(names, [max(results["speed"][n]["words_per_s"], 1e-3) for n in names], color="#4a7ab5")
    ax.set_xscale("log")
    ax.set_xlabel(f"words per second (log), {results['meta']['machine']['cores']} cores")
    ax.set_title("Speed per method")
    fig.tight_layout()
    fig.savefig(out_dir / "speed.png", dpi=110)
    plt.close(fig)
    written.append("speed.png")

    fig, ax = plt.subplots(figsize=(4.5, 4.5))
    ax.plot([0, 1], [0, 1], color="grey", lw=0.8, ls=":")
    for name, c in results.get("calibration", {}).items():
        curve = c["curve"]
        ax.plot([b["mean_predicted"] for b in curve], [b["observed"] for b in curve], "-o", label=name)
    ax.set_xlabel("predicted spin probability")
    ax.set_ylabel("observed share of spun documents")
    ax.set_title("Document detection reliability")
    if ax.get_legend_handles_labels()[0]:
        ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(out_dir / "reliability.png", dpi=110)
    plt.close(fig)
    written.append("reliability.png")
    return written


def write(results: dict, out_dir: Path) -> None:
    """latest.json, latest.md and the plots into out_dir."""
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "latest.json").write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    (out_dir / "latest.md").write_text(markdown(results), encoding="utf-8")
    plots(results, out_dir)
