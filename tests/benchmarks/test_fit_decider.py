import numpy as np
from benchmarks.fit_decider import choose_threshold


def test_the_gated_threshold_counts_damage_on_clean_documents_only():
    # (document, site, spun, width) per option row: document 0 is clean; document 1 is spun, its spun site restored
    # right at 0.35, an unspun one wrongly at 0.2.
    meta = [(0, 0, False, 1), (1, 0, True, 1), (1, 1, False, 1)]
    p, y = np.array([0.31, 0.35, 0.2]), np.array([0, 1, 0])
    stats = {"spun_words": 10, "clean_words": 150}
    docs = [{"spun": False, "words": 100}, {"spun": True, "words": 60}]
    ungated, _ = choose_threshold(p, y, meta, stats)
    assert ungated > 0.31  # the clean document's edit at 0.31 would take damage past the budget
    gated, report = choose_threshold(p, y, meta, stats, docs, read={1})
    assert 0.2 < gated <= 0.3 < ungated and report == {"error_reduction": 0.1, "damage": 0.0}
