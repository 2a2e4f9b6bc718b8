"""The documents of the index as columns of arrays (a million Python objects would not fit).

Each searchable node (dataset, column, job, data product, domain) gets a dense integer; its
kind, liveness, parent and platform live in numpy arrays that queries read whole, its texts
in plain lists. Nothing is ever removed: a closed node is only marked dead, as in the graph.
"""

from __future__ import annotations

from enum import IntEnum

import numpy as np

from graph.labels import Label


class Kind(IntEnum):
    DATASET = 0
    COLUMN = 1
    JOB = 2
    DATA_PRODUCT = 3
    DOMAIN = 4


KIND_OF_LABEL: dict[Label, Kind] = {
    Label.DATASET: Kind.DATASET, Label.COLUMN: Kind.COLUMN, Label.JOB: Kind.JOB,
    Label.DATA_PRODUCT: Kind.DATA_PRODUCT, Label.DOMAIN: Kind.DOMAIN,
}
LABEL_OF_KIND: dict[Kind, Label] = {k: label for label, k in KIND_OF_LABEL.items()}

_ARRAYS = {  # name -> (dtype, initial value)
    "kind": (np.int8, -1), "alive": (np.bool_, False), "parent": (np.int32, -1),
    "platform": (np.int16, -1), "n_short": (np.uint8, 0), "n_full": (np.uint8, 0),
    "n_core": (np.uint8, 0),
    "has_desc": (np.bool_, False), "n_owners": (np.int16, 0), "degree": (np.int32, 0),
    "name_code": (np.int32, -1),
}


class Docs:
    """Dense document numbers, their per-document arrays and their texts."""

    def __init__(self, capacity: int = 1024) -> None:
        self.n = 0
        self.capacity = capacity
        for name, (dtype, init) in _ARRAYS.items():
            setattr(self, name, np.full(capacity, init, dtype=dtype))
        self.ids: list[str] = []
        self.names: list[str | None] = []
        self.descs: list[str | None] = []
        self.namespaces: list[str | None] = []
        self.index: dict[str, int] = {}
        self.platforms: list[str] = []
        self._platform_code: dict[str, int] = {}
        self._interned: dict[str, str] = {}
        self._name_codes: dict[str, int] = {}

    def __len__(self) -> int:
        return self.n

    def get(self, node_id: str) -> int | None:
        return self.index.get(node_id)

    def add(self, node_id: str, kind: Kind) -> int:
        """A new (not yet alive) document for `node_id`; its number never changes."""
        if self.n == self.capacity:
            self._grow()
        d = self.n
        self.n += 1
        self.ids.append(node_id)
        self.names.append(None)
        self.descs.append(None)
        self.namespaces.append(None)
        self.index[node_id] = d
        self.kind[d] = kind
        return d

    def _grow(self) -> None:
        self.capacity *= 2
        for name, (dtype, init) in _ARRAYS.items():
            old = getattr(self, name)
            new = np.full(self.capacity, init, dtype=dtype)
            new[: len(old)] = old
            setattr(self, name, new)

    def intern(self, text: str | None) -> str | None:
        """One string object per distinct text (column names repeat across tables)."""
        if text is None:
            return None
        return self._interned.setdefault(text, text)

    def set_name(self, d: int, name: str | None) -> None:
        """Set a name; `name_code` numbers names case-insensitively (to fold duplicates)."""
        self.names[d] = self.intern(name)
        key = (name or "").lower()
        code = self._name_codes.setdefault(key, len(self._name_codes))
        self.name_code[d] = code

    def platform_code(self, platform: str | None) -> int:
        if not platform:
            return -1
        code = self._platform_code.get(platform)
        if code is None:
            code = self._platform_code[platform] = len(self.platforms)
            self.platforms.append(platform)
        return code

    def view(self, name: str) -> np.ndarray:
        """The live part of a per-document array."""
        return getattr(self, name)[: self.n]


class Attr:
    """A many-valued attribute (tags, classifications, owners): value -> documents."""

    def __init__(self) -> None:
        self.members: dict[str, set[int]] = {}
        self.of_doc: dict[int, set[str]] = {}

    def add(self, doc: int, value: str) -> bool:
        docs = self.members.setdefault(value, set())
        if doc in docs:
            return False
        docs.add(doc)
        self.of_doc.setdefault(doc, set()).add(value)
        return True

    def discard(self, doc: int, value: str) -> bool:
        docs = self.members.get(value)
        if not docs or doc not in docs:
            return False
        docs.discard(doc)
        self.of_doc[doc].discard(value)
        return True

    def values(self, doc: int) -> set[str]:
        return self.of_doc.get(doc, set())

    def array(self, value: str) -> np.ndarray:
        return np.fromiter(self.members.get(value, ()), dtype=np.int64)
