"""Engines: where the Bolt endpoint comes from. Engine-specific DDL lives here too."""

from graph.engines.base import Connection, Engine

__all__ = ["Connection", "Engine"]
