"""A crawl teaching itself (#28 item 1): before screening, the pairs its spinner repeats are learned from its first
documents when they look like one spinner's output (learn/batch.py), and every document is then read with them.
The pairs are kept in the scan's manifest, so a resumed scan reads with the same ones."""
from __future__ import annotations

from .analysis import prepare


def learned_pairs(store, reader, factory, sample: int) -> tuple[dict[str, list[tuple[str, float]]], str | None]:
    """(spun -> [(original, weight)] to read the whole scan with, what to say of it): learned from the first `sample`
    readable documents, or read back from the manifest of the scan being resumed."""
    saved = store.manifest.get("batch_learning")
    if saved is None:
        saved = _learn(reader, factory, sample)
        store.manifest["batch_learning"] = saved
        store.save_manifest()
    from ..learn.batch import table_of

    return table_of(saved["pairs"]), saved["note"]


def _learn(reader, factory, sample: int) -> dict:
    from ..learn.batch import learn_batch

    texts = []
    for doc in reader.documents():
        doc = prepare(doc)
        if not doc.done:
            texts.append(doc.text)
            if len(texts) >= sample:
                break
    reading = learn_batch(factory(), texts)
    table = reading.table or {}
    return {"documents": len(texts), "median_probability": reading.median_probability,
            "pairs": [[spun, original, weight] for spun, row in table.items() for original, weight in row],
            "note": reading.note(f"the first {len(texts)} documents of this scan")}
