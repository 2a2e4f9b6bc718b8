// A dataset with its open columns and their open classifications (one row per column and
// classification): what a preview may select, and which of it to mask.
MATCH (d:Dataset {id: $id})
OPTIONAL MATCH (d)-[h:HAS_COLUMN]->(c:Column)
WHERE h.valid_to IS NULL AND c.valid_to IS NULL
OPTIONAL MATCH (c)-[k:CLASSIFIED_AS]->(t:Classification)
WHERE k.valid_to IS NULL
RETURN d {.*} AS dataset, c.name AS name, c.path AS path, c.type AS type,
       c.ordinal AS ordinal, t.name AS classification, t.sensitivity AS sensitivity,
       k.status AS status
