MATCH (n:__LABEL__)
WHERE $current = false OR n.valid_to IS NULL
RETURN count(n) AS n
