"""unspin: detect machine-spun text, restore its original wording, and find what it was copied from.

    >>> import unspin
    >>> r = unspin.restore("The rustic faced a battle.")   # doctest: +SKIP
    >>> r.restored, r.spin_score, r.edits                   # doctest: +SKIP
"""
from .errors import InputError, UnspinError
from .result import Detection, Edit, Restoration

__version__ = "0.1.0"
__all__ = ["restore", "detect", "detect_many", "get_restorer", "Restoration", "Detection", "Edit", "UnspinError",
           "InputError"]


def restore(text: str, *, fast: bool = False, profile=None, source: str | None = None,
            known_spinners: bool = True) -> Restoration:
    """Restore the original wording of `text`; `fast` uses the n-gram scorer instead of the language model.
    A text of 60+ words restore's reading calls clean (spin score < 0.5) keeps its words but listed
    tortured phrases (a warning says how many swaps were held back). With `source`, the text it was copied from,
    restore from their alignment instead (no model; `unspin.source`). `known_spinners` False never reads the text
    with the swaps of a spinner unspin ships (`unspin.learn.known`), however clearly it matches."""
    if source is not None:
        from .source import restore_from_source

        return restore_from_source(text, source)
    return get_restorer(fast=fast, profile=profile).restore(text, known_spinners=known_spinners)


def detect(text: str, *, fast: bool = False, threshold: float = 0.5, span_threshold: float | None = None,
           profile=None, read_terms: bool = True, thorough: bool = False, known_spinners: bool = True) -> Detection:
    """Say whether `text` is spun (calibrated probability) and where (flagged spans with likely originals).
    `threshold` calls the document spun; `span_threshold` flags a span (default: fitted for 90% precision);
    `read_terms` reads each new disguise of a known term in place (more new tortured phrases found; a little slower);
    `thorough` also reads the text as restore does, averages the two for the spans (more spun words found at the
    same precision) and takes the document's probability from restore's reading (it tells a real spinner's texts
    from clean ones far better), at restore's speed. `known_spinners` as for `restore`."""
    return get_restorer(fast=fast, profile=profile).detect(text, threshold=threshold, span_threshold=span_threshold,
                                                           read_terms=read_terms, thorough=thorough,
                                                           known_spinners=known_spinners)


def detect_many(texts: list[str], *, fast: bool = False, threshold: float = 0.5,
                span_threshold: float | None = None, profile=None, read_terms: bool = True,
                thorough: bool = False, learn_batch: bool = False, known_spinners: bool = True) -> list[Detection]:
    """`detect` for many texts at once, in order: several times faster for short ones, and the same results but for
    bfloat16 rounding, which differs with the batch (a span near the threshold may flip). `learn_batch`: the texts
    are one collection (a site, a crawl); learn the pairs its spinner repeats across them and read each with them
    (`unspin.learn.batch`; off by default, since texts batched for speed may come from unrelated sources)."""
    from .learn.batch import detect_as_batch

    options = dict(threshold=threshold, span_threshold=span_threshold, read_terms=read_terms, thorough=thorough,
                   known_spinners=known_spinners)
    return detect_as_batch(get_restorer(fast=fast, profile=profile), list(texts), learn_batch, **options)[0]


def get_restorer(*, fast: bool = False, profile=None, known_spinners: bool = True):
    """The shared, lazily built `Restorer` (models load once per process). `known_spinners` False never reads a text
    with the swaps of a spinner unspin ships (`unspin.learn.known`), however clearly it matches."""
    from .pipeline.restorer import get_restorer as _get

    return _get(fast=fast, profile=profile, known_spinners=known_spinners)
