// lineage_edges_in for edges out of each given node (the walk stepped along __REL__).
UNWIND $rows AS row
MATCH (a:__SRC__ {id: row.key})-[e:__REL__]->(n)
WHERE e.valid_to IS NULL AND n.id IN row.others
WITH row.key AS key, collect(e {.*, lineage_other_: n.id}) AS hits
RETURN key, hits
