"""The only package that talks to a database: GraphStore over the neo4j driver."""

from graph.errors import GraphError, InvalidInput, NotFound, StaleGuardError
from graph.labels import Label, Rel
from graph.store import GraphStore

__all__ = ["GraphError", "GraphStore", "InvalidInput", "Label", "NotFound", "Rel",
           "StaleGuardError"]
