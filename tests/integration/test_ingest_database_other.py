"""The database source on MariaDB (a schema of our own) and SQLite (a file)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from graph import Rel
from graph.labels import Direction
from identity import ids
from identity.namespaces import table_dataset
from ingestors.recipe import parse_recipe
from ingestors.runner import run_recipe
from tests.support.databases import MY_HOST, MY_PORT, mariadb_database, my_url

SHOP = [
    """CREATE TABLE customers (
         id INT PRIMARY KEY AUTO_INCREMENT,
         email VARCHAR(120) NOT NULL COMMENT 'login and contact address',
         full_name VARCHAR(80),
         created_at DATETIME DEFAULT CURRENT_TIMESTAMP
       ) COMMENT = 'Registered customers'""",
    """CREATE TABLE orders (
         id INT PRIMARY KEY,
         customer_id INT NOT NULL,
         amount DECIMAL(10,2) NOT NULL,
         CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id)
       )""",
    """CREATE VIEW big_spenders AS
         SELECT c.email, SUM(o.amount) AS total
         FROM customers c JOIN orders o ON o.customer_id = c.id
         GROUP BY c.email""",
    "INSERT INTO customers (id, email, full_name) VALUES (1, 'ada@example.com', 'Ada')",
]


def direct(store, col: str) -> dict[str, set[str]]:
    """A column's direct DERIVES_FROM inputs and their subtypes (indirect ones left out)."""
    out: dict[str, set[str]] = {}
    for e, n in store.neighbours([col], Rel.DERIVES_FROM)[col]:
        subs = {t["subtype"] for t in json.loads(e["transformations"]) if t["type"] == "DIRECT"}
        if subs:
            out[n["id"]] = subs
    return out


def test_mariadb_schema_with_keys_comments_and_a_view(store):
    with mariadb_database("ingest_shop", SHOP) as db:
        rec = parse_recipe({"source": {"type": "database", "config": {"url": my_url(db)}}},
                           base_dir=Path.cwd())
        summary = run_recipe(rec, store)
        customers = table_dataset("mysql", host=MY_HOST, port=MY_PORT,
                                  database=db, table="customers")
        orders = table_dataset("mysql", host=MY_HOST, port=MY_PORT, database=db, table="orders")
        view = table_dataset("mysql", host=MY_HOST, port=MY_PORT, database=db, table="big_spenders")
        assert customers == f"dataset:mysql://{MY_HOST}:{MY_PORT}:{db}.customers"
        assert summary.scope == f"database:mysql://{MY_HOST}:{MY_PORT}/{db}"
        nodes = store.get_nodes([customers, orders, view])
        assert nodes[customers]["description"] == "Registered customers"
        assert nodes[customers]["platform"] == "mysql"
        assert nodes[view]["kind"] == "view"
        cols = {n["name"]: n for _, n in
                store.neighbours([customers], Rel.HAS_COLUMN)[customers]}
        assert cols["email"]["nullable"] is False
        assert cols["email"]["description"] == "login and contact address"
        assert cols["email"]["type"] == "VARCHAR(120)"
        assert cols["id"]["primary_key"] is True
        fk = ids.column_id(orders, "customer_id")
        assert [n["id"] for _, n in store.neighbours([fk], Rel.REFERENCES)[fk]] == [
            ids.column_id(customers, "id")]
        upstream = {n["id"] for _, n in
                    store.neighbours([view], Rel.FEEDS, Direction.IN)[view]}
        assert upstream == {customers, orders}
        assert direct(store, ids.column_id(view, "email")) == {
            ids.column_id(customers, "email"): {"IDENTITY"}}
        assert direct(store, ids.column_id(view, "total")) == {
            ids.column_id(orders, "amount"): {"AGGREGATION"}}


def test_sqlite_file(store, tmp_path):
    path = tmp_path / "app.db"
    conn = sqlite3.connect(path)
    conn.executescript("""
        CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT);
        CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users(id),
                            body TEXT);
        CREATE VIEW user_posts AS SELECT u.name, p.body FROM users u JOIN posts p
            ON p.user_id = u.id;
    """)
    conn.close()
    # a relative path in the recipe is relative to the recipe's folder
    rec = parse_recipe({"source": {"type": "database", "config": {"url": "sqlite:///app.db"}}},
                       base_dir=tmp_path)
    summary = run_recipe(rec, store)
    users = table_dataset("sqlite", database=str(path.resolve()), table="users")
    posts = table_dataset("sqlite", database=str(path.resolve()), table="posts")
    view = table_dataset("sqlite", database=str(path.resolve()), table="user_posts")
    assert summary.added["Dataset"] == 3
    assert store.get_node(users)["platform"] == "sqlite"
    fk = ids.column_id(posts, "user_id")
    assert [n["id"] for _, n in store.neighbours([fk], Rel.REFERENCES)[fk]] == [
        ids.column_id(users, "id")]
    assert {n["id"] for _, n in store.neighbours([view], Rel.FEEDS,
                                                          Direction.IN)[view]} == {users, posts}
    assert direct(store, ids.column_id(view, "body")) == {ids.column_id(posts, "body"):
                                                          {"IDENTITY"}}
