"""One statement's lineage: parse, resolve tables and their columns, qualify, trace.

Tables are resolved before qualification (`resolve(ref) -> (canonical ref, columns)`), so
`*` expands from known schemas and unqualified columns find their table; the canonical
names are written back into the tree, so every input comes out named as the catalog names it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence

import sqlglot
from sqlglot import exp
from sqlglot.errors import SqlglotError
from sqlglot.optimizer.normalize_identifiers import normalize_identifiers
from sqlglot.optimizer.qualify import qualify
from sqlglot.optimizer.scope import build_scope
from sqlglot.schema import MappingSchema

from graph.errors import GraphError
from ingestors.sql import fallback
from ingestors.sql.model import Deps, Lineage, SqlParseError, TableRef, merge
from ingestors.sql.statements import Query, Statement, classify
from ingestors.sql.trace import Tracer, table_ref

log = logging.getLogger(__name__)
Resolver = Callable[[TableRef], tuple[TableRef, Sequence[str] | None]]


def _key(ref: TableRef) -> tuple[str, ...]:
    return tuple(p.lower() for p in ref.parts())


_NAME = r'(?:"[^"]+"|`[^`]+`|\[[^\]]+\]|[\w$#@]+)'
# CREATE ... VIEW|TABLE name [(columns)] <options sqlglot may not know> AS <query>
_CREATE = re.compile(
    rf"^\s*CREATE\s+(?:OR\s+REPLACE\s+)?(?P<kind>(?:MATERIALIZED\s+)?VIEW|TABLE)\s+"
    rf"(?:IF\s+NOT\s+EXISTS\s+)?(?P<name>{_NAME}(?:\s*\.\s*{_NAME})*)\s*"
    rf"(?P<cols>\([^()]*\))?.*?\bAS\s*(?P<query>(?:\(|SELECT\b|WITH\b).*)$",
    re.IGNORECASE | re.DOTALL)
_WITH_DATA = re.compile(r"\s+WITH\s+(?:NO\s+)?DATA\s*;?\s*$", re.IGNORECASE)


def _salvage(sql: str, dialect: str | None) -> list[exp.Expression] | None:
    """A CREATE VIEW / TABLE AS whose options sqlglot cannot read (Oracle's REFRESH or
    storage clauses, T-SQL's view attributes, PostgreSQL's WITH NO DATA), read without them."""
    m = _CREATE.match(_WITH_DATA.sub("", sql.strip().rstrip(";")))
    if m is None:
        return None
    cols = m["cols"] if m["cols"] and m["kind"].upper().endswith("VIEW") else ""
    text = f"CREATE {m['kind']} {m['name']} {cols or ''} AS {m['query']}"
    try:
        found = [s for s in sqlglot.parse(text, read=dialect) if s is not None]
    except SqlglotError:
        return None
    return found if found and not any(isinstance(s, exp.Command) for s in found) else None


def _split_inserts(stmts: list[exp.Expression]) -> list[exp.Expression]:
    """Hive's `FROM src INSERT ... SELECT ... [INSERT ... SELECT ...]` as one INSERT each,
    every SELECT reading the shared FROM."""
    out: list[exp.Expression] = []
    for stmt in stmts:
        source = stmt.args.get("source") if isinstance(stmt, exp.MultitableInserts) else None
        inserts = stmt.expressions if source is not None else []
        if not inserts or not all(isinstance(i, exp.Insert) and isinstance(
                i.expression, exp.Select) and i.expression.args.get("from_") is None
                for i in inserts):
            out.append(stmt)
            continue
        for insert in inserts:
            one = insert.copy()
            one.expression.set("from_", exp.From(this=source.copy()))
            out.append(one)
    return out


def parse(sql: str, dialect: str | None) -> list[exp.Expression]:
    """The statements of `sql`; SqlParseError names the dialect and the parser's message."""
    try:
        found = [s for s in sqlglot.parse(sql, read=dialect) if s is not None]
    except SqlglotError as exc:
        found = _salvage(sql, dialect) or []
        if not found:
            raise SqlParseError(
                f"{dialect or 'generic'}: {str(exc).splitlines()[0][:300]}") from exc
    if not found:
        raise SqlParseError("no statement")
    if all(isinstance(s, exp.Command) for s in found):  # sqlglot's "could not parse this"
        salvaged = _salvage(sql, dialect)
        if salvaged is None:
            raise SqlParseError(f"{dialect or 'generic'}: unsupported syntax near "
                                f"{found[-1].sql(dialect=dialect)[:80]!r}")
        return salvaged
    return _split_inserts(found)


