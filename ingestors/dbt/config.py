"""The dbt source's recipe config."""

from __future__ import annotations

from pydantic import Field

from ingestors.base import Patterns, SourceConfig


class TargetConfig(SourceConfig):
    """The profile target's fields that name datasets (as OpenLineage's dbt integration does)."""

    type: str | None = Field(None, description="adapter; default: the manifest's adapter_type")
    host: str | None = None
    port: int | None = Field(None, ge=1, le=65535)
    account: str | None = Field(None, description="snowflake")
    path: str | None = Field(None, description="duckdb file")
    server: str | None = Field(None, description="sqlserver")
    region_name: str | None = Field(None, description="athena")
    method: str | None = Field(None, description="spark: thrift, odbc, http")
    software_host: str | None = Field(None, description="dremio")


class DbtConfig(SourceConfig):
    manifest_path: str
    catalog_path: str | None = None
    run_results_path: str | None = None
    target: TargetConfig = TargetConfig()
    namespace: str | None = Field(None, description="dataset namespace; overrides `target`")
    job_namespace: str = Field("dbt", description="namespace of the model jobs")
    nodes: Patterns = Field(Patterns(), description="matched against unique_id and name")
    column_lineage: bool = True
    tests: bool = Field(True, description="dbt tests as quality assertions on datasets")
