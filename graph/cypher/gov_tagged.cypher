// Open tags of open subjects of one label: [subject, tag name].
MATCH (s:__LABEL__)-[e:TAGGED]->(t:Tag)
WHERE e.valid_to IS NULL AND s.valid_to IS NULL
RETURN collect([s.id, t.name]) AS rows
