"""Benchmark of the shipped known-spinner profiles (src/unspin/data/profiles/, learn/known.py).

1. Matching: the share of texts each genre has read with a known profile (restore's and detect's gate): the benchmark's
   clean news and learned documents, held-out fiction, templated scientific paragraphs, and documents spun by each
   setting. A clean text matched would be read with a spinner's pairs.
2. What a profile restores on the realistic settings when every text is read with it (as `--profile`): error
   reduction and damage on the learning benchmark's test documents (benchmarks/learn_real.py), and the share of its
   pairs that are pairs of the setting's half-B dictionary.
3. With `--pages DIR ...` (folders of spun web pages with their originals, as benchmarks/known_profile.py reads them;
   the pages stay outside the repository): leave one spun site out (or, with `--folds N`, one of N groups of sites), a
   profile learned from the other sites' pages, restore and detect on the held-out pages, without and with it (read
   with it when it matches). `--groups K` reads only the first K groups held out (each still against the profile of
   all the others), since the pages part reads each page five times with SmolLM2. `--onto FILE` adds the other
   sites' pages to the counts of a profile learned earlier (as `known_profile --onto` grows the shipped one): pages
   found later are measured against the profile they are added to, taken as it was before them.

    python -m benchmarks.known_bench [--pages DIR ...] [--folds N] [--groups K] [--onto FILE] [--docs 100]
"""
from __future__ import annotations

import argparse
import hashlib
import time
from itertools import islice
from pathlib import Path

from unspin.learn.em import with_learned
from unspin.learn.known import known_profiles, known_spinner
from unspin.learn.pairs import TextPair, learn_pairs
from unspin.pipeline.restorer import get_restorer
from unspin.profile import Profile, load_profile

from .carriers import control_paragraphs, load_carriers
from .fit_decider import fiction_documents
from .known_profile import read_pages
from .learn_bench import run_record, write_result
from .learn_real import RESULTS, documents, pair_scores, restore_scores, true_pairs
from .metrics import error_reduction, wer_errors
from .settings import SETTINGS, available

SIMULATED = ["unseen-25", "phrase-25"]  # the simulator's settings, for the matching table


def spinner(name: str):
    return next(s for s in SETTINGS if s.name == name).spinner(None, seed=11)


def matching(docs, n: int, settings: list[str]) -> dict[str, dict]:
    """Per genre and setting: texts, and how many each known profile matched."""
    long = [d.text for d in docs if len(d.text.split()) >= 150][:n]
    genres = {"clean news and learned": long, "clean fiction": [d.text for d in fiction_documents()][:n],
              "clean scientific paragraphs": control_paragraphs(load_carriers(), n)}
    genres |= {f"spun by {name}": [spinner(name).spin(t).text for t in long] for name in settings + SIMULATED}
    out = {}
    for genre, texts in genres.items():
        found = [m.name for t in texts if (m := known_spinner(t)) is not None]
        out[genre] = {"texts": len(texts), "matched": len(found)}
    return out


def forced(test, settings: list[str], log) -> list[dict]:
    """Each shipped profile read into every test document of each setting, as `--profile` would."""
    base = get_restorer(known_spinners=False)
    originals = [d.text for d in test]
    rows = []
    for name, profile in known_profiles().items():
        reader = with_learned(base, profile.learned())
        for setting in settings:
            spun = [spinner(setting).spin(t).text for t in originals]
            without, with_it = restore_scores(base, spun, originals), restore_scores(reader, spun, originals)
            quality = pair_scores(profile, true_pairs(setting), {})
            rows.append({"profile": name, "setting": setting, "test_documents": len(test),
                         "error_reduction_without": without["error_reduction"], "damage_without": without["damage"],
                         **with_it, "pairs": quality["pairs"], "precision": quality["precision"]})
            log(f"  {name} on {setting}: ER {without['error_reduction']:.1%} -> {with_it['error_reduction']:.1%}, "
                f"damage {with_it['damage']:.2%}, {quality['precision']:.0%} of its pairs in half B")
    return rows


def site_group(site: str, folds: int) -> str:
    """The group a spun site is held out with: itself, or one of `folds` groups by a stable hash."""
    return site if not folds else str(int(hashlib.sha1(site.encode()).hexdigest(), 16) % folds)


def held_out_groups(pages: list[dict], folds: int = 0, onto: Profile | None = None):
    """Per group of spun sites (`site_group`), in order: its name, its pages, and the profile learned from the pages
    of every other group (added to `onto`'s counts when given)."""
    groups = [site_group(p["site"], folds) for p in pages]
    for group in sorted(set(groups)):
        rest = [TextPair(p["id"], p["spun"], p["original"]) for p, g in zip(pages, groups) if g != group]
        yield group, [p for p, g in zip(pages, groups) if g == group], learn_pairs(rest, onto=onto)[0]


