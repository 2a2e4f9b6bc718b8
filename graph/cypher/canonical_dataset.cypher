// The dataset a name resolves to: itself, or the node its open SAME_AS edges lead to.
MATCH (d:Dataset {id: $id})
OPTIONAL MATCH (d)-[s1:SAME_AS]->(c1:Dataset)
WHERE s1.valid_to IS NULL
OPTIONAL MATCH (c1)-[s2:SAME_AS]->(c2:Dataset)
WHERE s2.valid_to IS NULL
RETURN coalesce(c2.id, c1.id, d.id) AS id
