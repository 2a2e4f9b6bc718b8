"""Search's per-document loops, compiled with numba (docs/DEVELOPING.md says what a kernel
must keep): finding and scoring the documents a query touches (`scoring`), choosing the top
hits and counting facets (`choosing`), and autocomplete's best names (`completion`), the
last two over one bounded heap (`heap`)."""

from catalog.search.kernels.choosing import counts, pair_counts, top
from catalog.search.kernels.completion import complete, mark_named
from catalog.search.kernels.scoring import match, merge, score, touched

__all__ = ["complete", "counts", "mark_named", "match", "merge", "pair_counts", "score",
           "top", "touched"]
