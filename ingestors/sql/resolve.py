"""Tables named in SQL, resolved to the catalog's datasets and their columns.

A statement's tables are resolved before it is qualified: each table as named (with the
default database and schema of its connection, event or dbt target) gives candidate dataset
ids; the first one whose columns are known wins. Columns come first from what the caller
holds (the harvest in hand, catalog.json, an event's schema facets), then from the graph,
in one query per statement.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

from graph import GraphStore
from graph import sql_lineage as gsql
from graph.sql_lineage import Reader
from identity import ids
from ingestors.sql.model import TableRef

Candidates = Callable[[TableRef], list[str]]


def ref_of(dataset_id: str) -> TableRef:
    """A dataset's name as a table reference: its last three dotted parts."""
    _, name = ids.split_dataset_id(dataset_id)
    parts = name.split(".")
    parts = [None] * (3 - len(parts)) + parts[-3:] if len(parts) < 3 else parts[-3:]
    return TableRef(parts[0], parts[1], parts[2] or "")


def _key(ref: TableRef) -> tuple[str, ...]:
    return tuple(p.lower() for p in ref.parts())


class TableResolver:
    """`resolver(ref) -> (canonical ref, columns or None)`, as `analyze` takes it."""

    def __init__(self, candidates: Candidates, *,
                 known: Mapping[str, Sequence[str]] | None = None,
                 store: GraphStore | None = None, read: Reader | None = None):
        self.candidates = candidates
        self.known: dict[str, list[str]] = {k: list(v) for k, v in (known or {}).items() if v}
        self.read = read or (store.query if store is not None else None)
        self.looked_up: set[str] = set()
        self.datasets: dict[tuple[str, ...], str] = {}

    def prefetch(self, refs: Iterable[TableRef]) -> None:
        """Read from the graph, in one query, the columns of every candidate not held."""
        wanted = {c for r in refs for c in self.candidates(r)} - self.looked_up - set(self.known)
        if not wanted or self.read is None:
            return
        self.looked_up |= wanted
        self.known.update(gsql.dataset_columns(self.read, wanted))

    def __call__(self, ref: TableRef) -> tuple[TableRef, list[str] | None]:
        found = self.candidates(ref)
        if not found:
            return ref, None
        self.prefetch([ref])
        chosen = next((c for c in found if c in self.known), found[0])
        canon = ref_of(chosen)
        self.datasets[_key(canon)] = chosen
        return canon, self.known.get(chosen)

    def dataset(self, ref: TableRef) -> str | None:
        """The dataset id a canonical ref came from (None: not resolved by this resolver)."""
        return self.datasets.get(_key(ref))

    def columns(self, dataset_id: str) -> list[str] | None:
        return self.known.get(dataset_id)
