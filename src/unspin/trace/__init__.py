"""Find the original of a spun document: an index of reference texts and `Index.trace`.

    >>> from unspin.trace import Index
    >>> with Index("refs.sqlite") as idx:           # doctest: +SKIP
    ...     idx.add_paths(["articles/"])
    ...     for m in idx.trace(open("suspect.txt").read()):
    ...         print(m.doc_id, m.score, m.substituted_share)
"""
from .align import Alignment, Substitution, align
from .index import AddReport, Index, default_index_path
from .match import Match
from .readers import SourceDoc, iter_documents
from .signature import SignatureParams
from .sqlite_storage import SQLiteStorage
from .storage import Storage

__all__ = ["Index", "Match", "Substitution", "Alignment", "align", "AddReport", "SourceDoc", "Storage",
           "SQLiteStorage", "SignatureParams", "default_index_path", "iter_documents"]