class _Tables:
    """Tables named by a statement, resolved and rewritten to their canonical names."""

    def __init__(self, dialect: str | None, default_database: str | None,
                 default_schema: str | None, resolve: Resolver | None):
        self.dialect = dialect
        self.defaults = (default_database, default_schema)
        self.resolve = resolve
        self.columns: dict[tuple[str, ...], list[str]] = {}
        self.canonical: dict[tuple[str, ...], TableRef] = {}

    def named(self, table: exp.Table) -> TableRef:
        ref = table_ref(table)
        database, schema = self.defaults
        if ref.schema is None and schema:
            ref = TableRef(ref.database or database, schema, ref.name)
        elif ref.database is None and ref.schema is not None and database:
            ref = TableRef(database, ref.schema, ref.name)
        return ref

    def rewrite(self, stmt: exp.Expression, ctes: set[str]) -> None:
        tables = [t for t in stmt.find_all(exp.Table) if isinstance(t.this, exp.Identifier)
                  and (t.db or t.name.lower() not in ctes)]
        prefetch = getattr(self.resolve, "prefetch", None)
        if prefetch is not None:  # one read of the graph for all of them
            prefetch([self.named(t) for t in tables])
        for table in tables:
            canon, cols = self._lookup(self.named(table))
            for arg, part in (("catalog", canon.database), ("db", canon.schema),
                              ("this", canon.name)):
                table.set(arg, exp.to_identifier(part) if part else None)
            if cols:
                self.columns[_key(canon)] = list(cols)

    def _lookup(self, ref: TableRef) -> tuple[TableRef, Sequence[str] | None]:
        if _key(ref) in self.canonical:
            canon = self.canonical[_key(ref)]
            return canon, self.columns.get(_key(canon))
        canon, cols = (self.resolve(ref) if self.resolve else (ref, None))
        self.canonical[_key(ref)] = canon
        self.canonical[_key(canon)] = canon
        return canon, cols

    def schema(self) -> MappingSchema | None:
        if not self.columns:
            return None
        depth = max(len(k) for k in self.columns)
        mapping: dict = {}
        for key, cols in self.columns.items():
            if len(key) != depth:
                continue
            node = mapping
            for part in key[:-1]:
                node = node.setdefault(part, {})
            node[key[-1]] = {c: "UNKNOWN" for c in cols}
        try:
            return MappingSchema(mapping, dialect=self.dialect)
        except SqlglotError as exc:
            log.debug("schema rejected: %s", exc)
            return None

    def ref(self, table: exp.Table) -> TableRef:
        ref = table_ref(table)
        return self.canonical.get(_key(ref), ref)

    def columns_of(self, ref: TableRef) -> list[str] | None:
        return self.columns.get(_key(ref))


def analyze_all(sql: str, dialect: str | None = None, *,
                default_database: str | None = None, default_schema: str | None = None,
                resolve: Resolver | None = None,
                output_columns: Sequence[str] | None = None) -> list[Lineage]:
    """Lineage of every statement of `sql` that writes a table (a script, Hive's multi-table
    INSERT), or of its last statement when none does."""
    try:
        stmts = parse(sql, dialect)
    except SqlParseError:
        return [analyze(sql, dialect, default_database=default_database,
                        default_schema=default_schema, resolve=resolve,
                        output_columns=output_columns)]
    writing = [s for s in stmts if classify(s).target is not None] or stmts[-1:]
    if len(writing) == 1:
        return [analyze(sql, dialect, default_database=default_database,
                        default_schema=default_schema, resolve=resolve,
                        output_columns=output_columns)]
    return [_analyze_one(s, dialect, default_database, default_schema, resolve, None)
            for s in writing]


