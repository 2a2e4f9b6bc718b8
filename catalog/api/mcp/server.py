"""The catalog's MCP server: its read tools always, its write tools when `mcp_writes`."""

from __future__ import annotations

from mcp.server.mcpserver import MCPServer

from catalog import __version__
from catalog.api.mcp.access import CatalogAccess
from catalog.api.mcp.reads import register_reads
from catalog.api.mcp.writes import register_writes

INSTRUCTIONS = """mesh catalog: datasets, columns, jobs, data products and domains of a data
mesh, their lineage (table and column), owners, classifications (PII) and policies.
Start with `search` to find ids, then `get_entity`, `lineage`, `impact_analysis` or
`lineage_path` with them. Answers start with a one-line summary; lists are paged (pass
`next_cursor` back as `cursor`)."""


def build_server(access: CatalogAccess) -> MCPServer:
    server = MCPServer(name="mesh-catalog", version=__version__, instructions=INSTRUCTIONS,
                       log_level="WARNING")
    register_reads(server, access)
    if access.settings.mcp_writes:
        register_writes(server, access)
    return server
