// A page of nodes ordered by id after a cursor, with optional property filters, and the
// total matching (cursor aside): one round trip. An empty page still returns the total.
MATCH (m:__LABEL__)
WHERE ($current = false OR m.valid_to IS NULL)
  AND ($namespace IS NULL OR m.namespace = $namespace)
  AND ($platform IS NULL OR m.platform = $platform)
  AND ($kind IS NULL OR m.kind = $kind)
  AND ($name_contains IS NULL OR toLower(m.name) CONTAINS $name_contains)
WITH count(m) AS total
OPTIONAL MATCH (n:__LABEL__)
WHERE n.id > $after
  AND ($current = false OR n.valid_to IS NULL)
  AND ($namespace IS NULL OR n.namespace = $namespace)
  AND ($platform IS NULL OR n.platform = $platform)
  AND ($kind IS NULL OR n.kind = $kind)
  AND ($name_contains IS NULL OR toLower(n.name) CONTAINS $name_contains)
WITH total, n
ORDER BY n.id
LIMIT $limit
WITH total, n {.*} AS node
RETURN total, collect(node) AS nodes