def _analyze_one(stmt: exp.Expression, dialect: str | None, default_database: str | None,
                 default_schema: str | None, resolve: Resolver | None,
                 output_columns: Sequence[str] | None, fresh: bool = True) -> Lineage:
    try:
        return analyze_statement(stmt, dialect, default_database=default_database,
                                 default_schema=default_schema, resolve=resolve,
                                 output_columns=output_columns, fresh=fresh)
    except (SqlParseError, GraphError):  # the graph's own errors are not the SQL's
        raise
    except (SqlglotError, RecursionError, ValueError, KeyError, AttributeError,
            TypeError) as exc:  # a construct the tracer does not handle: say so, per job
        log.debug("lineage of a parsed statement failed", exc_info=True)
        raise SqlParseError(f"{dialect or 'generic'}: could not trace "
                            f"({type(exc).__name__}: {str(exc)[:200]})") from exc


def analyze(sql: str | exp.Expression, dialect: str | None = None, *,
            default_database: str | None = None, default_schema: str | None = None,
            resolve: Resolver | None = None,
            output_columns: Sequence[str] | None = None) -> Lineage:
    """Lineage of the one statement in `sql` that writes (or of its SELECT).

    `resolve` maps a table as named (with the defaults applied) to the catalog's name for it
    and its columns (None when unknown). `output_columns`, in order, names the output's
    columns when the SQL does not (a view's columns, an event's output schema)."""
    try:
        stmts = parse(sql, dialect) if isinstance(sql, str) else [sql]
    except SqlParseError as exc:
        found = fallback.analyze(sql, dialect, resolve) if isinstance(sql, str) else None
        if found is None:
            raise
        found.warnings.insert(0, f"sqlglot: {exc}")
        return found
    stmt = next((s for s in reversed(stmts) if classify(s).target is not None), stmts[-1])
    lineage = _analyze_one(stmt, dialect, default_database, default_schema, resolve,
                           output_columns, fresh=isinstance(sql, str))
    if not lineage.columns and not lineage.inputs and isinstance(sql, str):
        # an opaque command to sqlglot (COPY INTO, CLONE, ...): openlineage-sql may know it
        found = fallback.analyze(sql, dialect, resolve)
        if found is not None:
            return found
    return lineage


def analyze_statement(stmt: exp.Expression, dialect: str | None, *,
                      default_database: str | None = None, default_schema: str | None = None,
                      resolve: Resolver | None = None,
                      output_columns: Sequence[str] | None = None,
                      fresh: bool = False) -> Lineage:
    """Lineage of one parsed statement; `fresh`: the tree is ours to change (else copied)."""
    stmt = normalize_identifiers(stmt if fresh else stmt.copy(), dialect=dialect)
    ctes = {c.alias.lower() for c in stmt.find_all(exp.CTE) if c.alias}
    tables = _Tables(dialect, default_database, default_schema, resolve)
    try:
        tables.rewrite(stmt, ctes)
        shape = classify(stmt)
    except SqlglotError as exc:
        raise SqlParseError(f"{dialect or 'generic'}: {exc}") from exc
    output = tables.ref(shape.target) if shape.target is not None else None
    lineage = Lineage(kind=shape.kind, output=output)
    inputs: dict[TableRef, None] = {}
    target_cols = tables.columns_of(output) if output is not None else None
    for n, query in enumerate(shape.queries):
        names = query.columns or (list(output_columns) if output_columns else None) or (
            _with_partition(target_cols, query.partition) if shape.kind == "INSERT" else None)
        _trace(query, shape, tables, lineage, inputs, dialect,
               None if query.by_name else names, first_query=n == 0)
    lineage.inputs = [t for t in inputs if output is None or _key(t) != _key(output)
                      or shape.kind in ("UPDATE", "MERGE")]
    if output is not None and shape.kind in ("UPDATE", "MERGE"):
        lineage.inputs = [t for t in lineage.inputs if _key(t) != _key(output)]
    return lineage


def _with_partition(columns: list[str] | None, partition: list[str]) -> list[str] | None:
    """A Hive table's columns, then its dynamic partition columns (the select's last)."""
    if columns is None:
        return None
    known = {c.lower() for c in columns}
    return columns + [p for p in partition if p.lower() not in known]


