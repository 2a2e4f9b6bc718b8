"""Each kind of statement as queries to trace: what it writes, into which columns, from what.

CREATE VIEW / MATERIALIZED VIEW / TABLE AS, INSERT ... SELECT and SELECT ... INTO carry
their query; UPDATE and MERGE are rewritten as SELECTs over their target and sources (one
per WHEN clause), so one tracer serves them all.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlglot import exp


@dataclass
class Query:
    select: exp.Expression                 # a Select or a set operation
    columns: list[str] | None = None       # target columns by position, when the SQL says
    by_name: bool = False                  # INSERT ... BY NAME: outputs match by name
    partition: list[str] = field(default_factory=list)  # Hive's dynamic partition columns,
    #                                                     last in the select list


@dataclass
class Statement:
    kind: str
    target: exp.Table | None = None
    queries: list[Query] = field(default_factory=list)


def _unwrap(node: exp.Expression | None) -> exp.Expression | None:
    while isinstance(node, exp.Subquery) and not node.alias:
        node = node.this
    return node


def _target(node: exp.Expression) -> tuple[exp.Table | None, list[str] | None]:
    if isinstance(node, exp.Schema):
        cols = [c.name for c in node.expressions if isinstance(c, exp.Identifier | exp.Column)]
        cols += [c.name for c in node.expressions if isinstance(c, exp.ColumnDef)]
        table = node.this if isinstance(node.this, exp.Table) else None
        return table, cols or None
    return (node if isinstance(node, exp.Table) else None), None


def _with(stmt: exp.Expression, query: exp.Expression) -> exp.Expression:
    """A statement-level WITH (`WITH x AS (...) INSERT ...`) moved onto its query."""
    with_ = stmt.args.get("with_") or stmt.args.get("with")
    if with_ is not None and isinstance(query, exp.Select | exp.SetOperation) and not (
            query.args.get("with_") or query.args.get("with")):
        query = query.copy()
        query.set("with_" if "with_" in type(query).arg_types else "with", with_.copy())
    return query


def classify(stmt: exp.Expression) -> Statement:
    if isinstance(stmt, exp.Create):
        kind = str(stmt.args.get("kind") or "").upper()
        props = stmt.args.get("properties")
        materialized = props is not None and props.find(exp.MaterializedProperty) is not None
        query = _unwrap(stmt.expression)
        table, cols = _target(stmt.this)
        name = ("CREATE_MATERIALIZED_VIEW" if materialized else "CREATE_VIEW") \
            if kind == "VIEW" else "CTAS" if kind == "TABLE" else f"CREATE_{kind}"
        if not isinstance(query, exp.Select | exp.SetOperation):
            return Statement("DDL" if query is None else name, table)
        return Statement(name, table, [Query(_with(stmt, query), cols)])
    if isinstance(stmt, exp.Insert):
        table, cols = _target(stmt.this)
        query = _unwrap(stmt.expression)
        if not isinstance(query, exp.Select | exp.SetOperation):
            return Statement("INSERT_VALUES", table)
        part = table.args.get("partition") if table is not None else None
        dynamic = [c.name for c in (part.expressions if part is not None else [])
                   if isinstance(c, exp.Column)]
        return Statement("INSERT", table, [Query(_with(stmt, query), cols,
                                                 by_name=bool(stmt.args.get("by_name")),
                                                 partition=dynamic)])
    if isinstance(stmt, exp.Select) and stmt.args.get("into") is not None:
        query = stmt.copy()
        into = query.args["into"]
        query.set("into", None)
        return Statement("SELECT_INTO", into.this if isinstance(into.this, exp.Table) else None,
                         [Query(query)])
    if isinstance(stmt, exp.Select | exp.SetOperation):
        return Statement("SELECT", None, [Query(stmt)])
    if isinstance(stmt, exp.Update):
        return _update(stmt)
    if isinstance(stmt, exp.Merge):
        return _merge(stmt)
    return Statement(stmt.key.upper())


def _same(a: exp.Table, b: exp.Expression) -> bool:
    return isinstance(b, exp.Table) and (
        (a.alias_or_name.lower() == b.alias_or_name.lower()) or (
            a.name.lower() == b.name.lower() and not b.alias))


def _update(stmt: exp.Update) -> Statement:
    target = stmt.this
    joins = []
    if isinstance(target, exp.Table) and target.args.get("joins"):  # MySQL UPDATE a JOIN b
        joins = [j.copy() for j in target.args["joins"]]
        target = target.copy()
        target.set("joins", None)
    names, values = [], []
    for eq in stmt.expressions:
        if isinstance(eq, exp.EQ) and isinstance(eq.this, exp.Column):
            names.append(eq.this.name)
            values.append(exp.alias_(eq.expression.copy(), eq.this.name))
    if not values:
        return Statement("UPDATE", target if isinstance(target, exp.Table) else None)
    select = exp.Select(expressions=values)
    from_ = stmt.args.get("from_") or stmt.args.get("from")
    if from_ is not None and any(_same(target, t) for t in from_.find_all(exp.Table)):
        select.set("from_", from_.copy())
    else:
        select = select.from_(target.copy())
        if from_ is not None:
            select = select.join(from_.this.copy(), join_type="cross")
    for j in joins + [j.copy() for j in stmt.args.get("joins") or []]:
        select.append("joins", j)
    if stmt.args.get("where") is not None:
        select.set("where", stmt.args["where"].copy())
    table = target if isinstance(target, exp.Table) else None
    if from_ is not None and table is not None and table.alias and not table.db:
        # T-SQL: UPDATE alias SET ... FROM real_table alias
        real = [t for t in from_.find_all(exp.Table) if t.alias == table.name]
        if real:
            table = real[0]
    return Statement("UPDATE", table, [Query(select, names)])


def _merge(stmt: exp.Merge) -> Statement:
    target, using, on = stmt.this, stmt.args.get("using"), stmt.args.get("on")
    whens = stmt.args.get("whens")
    queries = []
    for when in (whens.expressions if whens is not None else []):
        then = when.args.get("then")
        names: list[str] = []
        values: list[exp.Expression] = []
        if isinstance(then, exp.Update):
            for eq in then.expressions:
                if isinstance(eq, exp.EQ) and isinstance(eq.this, exp.Column):
                    names.append(eq.this.name)
                    values.append(eq.expression)
        elif isinstance(then, exp.Insert) and isinstance(then.expression, exp.Tuple):
            cols = then.this.expressions if isinstance(then.this, exp.Tuple) else []
            names = [c.name for c in cols]
            values = list(then.expression.expressions)
        if not values or len(names) != len(values):
            continue
        select = exp.Select(expressions=[exp.alias_(v.copy(), n) for n, v in zip(
            names, values, strict=True)]).from_(target.copy())
        select = select.join(using.copy(), on=on.copy() if on is not None else None,
                             join_type="left" if when.args.get("matched") else "right")
        if when.args.get("condition") is not None:
            select = select.where(when.args["condition"].copy())
        queries.append(Query(select, names))
    return Statement("MERGE", target if isinstance(target, exp.Table) else None, queries)
