// Search index build: every current node of a label with the properties search reads.
MATCH (n:__LABEL__)
WHERE n.valid_to IS NULL
RETURN n.id AS id, n.name AS name, n.path AS path, n.description AS description,
       n.namespace AS namespace, n.platform AS platform, n.synonyms AS synonyms
