// Close a source's open edges from each node to anything it no longer lists (a facet that
// lists the owners or tags of an entity as of now); other sources' edges stay. The closed
// pairs go to the transaction's changes (listeners: the search index's owner and tag facets).
UNWIND $rows AS row
MATCH (a:__SRC__ {id: row.src})-[e:__REL__]->(b:__DST__)
WHERE e.source = $source AND e.valid_to IS NULL AND NOT b.id IN row.keep
SET e.valid_to = $now
RETURN count(e) AS closed, collect([a.id, b.id]) AS pairs
