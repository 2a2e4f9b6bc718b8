"""Governance: policies as code (YAML) checked against the graph, with a report."""
