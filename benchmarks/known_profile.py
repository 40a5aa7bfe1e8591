"""Build a shipped profile of a known spinner (src/unspin/data/profiles/) from real spun web pages with their originals.

Each folder holds `spun/NNN.txt` and `orig/NNN.txt` (the passage a spun page and its original share) and `index.tsv`
(file, spun_url, spun_site, orig_url, orig_site, words, note). The pages stay outside the repository: the profile keeps
only the counted swaps and, as provenance, the pages' addresses. Pages of the held-out sites
(../shared/data/heldout-sites.txt) are refused.

    python -m benchmarks.known_profile FOLDER [FOLDER ...] [--name news-farm] [--onto]

With `--onto` the pages' counts are added to the shipped profile of that name (`learn_pairs(onto=...)`), whose own
pages need not be at hand; a page it already learned from (the same spun address) is not counted twice.
The document calibrations weigh the shipped profile's evidence (learn/known.py `known_evidence`) as it was when they
were fitted: after the profile grows much, refit them (`fit_decider --calibration-only`, `fit_flagger
--calibration-only`).
"""
from __future__ import annotations

import argparse
import csv
from pathlib import Path
from urllib.parse import urlparse

from unspin.learn.known import KNOWN_DIR
from unspin.learn.pairs import TextPair, learn_pairs
from unspin.profile import load_profile

HELD_OUT = Path(__file__).resolve().parents[2] / "shared" / "data" / "heldout-sites.txt"


def held_out_sites(path: Path = HELD_OUT) -> set[str]:
    if not path.exists():
        raise SystemExit(f"the list of held-out sites is missing ({path}): no page can be checked against it")
    lines = path.read_text(encoding="utf-8").splitlines()
    return {line.strip().lower() for line in lines if line.strip() and not line.startswith("#")}


def site_of(url: str) -> str:
    host = urlparse(url).hostname or ""  # lower case, without a port
    return host[4:] if host.startswith("www.") else host


def is_held_out(url: str, held: set[str]) -> bool:
    host = site_of(url)
    return any(host == site or host.endswith("." + site) for site in held)


def read_pages(folders: list[Path]) -> list[dict]:
    """Every page pair of the folders' indexes, with its texts, each checked against the held-out sites."""
    held = held_out_sites()
    pages = []
    for folder in folders:
        with open(folder / "index.tsv", encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                for url in (row["spun_url"], row["orig_url"]):
                    if is_held_out(url, held):
                        raise SystemExit(f"{folder}/{row['file']}: {url} is a held-out site's page")
                pages.append({"id": f"{folder.name}/{row['file']}", "site": site_of(row["spun_url"]),
                              "spun_url": row["spun_url"], "orig_url": row["orig_url"], "words": int(row["words"]),
                              "spun": (folder / "spun" / row["file"]).read_text(encoding="utf-8"),
                              "original": (folder / "orig" / row["file"]).read_text(encoding="utf-8")})
    return pages


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folders", nargs="+", type=Path)
    ap.add_argument("--name", default="news-farm")
    ap.add_argument("--onto", action="store_true", help="add the pages to the shipped profile of this name")
    args = ap.parse_args(argv)
    out = KNOWN_DIR / f"{args.name}.json"
    earlier = load_profile(out) if args.onto else None
    before = earlier.notes.get("sources", []) if earlier else []
    counted = {s["spun"] for s in before}
    pages = [p for p in read_pages(args.folders) if p["spun_url"] not in counted]
    profile, warnings = learn_pairs([TextPair(p["id"], p["spun"], p["original"]) for p in pages], name=args.name,
                                    onto=earlier)
    for w in warnings:
        print("warning:", w)
    for pair in profile.pairs.values():  # the pages' file names mean nothing outside this build
        for row in pair.values():
            row.pop("examples", None)
    skipped = {pid for ids in profile.notes.get("skipped", {}).values() for pid in ids}
    pages = [p for p in pages if p["id"] not in skipped]  # the provenance names the pages the profile learned from
    sources = before + [{"spun": p["spun_url"], "original": p["orig_url"], "words": p["words"]} for p in pages]
    sites = sorted({site_of(s["spun"]) for s in sources})
    profile.notes = {"learned_from": "pairs", "built_by": "python -m benchmarks.known_profile",
                     "pages": len(sources), "spun_sites": sites, "sources": sources,
                     **{k: v for k, v in profile.notes.items() if k not in ("learned_from", "pairs", "originals",
                                                                            "skipped", "pages", "built_by")}}
    out.parent.mkdir(parents=True, exist_ok=True)
    profile.save(out)
    print(f"{len(pages)} pages added, {len(sources)} from {len(sites)} sites in all: "
          f"{profile.notes['learned_pairs']} pairs -> {out}")


if __name__ == "__main__":
    main()
