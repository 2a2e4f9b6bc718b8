"""What a column is to the expression it sits in (an OpenLineage transformation: identity,
aggregation, masking, a CASE condition, a window's partition or order, ...), and the
expression helpers the tracer (trace.py) walks a statement with."""

from __future__ import annotations

import re
from collections.abc import Iterator

from sqlglot import exp

from ingestors.sql.model import (
    AGGREGATION,
    CONDITIONAL,
    COPY,
    DIRECT,
    FILTER,
    GROUP_BY,
    INDIRECT,
    SORT,
    TRANSFORMATION,
    WINDOW,
    TableRef,
    Transformation,
)

MASKING = re.compile(
    r"^(md5.*|sha\d*.*|hash(bytes|_md5|_sha\d*)?|farm_fingerprint|crc32|xxhash\d*|murmur.*|"
    r"mask.*|.*_mask|redact.*|anonymi[sz]e.*|pseudonymi[sz]e.*|tokeni[sz]e|encrypt.*|"
    r"aes_encrypt|pgp_.*encrypt|digest|hmac.*|crypt|keyed_hash|standard_hash|ora_hash|"
    r"blake\d.*|cityhash\d*|siphash.*|obfuscate.*)$")
# window value functions: they copy a value from another row, they do not aggregate
VALUE_WINDOW = (exp.Lag, exp.Lead, exp.FirstValue, exp.LastValue, exp.NthValue)
PSEUDO_COLUMNS = frozenset({"rownum", "rowid", "ora_rowscn"})  # Oracle's, not a table's
CLAUSES = (("where", FILTER), ("having", FILTER), ("qualify", FILTER), ("group", GROUP_BY),
           ("order", SORT), ("sort", SORT), ("cluster", SORT), ("prewhere", FILTER),
           ("connect", FILTER))


def fnames(node: exp.Expression) -> list[str]:
    """The names a function goes by: as written when sqlglot does not know it, else its
    class's key and SQL names (SHA2Digest: sha2digest)."""
    if isinstance(node, exp.Anonymous):
        return [str(node.this).lower()]
    return [node.key.lower(), *(n.lower() for n in getattr(type(node), "_sql_names", []))]


def masks(node: exp.Expression) -> bool:
    return isinstance(node, exp.Func) and any(MASKING.match(n) for n in fnames(node))


def _decode_key(node: exp.Expression, child: exp.Expression) -> bool:
    """DECODE(operand, search, result, ..., default): operand and searches decide."""
    args = node.expressions
    i = next((k for k, a in enumerate(args) if a is child), -1)
    return i == 0 or (i % 2 == 1 and i + 1 < len(args))


def _multiif_condition(node: exp.Expression, child: exp.Expression) -> bool:
    """ClickHouse multiIf(cond, then, cond, then, ..., else): the conditions decide."""
    args = node.expressions
    i = next((k for k, a in enumerate(args) if a is child), -1)
    return i % 2 == 0 and i + 1 < len(args)


def role(col: exp.Expression, root: exp.Expression) -> Transformation:
    """How the value of projection `root` depends on column `col` inside it."""
    aggregate = masking = False
    child, node = col, col.parent
    while node is not None and child is not root:
        if isinstance(node, exp.Window) and (
                child is node.args.get("order") or child in (node.args.get("partition_by") or [])):
            return Transformation(INDIRECT, WINDOW)
        if isinstance(node, exp.Filter) and child is node.expression:  # agg FILTER (WHERE)
            return Transformation(INDIRECT, FILTER)
        if isinstance(node, exp.If) and child is node.this:
            return Transformation(INDIRECT, CONDITIONAL)
        if isinstance(node, exp.Case) and child is node.this:
            return Transformation(INDIRECT, CONDITIONAL)
        if isinstance(node, exp.DecodeCase) and _decode_key(node, child):
            return Transformation(INDIRECT, CONDITIONAL)
        if isinstance(node, exp.Anonymous) and str(node.this).lower() == "multiif" and \
                _multiif_condition(node, child):
            return Transformation(INDIRECT, CONDITIONAL)
        if isinstance(node, exp.AggFunc) and not isinstance(node, VALUE_WINDOW):
            aggregate = True
        masking = masking or masks(node)
        child, node = node, node.parent
    if aggregate:
        return Transformation(DIRECT, AGGREGATION, masking)
    unwrapped = root.unalias() if isinstance(root, exp.Alias) else root
    while isinstance(unwrapped, exp.Paren):
        unwrapped = unwrapped.this
    if unwrapped is col:
        return COPY
    return Transformation(DIRECT, TRANSFORMATION, masking)


def own_columns(node: exp.Expression, select: exp.Expression) -> Iterator[exp.Column]:
    """Columns of `node` that belong to `select` itself, not to a nested query."""
    for col in node.find_all(exp.Column):
        if col.find_ancestor(exp.Select, exp.SetOperation) is select:
            yield col


def nested_queries(node: exp.Expression, select: exp.Expression) -> Iterator[exp.Expression]:
    """Queries nested directly in `node` (scalar subqueries, IN/EXISTS subqueries)."""
    for q in node.find_all(exp.Select, exp.SetOperation):
        if q is not select and q.parent is not None and \
                q.parent.find_ancestor(exp.Select, exp.SetOperation) is select and \
                not isinstance(q.parent.parent, exp.SetOperation):
            yield q


def table_ref(table: exp.Table) -> TableRef:
    return TableRef(table.catalog or None, table.db or None, table.name)
