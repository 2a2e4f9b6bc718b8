// What a batch of OpenLineage events needs to know of the datasets it names: whether each
// exists, the node it is SAME_AS (an alias), the hashes of its last written properties,
// schema and column lineage, when it was last seen, closed or dropped.
UNWIND $ids AS wanted
MATCH (d:Dataset {id: wanted})
OPTIONAL MATCH (d)-[s:SAME_AS]->(c:Dataset)
WHERE s.valid_to IS NULL
RETURN d.id AS id, c.id AS canonical, d.ol_schema_hash AS schema_hash,
       d.ol_lineage_hash AS lineage_hash, d.dropped_at AS dropped_at,
       d.ol_props_hash AS props_hash, d.last_seen AS last_seen, d.valid_to AS valid_to
