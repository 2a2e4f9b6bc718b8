// Open tags of open subjects of one label.
MATCH (s:__LABEL__)-[e:TAGGED]->(t:Tag)
WHERE e.valid_to IS NULL AND s.valid_to IS NULL
RETURN s.id AS subject, t.name AS tag
