"""Turning method outputs and the answers into the benchmark's numbers (one row per setting and method)."""
from __future__ import annotations

from collections.abc import Sequence

from . import metrics
from .harness import Answer, Inputs
from .methods import MethodOutput


def score_spun(inputs: Inputs, answers: dict[str, Answer], spun_out: Sequence[MethodOutput],
               clean_texts: Sequence[str], clean_out: Sequence[MethodOutput]) -> dict:
    """Restoration, damage, span and document detection numbers for one method on one spun corpus."""
    spun_err = restored_err = ref_words = spun_words = 0
    counts = {"tp": 0, "fp": 0, "fn": 0, "clean_words": 0, "clean_changed": 0}
    overlap = {"pred": 0, "pred_hit": 0, "gold": 0, "gold_found": 0}
    for doc_id, text, out in zip(inputs.ids, inputs.texts, spun_out):
        answer = answers[doc_id]
        e_spun, n = metrics.wer_errors(text, answer.original)
        e_rest, _ = metrics.wer_errors(out.restored, answer.original)
        spun_err, restored_err, ref_words = spun_err + e_spun, restored_err + e_rest, ref_words + n
        spun_words += answer.spun_words
        for k, v in metrics.word_span_counts(text, out.spans, answer.gold).items():
            counts[k] += v
        for k, v in metrics.span_overlap_counts(out.spans, answer.gold).items():
            overlap[k] += v
    clean_err = clean_words = 0
    for text, out in zip(clean_texts, clean_out):
        e, n = metrics.wer_errors(out.restored, text)
        clean_err, clean_words = clean_err + e, clean_words + n
    words = metrics.prf(counts["tp"], counts["fp"], counts["fn"])
    scores = [o.score for o in spun_out] + [o.score for o in clean_out]
    labels = [1] * len(spun_out) + [0] * len(clean_out)
    docs = metrics.document_detection(scores, labels)
    return {
        "docs": len(spun_out),
        "words": ref_words,
        "spun_share": spun_words / ref_words if ref_words else 0.0,
        "wer_spun": spun_err / ref_words if ref_words else 0.0,
        "wer_restored": restored_err / ref_words if ref_words else 0.0,
        "error_reduction": metrics.error_reduction(spun_err, restored_err),
        "damage_clean_docs": clean_err / clean_words if clean_words else 0.0,
        "damage_spun_docs": counts["clean_changed"] / counts["clean_words"] if counts["clean_words"] else 0.0,
        "span_word_precision": words["precision"],
        "span_word_recall": words["recall"],
        "span_word_f1": words["f1"],
        "span_precision": overlap["pred_hit"] / overlap["pred"] if overlap["pred"] else 0.0,
        "span_recall": overlap["gold_found"] / overlap["gold"] if overlap["gold"] else 0.0,
        "doc_f1": docs["f1"],
        "doc_fpr": docs["fpr"],
        "doc_auroc": docs["auroc"],
    }


def score_carriers(carriers, spun_out: Sequence[MethodOutput], clean_out: Sequence[MethodOutput]) -> dict:
    """Tortured phrases in carrier sentences: flagged, restored exactly, and clean controls flagged."""
    flagged = controls_flagged = exact = spun_err = restored_err = 0
    for c, s_out, c_out in zip(carriers, spun_out, clean_out):
        a, b = c.spun_span
        flagged += any(x < b and a < y for x, y in s_out.spans)
        a, b = c.clean_span
        controls_flagged += any(x < b and a < y for x, y in c_out.spans)
        exact += metrics.word_list(s_out.restored) == metrics.word_list(c.clean)
        spun_err += metrics.wer_errors(c.spun, c.clean)[0]
        restored_err += metrics.wer_errors(s_out.restored, c.clean)[0]
    n = len(carriers) or 1
    return {"carriers": len(carriers), "flagged": flagged / n, "controls_flagged": controls_flagged / n,
            "restored_exactly": exact / n, "error_reduction": metrics.error_reduction(spun_err, restored_err)}
