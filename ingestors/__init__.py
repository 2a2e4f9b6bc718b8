"""Ingestors: one module per source, writing through the GraphStore."""
