"""Which subject kinds a committed write can change the views of, so that the watcher
re-evaluates only those (catalog/governance/facts.py says what each view reads).

Conservative: a kind is left out only when the write touched nothing its views read. Only
columns are told apart: they are most subjects (ten or more per dataset), and an
OpenLineage stream of known schemas writes runs, jobs and lineage, never what a column's
view reads (its node, its dataset's product and domain, its classifications). A write that
touches columns mostly touches a few datasets' (`column_datasets`): only theirs are
evaluated again (catalog/governance/tally.py)."""

from __future__ import annotations

from catalog.governance.view import SUBJECT_KINDS
from graph import Label, Rel
from graph.labels import split_column_id
from graph.tx import Changes

COLUMN = "column"
COLUMN_NODES = frozenset({Label.COLUMN, Label.CLASSIFICATION, Label.DOMAIN})
COLUMN_CLOSED = COLUMN_NODES | {Label.DATASET, Label.DATA_PRODUCT}
COLUMN_RELS = frozenset({Rel.HAS_COLUMN, Rel.CLASSIFIED_AS, Rel.CONTAINS, Rel.HAS_PRODUCT})
ALL = frozenset(SUBJECT_KINDS)


def _touched(groups: dict) -> set:
    return {k for k, rows in groups.items() if rows}


def changed_kinds(changes: Changes) -> frozenset[str]:
    """The subject kinds whose views `changes` may have changed (none for no change)."""
    if not changes:
        return frozenset()
    if _touched(changes.nodes) & COLUMN_NODES or _touched(changes.closed) & COLUMN_CLOSED \
            or (_touched(changes.edges) | _touched(changes.closed_edges)) & COLUMN_RELS:
        return ALL
    return ALL - {COLUMN}


# what changes the views of every column: a product moved between domains, a product
# closed, a classification's name or sensitivity
EVERY_COLUMN_NODES = frozenset({Label.CLASSIFICATION, Label.DOMAIN})
EVERY_COLUMN_CLOSED = EVERY_COLUMN_NODES | {Label.DATA_PRODUCT}
EVERY_COLUMN_RELS = frozenset({Rel.HAS_PRODUCT})


def column_datasets(changes: Changes) -> set[str] | None:
    """The datasets whose columns' views `changes` may have changed, or None for every
    column."""
    if _touched(changes.nodes) & EVERY_COLUMN_NODES \
            or _touched(changes.closed) & EVERY_COLUMN_CLOSED \
            or (_touched(changes.edges) | _touched(changes.closed_edges)) & EVERY_COLUMN_RELS:
        return None
    out = {split_column_id(r["id"])[0] for r in changes.nodes.get(Label.COLUMN, ())}
    out.update(split_column_id(c)[0] for c in changes.closed.get(Label.COLUMN, ()))
    out.update(changes.closed.get(Label.DATASET, ()))  # its columns lose their domain
    for edges in (changes.edges, changes.closed_edges):
        out.update(e["src"] for e in edges.get(Rel.HAS_COLUMN, ()))
        out.update(e["dst"] for e in edges.get(Rel.CONTAINS, ()))  # into or out of a product
        out.update(split_column_id(e["src"])[0] for e in edges.get(Rel.CLASSIFIED_AS, ()))
    return out
