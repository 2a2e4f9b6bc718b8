"""A pattern that looks a node up by id starts from that node.

ArcadeDB's Cypher walks a pattern from its first node: `(p:DataProduct)-[:CONTAINS]->
(d:Dataset {id: $id})` reads every product's every CONTAINS edge and compares each end's id,
where `(d:Dataset {id: $id})<-[:CONTAINS]-(p:DataProduct)` is one index lookup and one
node's edges. Found by profiling the OpenLineage benchmark: two such statements took most
of the engine's time. Neo4j plans either way; both engines get the anchored form."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

CYPHER = Path(__file__).resolve().parents[2] / "graph" / "cypher"
CLAUSE = re.compile(
    r"\b(?:OPTIONAL\s+MATCH|MATCH|MERGE)\b(.*?)"
    r"(?=\b(?:WHERE|WITH|RETURN|SET|ON|MERGE|MATCH|OPTIONAL|UNWIND|CREATE|DELETE|DETACH|"
    r"CALL|ORDER|LIMIT|FOREACH)\b|$)", re.S)
NODE = re.compile(r"\(([^()]*)\)")
BY_ID = re.compile(r"\{\s*id\s*:")


def _paths(pattern: str) -> list[str]:
    """The comma-separated path patterns of a clause (commas inside maps and lists kept)."""
    out, depth, start = [], 0, 0
    for i, ch in enumerate(pattern):
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif ch == "," and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
    out.append(pattern[start:])
    return out


def late_anchors(text: str) -> list[str]:
    """Path patterns whose id lookup is on a node other than the first."""
    text = "\n".join(line.split("//", 1)[0] for line in text.splitlines())
    bad = []
    for clause in CLAUSE.finditer(text):
        for path in _paths(clause.group(1)):
            nodes = NODE.findall(path)
            if len(nodes) > 1 and not BY_ID.search(nodes[0]) and \
                    any(BY_ID.search(n) for n in nodes[1:]):
                bad.append(" ".join(path.split()))
    return bad


def test_the_check_finds_a_late_anchor_and_passes_an_early_one():
    assert late_anchors("UNWIND $ids AS did\nMATCH (p:DataProduct)-[c:CONTAINS]->"
                        "(d:Dataset {id: did})\nRETURN p.id") == [
        "(p:DataProduct)-[c:CONTAINS]->(d:Dataset {id: did})"]
    assert late_anchors("MATCH (d:Dataset {id: $id})<-[c:CONTAINS]-(p:DataProduct), "
                        "(d)-[:X]->(q:Y {id: 1})\nRETURN p") == ["(d)-[:X]->(q:Y {id: 1})"]
    assert late_anchors("MATCH (a {id: $a})-[e:R]->(b:B {id: $b}) // (x)-->(y {id: 1})\n"
                        "RETURN e") == []


@pytest.mark.parametrize("path", sorted(CYPHER.glob("*.cypher")), ids=lambda p: p.stem)
def test_patterns_start_at_the_node_looked_up_by_id(path: Path):
    assert late_anchors(path.read_text()) == []