def sites_held_out(pages: list[dict], log, folds: int = 0, groups: int = 0, onto: Profile | None = None) -> dict:
    """Restore and detect each site's pages (each group's, with `folds`; the first `groups` of them when given) with a
    profile learned from the others' (added to `onto`'s counts when given)."""
    base = get_restorer(known_spinners=False)
    errors = {"spun": 0, "without": 0, "gated": 0, "forced": 0}
    read = groups_read = matched = called_without = called_gated = 0
    for group, held, profile in islice(held_out_groups(pages, folds, onto), groups or None):
        read, groups_read = read + len(held), groups_read + 1
        reader, known = with_learned(base, profile.learned()), base.read_as_known(profile)
        for page in held:
            match = known_spinner(page["spun"], {"profile": profile}) is not None
            plain, forced = wer_errors(base.restore(page["spun"]).restored, page["original"])[0], \
                wer_errors(reader.restore(page["spun"]).restored, page["original"])[0]
            alone = base.detect(page["spun"]).probability
            errors["spun"] += wer_errors(page["spun"], page["original"])[0]
            errors["without"] += plain
            errors["forced"] += forced  # as `--profile` reads every text
            errors["gated"] += wer_errors(known.restore(page["spun"]).restored, page["original"])[0] if match \
                else plain  # as restore reads a text the shipped profile matches
            matched += match
            called_without += alone >= 0.5
            called_gated += (known.detect(page["spun"]).probability if match else alone) >= 0.5
        log(f"  held out {group}: {matched} of the pages so far matched")
    er = {k: error_reduction(errors["spun"], errors[k]) for k in ("without", "gated", "forced")}
    return {"pages": len(pages), "sites": len({p["site"] for p in pages}), "folds": folds, "read": read,
            "onto": onto.notes.get("pages") if onto else None,
            "groups_read": groups_read, "matched": matched, "error_reduction": er,
            "called_spun_without": called_without, "called_spun_gated": called_gated}


def render(result: dict) -> str:
    run = result["run"]
    lines = ["# unspin known-spinner benchmark", "",
             f"Run {run['date']} on {run['machine']} (commit {run['commit']}); `{run['command']}`; "
             f"{run['seconds']:.0f} s in all.", "", "Shipped profiles: " + ", ".join(
                 f"{name} ({p.notes.get('pages', '?')} pages from {len(p.notes.get('spun_sites', []))} sites, "
                 f"{sum(map(len, p.pairs.values()))} pairs)" for name, p in known_profiles().items()), "",
             "## Texts read with a known profile (the gate)", "", "| texts | read with a known profile |", "|---|---:|"]
    lines += [f"| {g} | {v['matched']} of {v['texts']} |" for g, v in result["matching"].items()]
    lines += ["", "## Every text read with the profile (as `--profile`), the learning benchmark's test documents", "",
              "| profile | setting | docs | ER without | ER with | damage with | pairs | in half B |",
              "|---|---|---:|---:|---:|---:|---:|---:|"]
    lines += [f"| {r['profile']} | {r['setting']} | {r['test_documents']} | {r['error_reduction_without']:.1%} | "
              f"{r['error_reduction']:.1%} | {r['damage']:.2%} | {r['pairs']} | {r['precision']:.1%} |"
              for r in result["forced"]]
    if result.get("pages"):
        p = result["pages"]
        er = p["error_reduction"]
        held = f"the spun sites in {p['folds']} groups, one left out" if p.get("folds") else "one spun site left out"
        lines += ["", f"## Real spun pages, {held} at a time", "",
                  f"{p['pages']} pages from {p['sites']} sites; {_read(p)}{p['matched']} matched the profile of the "
                  "other sites" + (f" (their pages added to a profile of {p['onto']} earlier pages)" if p.get("onto")
                                   else "") + ". "
                  f"Restore ER without a profile {er['without']:.1%}, read with it when it matches {er['gated']:.1%}, "
                  f"always {er['forced']:.1%}; `detect` called {p['called_spun_without']} spun without it, "
                  f"{p['called_spun_gated']} with it."]
    return "\n".join(lines) + "\n"


def _read(pages: dict) -> str:
    """Which pages were read, when not all groups were."""
    if pages["read"] == pages["pages"]:
        return ""
    return f"the {pages['read']} pages of the first {pages['groups_read']} groups read, of which "


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--settings", default="wp,turbo")
    ap.add_argument("--docs", type=int, default=100, help="texts per genre and setting for the matching table")
    ap.add_argument("--test-docs", type=int, default=12)
    ap.add_argument("--pages", nargs="*", type=Path, default=[], help="folders of spun pages with their originals")
    ap.add_argument("--folds", type=int, default=0, help="hold the sites out in this many groups (0: one by one)")
    ap.add_argument("--groups", type=int, default=0, help="read only the first K groups held out (0: all)")
    ap.add_argument("--onto", type=Path, help="a profile learned earlier: the other sites' pages are added to it")
    ap.add_argument("--out", default=str(RESULTS / "known"))
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    log = lambda msg: print(msg, flush=True)  # noqa: E731
    settings = [s for s in args.settings.split(",") if available(next(x for x in SETTINGS if x.name == s))]
    docs, _ = documents()
    result = {"matching": matching(docs[args.test_docs:], args.docs, settings)}
    log(f"  matching: {result['matching']}")
    result["forced"] = forced(docs[: args.test_docs], settings, log)
    if args.pages:
        onto = load_profile(args.onto) if args.onto else None
        result["pages"] = sites_held_out(read_pages(args.pages), log, args.folds, args.groups, onto)
    result = {"run": run_record("python -m benchmarks.known_bench " + " ".join(argv or []), t0), **result}
    write_result(Path(args.out), result, render(result), log)


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