def _expand_columns(select: exp.Expression, tables: _Tables) -> None:
    """DuckDB's COLUMNS('regex') over one known table: the matching columns."""
    if not isinstance(select, exp.Select) or not any(
            isinstance(p, exp.Columns) for p in select.selects):
        return
    from_ = select.args.get("from_")
    source = from_.this if from_ is not None else None
    if not isinstance(source, exp.Table) or select.args.get("joins"):
        return
    cols = tables.columns_of(tables.ref(source)) or []
    out: list[exp.Expression] = []
    for p in select.selects:
        pattern = p.this if isinstance(p, exp.Columns) else None
        if isinstance(pattern, exp.Literal) and pattern.is_string:
            try:
                rx = re.compile(pattern.this)
            except re.error:
                return
            out += [exp.column(c) for c in cols if rx.search(c)]
        else:
            out.append(p)
    select.set("expressions", out)


def _qualify(select: exp.Expression, tables: _Tables, dialect: str | None,
             lineage: Lineage) -> exp.Expression:
    _expand_columns(select, tables)
    schema = tables.schema()
    for i, attempt in enumerate(((schema, True), (None, True), (None, False))):
        try:  # the first attempt works in place (the tree is a copy already)
            return qualify(select if i == 0 else select.copy(), dialect=dialect,
                           schema=attempt[0],
                           expand_stars=attempt[1], validate_qualify_columns=False,
                           quote_identifiers=False, identify=False)
        except SqlglotError as exc:
            lineage.warnings.append(f"qualify: {exc}")
            lineage.confidence = min(lineage.confidence, 0.7)
    return select


def _trace(query: Query, shape: Statement, tables: _Tables, lineage: Lineage,
           inputs: dict[TableRef, None], dialect: str | None,
           names: list[str] | None, first_query: bool = True) -> None:
    qualified = _qualify(query.select, tables, dialect, lineage)
    root = build_scope(qualified)
    if root is None:
        lineage.warnings.append("no query scope")
        lineage.confidence = min(lineage.confidence, 0.5)
        return
    for scope in root.traverse():
        for src in scope.sources.values():
            if isinstance(src, exp.Table) and isinstance(src.this, exp.Identifier) and \
                    src.name.lower() not in {c.lower() for c in scope.cte_sources}:
                inputs[tables.ref(src)] = None
    tracer = Tracer(root)
    indirect = tracer.indirect(root)
    if first_query:
        lineage.table_deps = merge({}, indirect)
    else:  # MERGE's WHEN clauses: what they all share
        lineage.table_deps = {k: ts & indirect.get(k, set())
                              for k, ts in lineage.table_deps.items()
                              if ts & indirect.get(k, set())}
    first = qualified
    while isinstance(first, exp.SetOperation):
        first = first.left
    selects = first.selects if isinstance(first, exp.Select) else []
    stars = any(isinstance(p, exp.Star) or (isinstance(p, exp.Column)
                                           and isinstance(p.this, exp.Star)) for p in selects)
    positional = names is not None and not stars and len(names) == len(selects)
    out: dict[str, Deps] = {}
    if positional or not stars:
        for i, proj in enumerate(selects):
            name = names[i] if positional and names else proj.alias_or_name
            merge(out.setdefault(name, {}), tracer.by_index(root, i))
    if stars and names:  # `*` we could not expand: follow the output's own column names
        for name in names:
            if name not in out:
                deps = tracer.by_name(root, name)
                if deps:
                    out[name] = merge({}, deps)  # the tracer's cache is read-only
    if stars and not names:
        lineage.confidence = min(lineage.confidence, 0.8)
        lineage.warnings.append("`*` over a table whose columns are unknown")
    if shape.kind == "SELECT" and not names:
        pass
    for name, deps in out.items():
        merge(deps, indirect)
        merge(lineage.columns.setdefault(name, {}), deps)
    if tracer.guessed:
        lineage.confidence = min(lineage.confidence, 0.8)
    if tracer.unresolved:
        lineage.confidence = min(lineage.confidence, 0.7)
        lineage.warnings.append("unresolved columns: " + ", ".join(tracer.unresolved[:5]))
