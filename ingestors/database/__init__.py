"""The `database` source: any database SQLAlchemy can open, read through its inspector."""

from __future__ import annotations

import logging

import sqlalchemy as sa
from sqlalchemy.engine import URL, make_url

from identity.namespaces import DatabaseNaming
from identity.platforms import lookup
from ingestors.base import Harvest, Source
from ingestors.database.config import DatabaseConfig
from ingestors.database.inspect import (
    harvest_schema,
    relations_of,
    row_counts,
    schemas_to_harvest,
)
from ingestors.database.sampling import sample
from ingestors.database.views import harvest_views

log = logging.getLogger(__name__)

# Drivers this package installs, used when a URL names none (SQLAlchemy 2.1 would pick
# psycopg 3 and mysqlclient, which are not dependencies).
_DRIVERS = {"postgresql": "psycopg2", "mysql": "pymysql", "mariadb": "pymysql"}


def driver_url(url: URL) -> URL:
    """`url` with this package's driver when it names none."""
    if "+" not in url.drivername and url.drivername in _DRIVERS:
        url = url.set(drivername=f"{url.drivername}+{_DRIVERS[url.drivername]}")
    return url


class DatabaseSource(Source):
    type = "database"
    source = "database"
    config_class = DatabaseConfig
    config: DatabaseConfig

    @property
    def url(self) -> URL:
        url = driver_url(make_url(self.config.url))
        platform = lookup(url.get_backend_name())
        if platform and platform.file_backed and url.database and url.database != ":memory:":
            url = url.set(database=str(self.ctx.path(url.database)))
        return url

    @property
    def naming(self) -> DatabaseNaming:
        o = self.config.naming
        return DatabaseNaming.from_url(self.url, host=o.host, port=o.port, database=o.database)

    @property
    def scope(self) -> str:
        return self.naming.scope

    def harvest(self) -> Harvest:
        cfg, ctx, naming = self.config, self.ctx, self.naming
        harvest = Harvest(self.source)
        sampling = cfg.classification.enabled and ctx.on_samples is not None
        if cfg.classification.enabled and not sampling:
            ctx.warn("classification.enabled is set but this run has no classifier to hand "
                     "samples to; nothing was sampled")
        engine = sa.create_engine(self.url, connect_args=cfg.connect_args)
        try:
            insp = sa.inspect(engine)
            schemas = schemas_to_harvest(insp, cfg, naming)
            if not schemas:
                ctx.warn(f"{self.scope}: no schema matched the recipe's patterns")
            per_schema = [(s, relations_of(insp, s, cfg, naming)) for s in schemas]
            bar = ctx.bar(sum(len(r) for _, r in per_schema), f"reading {naming.platform}")
            try:
                for schema, rels in per_schema:
                    harvest_schema(insp, schema, rels, cfg, naming, harvest, ctx)
                    if cfg.view_lineage:
                        harvest_views(insp, rels, naming, harvest, ctx)
                    if cfg.row_counts:
                        row_counts(engine, rels, harvest, ctx)
                    if sampling:
                        sample(engine, rels, cfg.classification.sample_size, ctx)
                    bar.update(len(rels))
            finally:
                bar.close()
        finally:
            engine.dispose()
        harvest.report["schemas"] = len(schemas)
        return harvest
