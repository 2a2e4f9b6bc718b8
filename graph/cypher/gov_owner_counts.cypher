// How many open subjects each owner holds.
MATCH (s)-[e:OWNED_BY]->(o:Owner)
WHERE e.valid_to IS NULL
RETURN o.id AS owner, count(s) AS owns
