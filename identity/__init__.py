"""Identity: the ids of ARCHITECTURE section 1 and the platforms datasets live on.

One package for the question "which node is this?", used by every layer (ingestors, services,
the API, the CLI): `identity.ids` builds and takes apart ids, `identity.platforms` is the one
table of platforms (aliases, default ports, SQL dialects, what a namespace implies), and
`identity.namespaces` turns a SQLAlchemy URL, a dbt target, an ODCS server or an OpenLineage
namespace into a namespace and a dataset id. It depends on `graph.labels` (the id prefixes)
and nothing else of ours.
"""
