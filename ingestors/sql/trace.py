"""Column dependencies through sqlglot scopes, with OpenLineage transformation types.

A projection's own columns are direct dependencies (identity when the projection is the
column, aggregation under an aggregate, transformation otherwise, masking under a hash or
masking function) unless they sit in a CASE condition (indirect/conditional) or a window's
PARTITION BY / ORDER BY (indirect/window). A select's joins, filters, grouping and sorting
are indirect dependencies of every column it outputs, and of every column read through it.
"""

from __future__ import annotations

from sqlglot import exp
from sqlglot.optimizer.scope import Scope

from ingestors.sql.model import (
    CONDITIONAL,
    COPY,
    DIRECT,
    GROUP_BY,
    INDIRECT,
    JOIN,
    SORT,
    TRANSFORMATION,
    Deps,
    Transformation,
    merge,
)
from ingestors.sql.roles import (
    CLAUSES,
    PSEUDO_COLUMNS,
    nested_queries,
    own_columns,
    role,
    table_ref,
)


def _projection_index(select: exp.Expression, name: str) -> int | None:
    want = name.lower()
    for i, p in enumerate(select.selects):
        if p.alias_or_name.lower() == want and not isinstance(p, exp.Star):
            return i
    return None


class Tracer:
    """Traces output columns of one qualified query; caches per scope."""

    def __init__(self, root: Scope):
        self.root = root
        self.unresolved: list[str] = []
        self.guessed = 0
        self._indirect: dict[int, Deps] = {}
        self._scopes: dict[int, Scope] = {}
        self._visiting: set[tuple[int, str]] = set()
        self._by_index: dict[tuple[int, int], Deps] = {}
        for s in root.traverse():
            self._scopes[id(s.expression)] = s

    # ---- direct lineage ----
    def output_names(self, scope: Scope | None = None) -> list[str]:
        scope = scope or self.root
        expr = scope.expression
        while isinstance(expr, exp.SetOperation):
            expr = expr.left
        return [p.alias_or_name for p in expr.selects if not isinstance(p, exp.Star)
                and not (isinstance(p, exp.Column) and isinstance(p.this, exp.Star))]

    def by_index(self, scope: Scope, index: int) -> Deps:
        """Direct (and projection-level indirect) dependencies of the index-th column
        (cached per scope: read, never change, what it returns)."""
        key = (id(scope), index)
        if key not in self._by_index:
            self._by_index[key] = self._index(scope, index)
        return self._by_index[key]

    def _index(self, scope: Scope, index: int) -> Deps:
        # a recursive CTE's reference to itself is a bare scope over its anchor: use the
        # traversed scope of the same expression
        scope = self._scopes.get(id(scope.expression), scope)
        if scope.set_operation_scopes:
            out: Deps = {}
            for branch in scope.set_operation_scopes:
                merge(out, self.by_index(branch, index))
            return out
        select = scope.expression
        if not isinstance(select, exp.Select) or index >= len(select.selects):
            return {}
        proj = select.selects[index]
        if isinstance(proj, exp.Star) or (isinstance(proj, exp.Column)
                                          and isinstance(proj.this, exp.Star)):
            return {}
        return self.expression_deps(scope, proj)

    def by_name(self, scope: Scope, name: str) -> Deps:
        """Dependencies of the column `name` a scope outputs, looking through `*`."""
        key = (id(scope), name.lower())
        if key in self._visiting:  # a recursive CTE reading itself
            return {}
        self._visiting.add(key)
        try:
            return self._by_name(scope, name)
        finally:
            self._visiting.discard(key)

    def _by_name(self, scope: Scope, name: str) -> Deps:
        first = scope.expression
        while isinstance(first, exp.SetOperation):
            first = first.left
        if isinstance(scope.expression, exp.Select | exp.SetOperation) and isinstance(
                first, exp.Select):
            index = _projection_index(first, name)
            if index is not None:
                return self.by_index(scope, index)
            return self._through_star(scope, first, name)
        if scope.scope_type.name == "UDTF":  # unnest / lateral: the table function's inputs
            sub = self._lateral_query(scope)
            return self.by_name(sub, name) if sub is not None else self._udtf(scope)
        return {}

    def _lateral_query(self, scope: Scope) -> Scope | None:
        """The subquery of `LATERAL (SELECT ...)`, whose scope sits under the UDTF's."""
        expr = scope.expression
        inner = expr.this if isinstance(expr, exp.Lateral) else None
        if isinstance(inner, exp.Subquery):
            inner = inner.this
        return self._scopes.get(id(inner)) if isinstance(
            inner, exp.Select | exp.SetOperation) else None

    def _through_star(self, scope: Scope, first: exp.Select, name: str) -> Deps:
        stars = [p for p in first.selects if isinstance(p, exp.Star) or (
            isinstance(p, exp.Column) and isinstance(p.this, exp.Star))]
        if not stars:
            return {}
        branch = scope.set_operation_scopes[0] if scope.set_operation_scopes else scope
        while branch.set_operation_scopes:
            branch = branch.set_operation_scopes[0]
        aliases = [p.table for p in stars if isinstance(p, exp.Column) and p.table] or \
            list(branch.selected_sources)
        found: Deps = {}
        for alias in aliases:
            src = branch.sources.get(alias)
            if isinstance(src, Scope):
                merge(found, self.by_name(src, name))
            elif isinstance(src, exp.Table) and len(aliases) == 1:
                self.guessed += 1  # a column of a table whose columns we do not know
                found[(table_ref(src), name)] = {COPY}
        return found

    def _udtf(self, scope: Scope) -> Deps:
        expr = scope.expression
        inner = expr.this if isinstance(expr, exp.Lateral) else expr
        if isinstance(inner, exp.Subquery | exp.Select):
            return {}
        out: Deps = {}
        parent = scope.parent or scope
        for col in inner.find_all(exp.Column):
            for key, ts in self.resolve(parent, col).items():
                out.setdefault(key, set()).update(
                    Transformation(DIRECT, TRANSFORMATION).then(t) for t in ts)
        return out

    def expression_deps(self, scope: Scope, node: exp.Expression,
                        outer: Transformation | None = None) -> Deps:
        """What an expression evaluated in `scope` depends on, with how."""
        select = scope.expression
        out: Deps = {}
        aliases = self._aliases(select) if outer is not None and outer.subtype == SORT else {}
        for col in own_columns(node, select):
            step = role(col, node)
            if outer is not None:
                step = outer.then(step)
            index = aliases.get(col.name.lower())
            found = self.by_index(scope, index) if index is not None else self.resolve(scope, col)
            for key, ts in found.items():
                out.setdefault(key, set()).update(step.then(t) for t in ts)
        for query in nested_queries(node, select):
            sub = self._scopes.get(id(query))
            if sub is None:
                continue
            anchor = query.parent if isinstance(query.parent, exp.Subquery) else query
            step = role(anchor, node)
            if outer is not None:
                step = outer.then(step)
            if isinstance(query.parent, exp.Subquery) and isinstance(
                    query.parent.parent, exp.Exists | exp.In) or isinstance(query.parent, exp.In):
                step = Transformation(INDIRECT, step.subtype if step.type == INDIRECT
                                      else CONDITIONAL)
            for i in range(len(self.output_names(sub)) or 1):
                for key, ts in self.by_index(sub, i).items():
                    out.setdefault(key, set()).update(step.then(t) for t in ts)
            for key, ts in self.indirect(sub).items():
                out.setdefault(key, set()).update(ts if step.type == DIRECT else
                                                  {step.then(t) for t in ts})
        return out

    @staticmethod
    def _aliases(select: exp.Expression) -> dict[str, int]:
        """ORDER BY names an output column before a source column: alias -> position."""
        if not isinstance(select, exp.Select):
            return {}
        return {p.alias.lower(): i for i, p in enumerate(select.selects)
                if isinstance(p, exp.Alias) and not (
                    isinstance(p.this, exp.Column) and p.this.name.lower() == p.alias.lower())}

    # ---- resolving a column to its source ----
    def resolve(self, scope: Scope, col: exp.Column) -> Deps:
        alias, name = col.table, col.name
        if not name or name.lower() in PSEUDO_COLUMNS:
            return {}
        if name.lower() == "level" and not alias:  # CONNECT BY's depth
            select = col.find_ancestor(exp.Select)
            if select is not None and select.args.get("connect") is not None:
                return {}
        src, where = self._source(scope, alias, name)
        if src is None:
            self.unresolved.append(col.sql())
            return {}
        if isinstance(src, Scope):
            return self.by_name(src, name)
        if isinstance(src, exp.Table):
            if not isinstance(src.this, exp.Identifier):  # a table function
                return self._table_function(where, src)
            cte = self._cte(where, src)
            if cte is not None:
                return self.by_name(cte, name)
            return {(table_ref(src), name): {COPY}}
        return {}

    @staticmethod
    def _cte(scope: Scope, table: exp.Table) -> Scope | None:
        """The CTE a table reference names (a recursive CTE's reference to itself)."""
        if table.db:
            return None
        s: Scope | None = scope
        while s is not None:
            found = s.cte_sources.get(table.name)
            if isinstance(found, Scope):
                return found
            s = s.parent
        return None

    def _table_function(self, scope: Scope, table: exp.Table) -> Deps:
        out: Deps = {}
        for col in table.this.find_all(exp.Column):
            for key, ts in self.resolve(scope, col).items():
                out.setdefault(key, set()).update(
                    Transformation(DIRECT, TRANSFORMATION).then(t) for t in ts)
        return out

    def _source(self, scope: Scope, alias: str, name: str
                ) -> tuple[Scope | exp.Table | None, Scope]:
        s: Scope | None = scope
        while s is not None:
            if alias:
                if alias in s.sources:
                    return s.sources[alias], s
            else:
                found = self._unqualified(s, name)
                if found is not None:
                    return found, s
            s = s.parent
        return None, scope

    def _unqualified(self, scope: Scope, name: str) -> Scope | exp.Table | None:
        """The source of a column qualify left unqualified (no schema to decide by)."""
        selected = {a: scope.sources.get(a) for a in scope.selected_sources}
        if not selected:
            return None
        want = name.lower()
        for alias, src in selected.items():  # a table function or unnest aliased as a column
            if alias.lower() == want and isinstance(src, exp.Table) and not isinstance(
                    src.this, exp.Identifier):
                return src
            if isinstance(src, Scope) and src.scope_type.name == "UDTF":
                alias_node = src.expression.args.get("alias")
                cols = [c.name.lower() for c in (alias_node.columns if alias_node else [])]
                if want in cols or (alias_node and alias_node.name.lower() == want):
                    return src
        scopes = [s for s in selected.values() if isinstance(s, Scope)
                  and s.scope_type.name != "UDTF"
                  and want in (n.lower() for n in self.output_names(s))]
        if len(scopes) == 1:
            return scopes[0]
        tables = [s for s in selected.values() if isinstance(s, exp.Table)]
        if len(selected) == 1:
            return next(iter(selected.values()))
        if len(tables) == 1 and not scopes:
            self.guessed += 1
            return tables[0]
        return None

    # ---- indirect lineage ----
    def indirect(self, scope: Scope) -> Deps:
        """Joins, filters, grouping and sorting of a scope and of the scopes it reads."""
        key = id(scope)
        if key in self._indirect:
            return self._indirect[key]
        self._indirect[key] = {}
        out: Deps = {}
        if scope.set_operation_scopes:
            for branch in scope.set_operation_scopes:
                merge(out, self.indirect(branch))
            self._indirect[key] = out
            return out
        select = scope.expression
        if isinstance(select, exp.Select):
            joins = [j for j in select.find_all(exp.Join)  # nested: FROM (a JOIN b ON ..)
                     if j.find_ancestor(exp.Select, exp.SetOperation) is select]
            for join in joins:
                on = join.args.get("on")
                if on is not None:
                    merge(out, self.expression_deps(scope, on, Transformation(INDIRECT, JOIN)))
            group = select.args.get("group")
            if group is not None and group.args.get("all"):  # GROUP BY ALL
                for proj in select.selects:
                    if not proj.find(exp.AggFunc):
                        merge(out, self.expression_deps(scope, proj,
                                                        Transformation(INDIRECT, GROUP_BY)))
            for arg, subtype in CLAUSES:
                clause = select.args.get(arg)
                if clause is not None:
                    merge(out, self.expression_deps(scope, clause,
                                                    Transformation(INDIRECT, subtype)))
        for alias in scope.selected_sources:
            src = scope.sources.get(alias)
            if isinstance(src, Scope) and src.scope_type.name == "UDTF":
                src = self._lateral_query(src)
            if isinstance(src, Scope):
                merge(out, self.indirect(src))
        self._indirect[key] = out
        return out
