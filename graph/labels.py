"""Labels and relationship types: the only strings ever interpolated into Cypher.

Each label owns an id prefix, so the label of any id can be told from the id itself
and a malformed id is refused before a query runs.
"""

from __future__ import annotations

from enum import StrEnum

from graph.errors import InvalidInput


class Label(StrEnum):
    DOMAIN = "Domain"
    DATA_PRODUCT = "DataProduct"
    DATASET = "Dataset"
    COLUMN = "Column"
    JOB = "Job"
    RUN = "Run"
    OWNER = "Owner"
    TAG = "Tag"
    CLASSIFICATION = "Classification"

    @property
    def prefix(self) -> str:
        return _PREFIX[self]


_PREFIX: dict[Label, str] = {
    Label.DOMAIN: "domain:",
    Label.DATA_PRODUCT: "product:",
    Label.DATASET: "dataset:",
    Label.COLUMN: "dataset:",  # a column id is "<dataset id>#<field path>"
    Label.JOB: "job:",
    Label.RUN: "run:",
    Label.OWNER: "owner:",
    Label.TAG: "tag:",
    Label.CLASSIFICATION: "classification:",
}


class Rel(StrEnum):
    HAS_PRODUCT = "HAS_PRODUCT"
    CONTAINS = "CONTAINS"
    HAS_COLUMN = "HAS_COLUMN"
    READS = "READS"
    WRITES = "WRITES"
    FEEDS = "FEEDS"
    DERIVES_FROM = "DERIVES_FROM"
    REFERENCES = "REFERENCES"
    OF_JOB = "OF_JOB"
    PARENT = "PARENT"
    CLASSIFIED_AS = "CLASSIFIED_AS"
    TAGGED = "TAGGED"
    OWNED_BY = "OWNED_BY"
    SAME_AS = "SAME_AS"

    @property
    def endpoints(self) -> tuple[frozenset[Label], frozenset[Label]]:
        """Labels allowed at the start and the end of this relationship."""
        return _ENDPOINTS[self]

    @property
    def merge_from_end(self) -> bool:
        """Upserts anchor the MERGE at the end node (the start is usually the hub)."""
        return self in _MERGE_FROM_END


_ANY = frozenset(Label)
_ENDPOINTS: dict[Rel, tuple[frozenset[Label], frozenset[Label]]] = {
    Rel.HAS_PRODUCT: (frozenset({Label.DOMAIN}), frozenset({Label.DATA_PRODUCT})),
    Rel.CONTAINS: (frozenset({Label.DATA_PRODUCT}), frozenset({Label.DATASET})),
    Rel.HAS_COLUMN: (frozenset({Label.DATASET}), frozenset({Label.COLUMN})),
    Rel.READS: (frozenset({Label.JOB}), frozenset({Label.DATASET})),
    Rel.WRITES: (frozenset({Label.JOB}), frozenset({Label.DATASET})),
    Rel.FEEDS: (frozenset({Label.DATASET}), frozenset({Label.DATASET})),
    # column -> column; dataset-level dependencies (OpenLineage columnLineage `dataset`)
    # run from the output dataset to the input column
    Rel.DERIVES_FROM: (frozenset({Label.COLUMN, Label.DATASET}), frozenset({Label.COLUMN})),
    Rel.REFERENCES: (frozenset({Label.COLUMN}), frozenset({Label.COLUMN})),
    Rel.OF_JOB: (frozenset({Label.RUN}), frozenset({Label.JOB})),
    Rel.PARENT: (frozenset({Label.RUN}), frozenset({Label.RUN})),
    Rel.CLASSIFIED_AS: (frozenset({Label.COLUMN, Label.DATASET}),
                        frozenset({Label.CLASSIFICATION})),
    Rel.TAGGED: (_ANY - {Label.TAG}, frozenset({Label.TAG})),
    Rel.OWNED_BY: (_ANY - {Label.OWNER}, frozenset({Label.OWNER})),
    Rel.SAME_AS: (frozenset({Label.DATASET}), frozenset({Label.DATASET})),
}

# ArcadeDB's MERGE walks the edges of the node its pattern starts from: measured 2.5-3.5 ms
# per row from a product holding 1,500-4,500 datasets, 0.1 ms from the dataset's side.
# These relationships start at the side with many edges and end at a side with one or few.
_MERGE_FROM_END = frozenset({Rel.HAS_PRODUCT, Rel.CONTAINS, Rel.HAS_COLUMN, Rel.WRITES,
                             Rel.FEEDS})


class Direction(StrEnum):
    OUT = "OUT"
    IN = "IN"


COLUMN_SEP = "#"  # a column id is its dataset's id, COLUMN_SEP, its path (identity.ids)


def split_column_id(node_id: str) -> tuple[str, str]:
    """(dataset id, path) of a column id. The path is "" for an id without COLUMN_SEP (a
    dataset's), so a loop over many ids can split them without label_of first."""
    dataset, _, path = node_id.partition(COLUMN_SEP)
    return dataset, path


def label_of(node_id: str) -> Label:
    """The label an id belongs to, from its prefix; raises InvalidInput when malformed."""
    if not isinstance(node_id, str) or not node_id:
        raise InvalidInput("id", f"expected a non-empty string id, got {node_id!r}")
    if node_id.startswith("dataset:"):
        rest = node_id[len("dataset:"):]
        if COLUMN_SEP in rest:
            ds, path = split_column_id(rest)
            if not ds or not path:
                raise InvalidInput("id", f"malformed column id {node_id!r}")
            return Label.COLUMN
        if not rest or ":" not in rest:
            raise InvalidInput(
                "id", f"malformed dataset id {node_id!r}: expected dataset:<namespace>:<name>")
        return Label.DATASET
    for label, prefix in _PREFIX.items():
        if label in (Label.DATASET, Label.COLUMN):
            continue
        if node_id.startswith(prefix):
            if len(node_id) == len(prefix):
                raise InvalidInput("id", f"malformed id {node_id!r}: nothing after {prefix!r}")
            return label
    raise InvalidInput(
        "id", f"malformed id {node_id!r}: unknown prefix (expected one of "
        f"{sorted(set(_PREFIX.values()))})")


# how an id of these labels reads, for errors that say what was expected
_ID_FORMS: dict[Label, tuple[str, str]] = {
    Label.DATA_PRODUCT: ("data product", "product:<domain>/<name>"),
    Label.DATASET: ("dataset", "dataset:<namespace>:<name>"),
    Label.DOMAIN: ("domain", "domain:<name>"),
}


def require_id(value: str, label: Label, path: str) -> str:
    """`value` when it is an id of `label`; else InvalidInput naming `path`."""
    try:
        ok = label_of(value) is label
    except InvalidInput:
        ok = False
    if not ok:
        noun, form = _ID_FORMS.get(label, (label.value, f"{_PREFIX[label]}..."))
        raise InvalidInput(path, f"{value!r} is not a {noun} id ({form})")
    return value


def parse_label(value: str) -> Label:
    """Look a label up by name; unknown names are refused with InvalidInput."""
    try:
        return Label(value)
    except ValueError:
        raise InvalidInput("label", f"unknown label {value!r}; known: "
                           f"{', '.join(label.value for label in Label)}") from None


def parse_rel(value: str) -> Rel:
    try:
        return Rel(value)
    except ValueError:
        raise InvalidInput("relationship", f"unknown relationship type {value!r}") from None
