"""Typed settings from the environment (prefix CATALOG_; Neo4j also from NEO4J_*)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, IPvAnyNetwork, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from catalog.preview.config import PreviewSource


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CATALOG_", extra="forbid",
                                      populate_by_name=True)

    engine: Literal["embedded", "neo4j"] = "embedded"
    data_dir: Path = Path(".catalog")
    jvm_heap: str = Field("2g", pattern=r"^\d+[mMgG]$")
    engine_startup_timeout: float = 90.0

    neo4j_uri: str | None = Field(None, validation_alias=AliasChoices("NEO4J_URI",
                                                                      "CATALOG_NEO4J_URI"))
    neo4j_user: str = Field("neo4j", validation_alias=AliasChoices("NEO4J_USER",
                                                                   "CATALOG_NEO4J_USER"))
    neo4j_password: SecretStr = Field(
        SecretStr("neo4j"), validation_alias=AliasChoices("NEO4J_PASSWORD",
                                                          "CATALOG_NEO4J_PASSWORD"))
    neo4j_database: str = Field("neo4j", validation_alias=AliasChoices("NEO4J_DATABASE",
                                                                       "CATALOG_NEO4J_DATABASE"))

    # the change feed (graph/feed.py): what other processes' writes are learnt from
    change_feed: bool = True  # off: this process's writes leave no record (benchmarks)
    change_feed_poll_s: float = Field(0.5, gt=0)  # how often a follower reads the feed
    change_feed_retention_s: float = Field(3600.0, ge=60)  # records kept; older are pruned

    host: str = "127.0.0.1"
    port: int = Field(8080, ge=1, le=65535)
    # `catalog serve` worker processes (0: one per core); each is a cache of the graph
    workers: int = Field(0, ge=0)
    # requests per kept-alive connection before `Connection: close` (0: no limit), so
    # long-lived clients spread over the workers again (catalog.api.keepalive)
    keepalive_requests: int = Field(200, ge=0)
    max_close_ratio: float = Field(0.2, ge=0.0, le=1.0)
    max_page_size: int = Field(500, ge=1)
    graphiql: bool = True

    # access and hardening
    auth_reads: bool = False  # reads need a token (always when host is not loopback)
    graphql_max_depth: int = Field(12, ge=2)
    graphql_max_aliases: int = Field(30, ge=1)
    graphql_max_cost: int = Field(50_000, ge=100)
    graphql_introspection: bool = True
    graphql_timeout_s: float = Field(30.0, gt=0)

    # lineage
    lineage_default_depth: int = Field(3, ge=1)
    lineage_max_depth: int = Field(20, ge=1)
    lineage_max_nodes_per_hop: int = Field(1000, ge=1)
    impact_max_nodes_per_hop: int = Field(10000, ge=1)

    # classification: thresholds of the classifier's score, and propagation along lineage
    classification_accept: float = Field(0.8, gt=0.0, le=1.0)
    classification_suggest: float = Field(0.5, gt=0.0, le=1.0)
    classification_through_aggregation: bool = False
    classification_max_hops: int = Field(50, ge=1)
    classification_auto_propagate: bool = True  # the server follows lineage changes
    classification_propagate_delay: float = Field(2.0, gt=0)  # quiet seconds before it does
    classification_propagate_interval: float = Field(300.0, gt=0)  # and at least this often
    governance_policies: Path | None = None  # YAML policies; None: the built-in ones
    # continuous evaluation (catalog/runtime/governance.py): after writes have been quiet
    # for `governance_eval_delay` seconds (or `governance_eval_max_wait` after the first
    # when they never are), and at least every `governance_eval_interval`
    governance_continuous: bool = True
    governance_eval_delay: float = Field(5.0, gt=0)
    governance_eval_max_wait: float = Field(120.0, gt=0)
    governance_eval_interval: float = Field(3600.0, gt=0)

    # MCP (/mcp over Streamable HTTP, `catalog mcp` over stdio): answers sized for a model
    mcp_enabled: bool = True
    mcp_writes: bool = False  # write tools are offered only when set (and need a steward token)
    mcp_page_size: int = Field(25, ge=1, le=500)  # items per answer unless the caller asks less
    mcp_max_chars: int = Field(20_000, ge=1_000)  # an answer longer than this is paged

    # OpenLineage receiver (catalog/api/openlineage.py)
    openlineage_max_body_bytes: int = Field(10 * 1024 * 1024, ge=1)
    openlineage_max_decompressed_bytes: int = Field(64 * 1024 * 1024, ge=1)
    # a body over the limit is read and dropped up to this size before the 413, so the
    # client can read the answer; beyond it the 413 goes out at once with Connection: close
    openlineage_drain_bytes: int = Field(64 * 1024 * 1024, ge=0)
    openlineage_event_log: bool = True
    # back-pressure, per worker: batches written at once, and waiting beyond those; more
    # are answered 503 with Retry-After (the openlineage-python client retries them)
    openlineage_max_in_flight: int = Field(8, ge=1)
    openlineage_max_queued: int = Field(16, ge=0)
    openlineage_retry_after_s: int = Field(1, ge=1)
    # set by `catalog serve` for its workers: the supervisor's socket that writes their
    # OpenLineage requests (catalog.api.openlineage_relay); unset, a process writes its own
    openlineage_relay: Path | None = None

    # the marketplace: SLA checks, webhooks, usage counters
    sla_check_interval_s: float = Field(300.0, gt=0)  # every product checked this often
    sla_event_delay_s: float = Field(0.5, gt=0)  # and soon after an OpenLineage run ends
    sla_volume_drop: float = Field(0.5, gt=0, lt=1)  # an incident below this share of the median
    sla_series_length: int = Field(30, ge=4)  # row counts and updates kept per dataset
    webhook_poll_s: float = Field(1.0, gt=0)
    webhook_timeout_s: float = Field(5.0, gt=0)
    webhook_max_attempts: int = Field(8, ge=1)
    webhook_backoff_s: float = Field(2.0, gt=0)  # doubled after each failed attempt
    # webhooks never reach private, loopback, link-local... addresses, but in these networks
    # (JSON list of CIDRs, e.g. ["10.20.0.0/16"]: on-prem receivers, tests on 127.0.0.1)
    webhook_allowed_networks: list[IPvAnyNetwork] = []
    # seals secrets kept in the graph (webhook secrets); required on Neo4j, generated into
    # the data folder on the embedded engine (catalog/crypto/keys.py)
    secret_key: SecretStr | None = None
    secret_keys_previous: SecretStr | None = None  # comma-separated, still read (rotation)
    # current dataset lineage walked in memory (FEEDS kept in step with the graph); off:
    # every hop is a query (to compare, or to save the memory on a small server)
    lineage_index: bool = True
    # current column lineage (DERIVES_FROM) walked in memory by lineage(level: COLUMN) and
    # impact analysis, about 40 MB per 1M edges; off: a query per hop
    column_lineage_index: bool = True
    usage_counting: bool = True  # off: no usage counted (to measure what counting costs)
    usage_flush_s: float = Field(10.0, gt=0)  # how often a worker writes its usage counts

    # a product's live preview (catalog/preview): where sample rows are read, on demand,
    # never stored; JSON in CATALOG_PREVIEW_SOURCES, e.g. [{"url": "postgresql://reader:
    # ${PG_PASSWORD}@db:5432/shop", "naming": {"host": "db"}}]
    preview_sources: list[PreviewSource] = []
    preview_timeout_s: float = Field(5.0, gt=0, le=60)  # connect and statement, each
