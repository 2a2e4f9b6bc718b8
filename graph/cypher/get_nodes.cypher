MATCH (n:__LABEL__)
WHERE n.id IN $ids
RETURN n {.*} AS node
