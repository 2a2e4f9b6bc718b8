// Close named nodes (a DROP, a steward's removal): kept, with valid_to set.
MATCH (n:__LABEL__)
WHERE n.id IN $ids AND n.valid_to IS NULL
SET n.valid_to = $now
RETURN count(n) AS closed
