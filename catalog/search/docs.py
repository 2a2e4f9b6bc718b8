"""The documents of the index as columns of arrays (a million Python objects would not fit).

Each searchable node (dataset, column, job, data product, domain) gets a dense integer; its
kind, liveness, parent and platform live in numpy arrays that queries read whole, its texts
in plain lists. Nothing is ever removed: a closed node is only marked dead, as in the graph.

Ids are most of the memory: ten columns a dataset, each id repeating its dataset's id
(`<dataset id>#<path>`, about 130 bytes a string, plus its entry in the id map). A column
whose dataset has a document already is stored as its path alone (interned, as names are)
beside its dataset's number (`id_base`), and is found again through its dataset's short
list of such columns; the id is rebuilt when answering. The split is the one
`identity.ids.column_id` makes and the column lineage index reads (the first `#`).
"""

from __future__ import annotations

from array import array
from enum import IntEnum

import numpy as np

from graph.labels import Label, split_column_id


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
    "id_base": (np.int32, -1),  # a column stored by path: its dataset's document
}


class Docs:
    """Dense document numbers, their per-document arrays and their texts."""

    def __init__(self, capacity: int = 1024) -> None:
        self.n = 0
        self.capacity = capacity
        for name, (dtype, init) in _ARRAYS.items():
            setattr(self, name, np.full(capacity, init, dtype=dtype))
        # the id, or a column's path when id_base >= 0 (use id_of)
        self.ids: list[str] = []
        self.names: list[str | None] = []
        self.descs: list[str | None] = []
        self.namespaces: list[str | None] = []
        self.index: dict[str, int] = {}  # ids stored whole
        self._by_path: dict[int, array] = {}  # dataset document -> its columns stored by path
        self.platforms: list[str] = []
        self._platform_code: dict[str, int] = {}
        self._interned: dict[str, str] = {}
        self._name_codes: dict[str, int] = {}

    def __len__(self) -> int:
        return self.n

    def get(self, node_id: str) -> int | None:
        d = self.index.get(node_id)
        if d is not None:
            return d
        base, path = self._split(node_id)
        if base is None:
            return None
        ids = self.ids
        for c in self._by_path.get(base, ()):
            if ids[c] == path:
                return c
        return None

    def id_of(self, d: int) -> str:
        base = int(self.id_base[d])
        return self.ids[d] if base < 0 else f"{self.ids[base]}#{self.ids[d]}"

    def add(self, node_id: str, kind: Kind) -> int:
        """A new (not yet alive) document for `node_id`; its number never changes."""
        if self.n == self.capacity:
            self._grow()
        d = self.n
        self.n += 1
        base, path = self._split(node_id) if kind is Kind.COLUMN else (None, "")
        if base is None:
            self.ids.append(node_id)
            self.index[node_id] = d
        else:
            self.ids.append(self.intern(path))  # shared with the column names
            self.id_base[d] = base
            columns = self._by_path.get(base)
            if columns is None:
                columns = self._by_path[base] = array("i")
            columns.append(d)
        self.names.append(None)
        self.descs.append(None)
        self.namespaces.append(None)
        self.kind[d] = kind
        return d

    def _split(self, column_id: str) -> tuple[int | None, str]:
        """The document of the dataset a column id starts with (None: no such document
        yet, or no path: not a column id), and the path."""
        dataset, path = split_column_id(column_id)
        return (self.index.get(dataset) if path else None), path  # only a dataset has that id

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
        self.names[d] = name = self.intern(name)
        # the name object itself when it is lower case already: no second copy to keep
        key = "" if not name else name if name.islower() else name.lower()
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
    """A many-valued attribute (tags, classifications, owners): value -> documents.

    A document's own values are a tuple (one or two, usually): a set per document cost
    over 200 bytes each, a million tagged documents at the xl scale."""

    def __init__(self) -> None:
        self.members: dict[str, set[int]] = {}
        self.of_doc: dict[int, tuple[str, ...]] = {}

    def add(self, doc: int, value: str) -> bool:
        docs = self.members.setdefault(value, set())
        if doc in docs:
            return False
        docs.add(doc)
        self.of_doc[doc] = (*self.of_doc.get(doc, ()), value)
        return True

    def discard(self, doc: int, value: str) -> bool:
        docs = self.members.get(value)
        if not docs or doc not in docs:
            return False
        docs.discard(doc)
        rest = tuple(v for v in self.of_doc[doc] if v != value)
        if rest:
            self.of_doc[doc] = rest
        else:
            del self.of_doc[doc]
        return True

    def values(self, doc: int) -> set[str]:
        return set(self.of_doc.get(doc, ()))

    def array(self, value: str) -> np.ndarray:
        return np.fromiter(self.members.get(value, ()), dtype=np.int64)
