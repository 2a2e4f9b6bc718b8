"""The index's record of what each write changed under the derived arrays
(catalog.search.derived), so they follow writes instead of being recomputed."""

from __future__ import annotations

from array import array
from bisect import bisect_right

import numpy as np


class DerivedLog:
    """The documents whose inputs of the derived arrays changed (parent, kind, platform,
    description present, owners, lineage degree), and the (attribute, value) pairs whose
    members changed, by index version. Bounded: past MAX_DOCS entries it forgets, and a
    reader older than `floor` recomputes everything."""

    MAX_DOCS = 1 << 20

    def __init__(self) -> None:
        self.floor = 0
        self._docs = array("q")
        self._at = array("q")  # the version of each entry (never decreasing)
        self._values: dict[tuple[str, str], int] = {}

    def doc(self, d: int, version: int) -> None:
        if len(self._docs) >= self.MAX_DOCS:
            self.floor = version  # a reader at `version` has seen all of it
            self._docs, self._at, self._values = array("q"), array("q"), {}
        self._docs.append(d)
        self._at.append(version)

    def value(self, attr: str, value: str, version: int) -> None:
        self._values[(attr, value)] = version

    def since(self, version: int) -> tuple[np.ndarray, list[tuple[str, str]]] | None:
        """The documents and values changed after `version` (None: forgotten)."""
        if version < self.floor:
            return None
        i = bisect_right(self._at, version)
        docs = np.array(self._docs[i:], dtype=np.int64)
        return docs, [k for k, v in self._values.items() if v > version]
