"""Dataset ids of a database's tables, per the OpenLineage naming spec (via catalog.ids).

PostgreSQL: postgres://host:port + db.schema.table; MySQL/MariaDB: mysql://host:port +
db.table (a MySQL "schema" is a database); SQLite: by file. The same table named in an
OpenLineage event gets the same id, which is what makes the two one node.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import URL

from catalog import ids
from ingestors.database.config import NamingOptions

_SQL_DIALECTS = {"postgresql": "postgres", "mysql": "mysql", "mariadb": "mysql",
                 "sqlite": "sqlite", "mssql": "mssql", "oracle": "oracle",
                 "duckdb": "duckdb", "trino": "trino"}

_DEFAULT_PORTS = {"postgresql": 5432, "mysql": 3306, "mariadb": 3306, "mssql": 1433,
                  "oracle": 1521, "trino": 8080}


@dataclass(frozen=True)
class Naming:
    dialect: str          # SQLAlchemy dialect name
    host: str
    port: int | None
    database: str         # database name, or the file path for SQLite/DuckDB

    @classmethod
    def from_url(cls, url: URL, overrides: NamingOptions) -> Naming:
        dialect = url.get_backend_name()
        if dialect in ("sqlite", "duckdb"):
            path = url.database or ":memory:"
            if path != ":memory:":
                path = str(Path(path).resolve())
            return cls(dialect, "", None, overrides.database or path)
        port = overrides.port or url.port or _DEFAULT_PORTS.get(dialect)
        return cls(dialect, overrides.host or url.host or "localhost", port,
                   overrides.database or url.database or "")

    @property
    def platform(self) -> str:
        return _SQL_DIALECTS.get(self.dialect, self.dialect)

    @property
    def sql_dialect(self) -> str:
        """The openlineage-sql dialect for this database's view definitions."""
        return {"postgresql": "postgres", "mysql": "mysql", "mariadb": "mysql",
                "sqlite": "sqlite", "mssql": "mssql", "duckdb": "duckdb"}.get(
                    self.dialect, "generic")

    @property
    def one_level(self) -> bool:
        """MySQL-like: the SQLAlchemy schema *is* the database (names are db.table)."""
        return self.dialect in ("mysql", "mariadb")

    def dataset(self, schema: str | None, table: str) -> str:
        d = self.dialect
        if d == "postgresql":
            return ids.postgres_dataset(self.host, self.port, self.database, schema or "public",
                                        table)
        if d in ("mysql", "mariadb"):
            return ids.mysql_dataset(self.host, self.port, schema or self.database, table)
        if d == "sqlite":
            return ids.sqlite_dataset(self.database, table)
        if d == "duckdb":
            return ids.duckdb_dataset(self.database, Path(self.database).stem,
                                      schema or "main", table)
        if d == "mssql":
            return ids.mssql_dataset(self.host, self.port, self.database, schema or "dbo",
                                     table)
        if d == "trino":
            return ids.trino_dataset(self.host, self.port, self.database, schema or "", table)
        if d == "oracle":
            return ids.oracle_dataset(self.host, self.port, self.database, schema or "", table)
        return ids.sql_dataset(self.platform, self.host, self.port, self.database,
                               schema or "", table)

    @property
    def scope(self) -> str:
        """`database:<namespace>/<database>`: what one recipe's harvest owns."""
        if self.dialect in ("sqlite", "duckdb"):
            return f"database:{self.platform}://{self.database}"
        port = f":{self.port}" if self.port else ""
        db = f"/{self.database}" if self.database else ""
        return f"database:{self.platform}://{self.host}{port}{db}"
