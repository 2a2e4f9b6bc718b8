"""The SQL lineage module's contracts beside the corpus: errors that name the dialect,
identifier case per dialect, `*` without a schema, the openlineage-sql fallback, and how
edges are named when written."""

from __future__ import annotations

import pytest

from identity import ids
from identity.platforms import sqlglot_dialect
from ingestors.sql import SqlParseError, TableRef, Transformation, analyze, analyze_all
from ingestors.sql_lineage import column_edges, table_edges


def edges(lineage) -> set[tuple[str, str, str]]:
    return {(o, f"{t}.{c}", str(tr)) for o, t, c, tr in lineage.edges()}


def test_a_statement_that_does_not_parse_names_its_dialect():
    with pytest.raises(SqlParseError, match=r"^postgres: "):
        analyze("SELECT FROM WHERE ((", "postgres")


@pytest.mark.parametrize(("dialect", "sql", "expected"), [
    ("snowflake", 'SELECT a AS x, "b" AS "Y" FROM t', {("X", "T.A"), ("Y", "T.b")}),
    ("postgres", 'SELECT A AS X, "B" AS "Y" FROM T', {("x", "t.a"), ("Y", "t.B")}),
    ("bigquery", "SELECT `a` AS x FROM `p.d.t`", {("x", "p.d.t.a")}),
    ("tsql", "SELECT [a] AS [x y] FROM [dbo].[t]", {("x y", "dbo.t.a")}),
])
def test_identifiers_follow_the_dialects_case_and_quoting(dialect, sql, expected):
    got = {(o, s) for o, s, _ in edges(analyze(sql, dialect))}
    assert got == expected


def test_star_without_a_schema_follows_the_output_columns_with_less_confidence():
    sql = "WITH s AS (SELECT * FROM raw.customers) SELECT * FROM s"
    blind = analyze(sql, "postgres")
    assert blind.columns == {} and blind.confidence < 1
    named = analyze(sql, "postgres", output_columns=["id", "email"])
    assert edges(named) == {("id", "raw.customers.id", "DIRECT/IDENTITY"),
                            ("email", "raw.customers.email", "DIRECT/IDENTITY")}
    assert named.confidence < 1

    def resolve(ref: TableRef):
        return TableRef("db", "raw", "customers"), ["id", "email"]
    known = analyze(sql, "postgres", resolve=resolve)
    assert {o for o, _, _ in edges(known)} == {"id", "email"} and known.confidence == 1.0


def test_openlineage_sql_reads_what_sqlglot_cannot_untyped_and_unsure():
    lineage = analyze("REPLACE INTO t2 (a, b) SELECT a, b FROM t", "mysql")
    assert lineage.kind == "OPENLINEAGE_SQL" and lineage.confidence == 0.5
    assert lineage.output == TableRef(None, None, "t2")
    assert edges(lineage) == {("a", "t.a", "None"), ("b", "t.b", "None")}


def test_written_edges_take_the_catalogs_spelling_and_skip_self_loops():
    lineage = analyze("UPDATE orders SET amount = amount * 2, note = upper(note)", "snowflake")
    out = ids.dataset_id("snowflake://acme", "shop.public.orders")
    got = column_edges(lineage, output=out, dataset_of=lambda t: out,
                       output_columns=["amount", "note", "id"],
                       input_columns=lambda ds: ["amount", "note", "id"])
    assert got == {}  # each column from itself only: no edge
    lineage = analyze("UPDATE orders SET total = PRICE * qty WHERE id > 0", "snowflake")
    got = column_edges(lineage, output=out, dataset_of=lambda t: out,
                       output_columns=["total", "price", "qty", "id"],
                       input_columns=lambda ds: ["total", "price", "qty", "id"])
    assert {(o.split("#")[1], i.split("#")[1]): [str(t) for t in ts]
            for (o, i), ts in got.items()} == {
        ("total", "price"): ["DIRECT/TRANSFORMATION"],
        ("total", "qty"): ["DIRECT/TRANSFORMATION"]}
    # the statement's WHERE holds for every column it sets: one edge from the dataset
    wide = table_edges(lineage, output=out, dataset_of=lambda t: out)
    assert {(o, i.split("#")[1]): [str(t) for t in ts] for (o, i), ts in wide.items()} == {
        (out, "ID"): ["INDIRECT/FILTER"]}
    assert column_edges(lineage, output=out, dataset_of=lambda t: out, split=False)[
        (ids.column_id(out, "TOTAL"), ids.column_id(out, "ID"))] == [
            Transformation("INDIRECT", "FILTER")]


@pytest.mark.parametrize(("name", "dialect"), [
    ("postgresql", "postgres"), ("mssql", "tsql"), ("mariadb", "mysql"), ("spark", "spark"),
    ("awsathena", "athena"), ("generic", None), ("kafka", None), (None, None)])
def test_platforms_name_sqlglot_dialects(name, dialect):
    assert sqlglot_dialect(name) == dialect


@pytest.mark.parametrize(("dialect", "sql", "kind"), [
    ("postgres", "CREATE MATERIALIZED VIEW mv AS SELECT a FROM t WITH NO DATA;",
     "CREATE_MATERIALIZED_VIEW"),
    ("oracle", "CREATE MATERIALIZED VIEW mv (x) BUILD IMMEDIATE REFRESH FAST ON COMMIT AS "
               "SELECT a FROM t", "CREATE_MATERIALIZED_VIEW"),
    ("oracle", "CREATE TABLE t2 NOLOGGING PARALLEL 4 AS SELECT a FROM t", "CTAS"),
    ("tsql", "CREATE VIEW v WITH SCHEMABINDING, VIEW_METADATA AS SELECT a FROM t",
     "CREATE_VIEW"),
])
def test_create_options_sqlglot_cannot_read_are_skipped(dialect, sql, kind):
    lineage = analyze(sql, dialect)
    assert lineage.kind == kind and [str(t).lower() for t in lineage.inputs] == ["t"]
    assert len(lineage.edges()) == 1


def test_hive_multi_table_insert_gives_one_lineage_per_target():
    sql = ("FROM w.src s INSERT OVERWRITE TABLE w.dst SELECT s.a AS x WHERE s.b > 1 "
           "INSERT INTO TABLE w.d2 SELECT s.b AS z")
    found = analyze_all(sql, "hive")
    assert [str(lin.output) for lin in found] == ["w.dst", "w.d2"]
    assert edges(found[0]) == {("x", "w.src.a", "DIRECT/IDENTITY"),
                               ("x", "w.src.b", "INDIRECT/FILTER")}
    assert edges(found[1]) == {("z", "w.src.b", "DIRECT/IDENTITY")}
    # one insert: `analyze` reads it like any INSERT
    one = analyze("FROM w.src s INSERT OVERWRITE TABLE w.dst SELECT s.a AS x", "hive")
    assert one.kind == "INSERT" and edges(one) == {("x", "w.src.a", "DIRECT/IDENTITY")}
