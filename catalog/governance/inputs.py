"""Which subject kinds a committed write can change the views of, so that the watcher
re-evaluates only those (catalog/governance/facts.py says what each view reads).

Conservative: a kind is left out only when the write touched nothing its views read. Only
columns are told apart: they are most subjects (ten or more per dataset), and an
OpenLineage stream of known schemas writes runs, jobs and lineage, never what a column's
view reads (its node, its dataset's product and domain, its classifications)."""

from __future__ import annotations

from catalog.governance.view import SUBJECT_KINDS
from graph import Label, Rel
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
