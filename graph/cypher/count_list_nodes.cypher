MATCH (n:__LABEL__)
WHERE ($current = false OR n.valid_to IS NULL)
  AND ($namespace IS NULL OR n.namespace = $namespace)
  AND ($platform IS NULL OR n.platform = $platform)
  AND ($kind IS NULL OR n.kind = $kind)
  AND ($name_contains IS NULL OR toLower(n.name) CONTAINS $name_contains)
RETURN count(n) AS n
