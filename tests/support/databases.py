"""Throwaway databases on the local PostgreSQL and MariaDB for the ingestor tests.

Each helper creates a database with a unique name and drops it afterwards, so tests never
touch each other's (or anyone's) data.
"""

from __future__ import annotations

import os
import re
import socket
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import sqlalchemy as sa

PG_HOST, PG_PORT = "127.0.0.1", 5432
MY_HOST, MY_PORT = "127.0.0.1", 3306
PG_ADMIN = f"postgresql+psycopg2://postgres@{PG_HOST}:{PG_PORT}/postgres"
MY_ADMIN = f"mysql+pymysql://root@{MY_HOST}:{MY_PORT}/"


# CI (.ci/run) sets this: a missing service fails the test instead of skipping it.
REQUIRE_SERVICES = os.environ.get("CATALOG_TEST_REQUIRE_SERVICES") == "1"


def need_service(what: str, ok: bool, why: str, *, module: bool = False) -> None:
    """Skip (or, in CI, fail) a test whose service is missing, saying which and why;
    `module` for a whole test module at import."""
    if ok:
        return
    message = f"{what} is missing: {why} (`make services` installs and starts it)"
    if REQUIRE_SERVICES:
        pytest.fail(message, pytrace=False)
    pytest.skip(message, allow_module_level=module)


def _listening(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=2):
            return True
    except OSError:
        return False


def need_postgres() -> None:
    need_service("PostgreSQL", _listening(PG_HOST, PG_PORT),
                 f"nothing listens on {PG_HOST}:{PG_PORT}")


def need_mariadb() -> None:
    need_service("MariaDB", _listening(MY_HOST, MY_PORT),
                 f"nothing listens on {MY_HOST}:{MY_PORT}")


def pg_url(db: str) -> str:
    return f"postgresql://postgres@{PG_HOST}:{PG_PORT}/{db}"


def my_url(db: str) -> str:
    return f"mysql+pymysql://root@{MY_HOST}:{MY_PORT}/{db}"


def unique_name(prefix: str) -> str:
    return f"{prefix}_{uuid.uuid4().hex[:8]}"


def adapt_pagila(sql: str) -> str:
    """The pagila dump comes from PostgreSQL 18 with pgvector; make it load on a stock
    PostgreSQL 15: uuidv7() -> gen_random_uuid(), VIRTUAL generated columns -> STORED, and
    the one pgvector column as real[] (its extension and index dropped)."""
    sql = sql.replace("uuidv7()", "gen_random_uuid()")
    sql = re.sub(r"\) VIRTUAL\n", ") STORED\n", sql)
    sql = sql.replace("CREATE EXTENSION IF NOT EXISTS vector WITH SCHEMA public;", "")
    sql = re.sub(r"COMMENT ON EXTENSION vector IS [^\n]*\n", "", sql)
    sql = sql.replace("public.vector(20)", "real[]")
    return re.sub(r"CREATE INDEX [a-z_]+ ON [a-z_.]+ USING hnsw [^\n]*\n", "", sql)


@contextmanager
def pg_database(prefix: str, script: str | None = None) -> Iterator[str]:
    """A fresh PostgreSQL database (name yielded), loaded with `script` if given."""
    need_postgres()
    name = unique_name(prefix)
    admin = sa.create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        if script:
            pg_exec(name, script)
        yield name
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


def pg_exec(db: str, script: str) -> None:
    """Run a multi-statement script (a pg_dump, DDL) in one transaction."""
    engine = sa.create_engine(f"postgresql+psycopg2://postgres@{PG_HOST}:{PG_PORT}/{db}")
    try:
        raw = engine.raw_connection()
        try:
            with raw.cursor() as cur:
                cur.execute(script)
            raw.commit()
        finally:
            raw.close()
    finally:
        engine.dispose()


def load_fixture(fixtures: Path, name: str) -> str:
    if name == "northwind":
        return (fixtures / "db_schemas/northwind/northwind.sql").read_text()
    if name == "pagila":
        return adapt_pagila((fixtures / "db_schemas/pagila/pagila-schema.sql").read_text())
    raise KeyError(name)


@contextmanager
def mariadb_database(prefix: str, statements: list[str]) -> Iterator[str]:
    need_mariadb()
    name = unique_name(prefix)
    admin = sa.create_engine(MY_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f"CREATE DATABASE `{name}`")
    try:
        engine = sa.create_engine(my_url(name))
        with engine.begin() as conn:
            for stmt in statements:
                conn.exec_driver_sql(stmt)
        engine.dispose()
        yield name
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS `{name}`")
        admin.dispose()
