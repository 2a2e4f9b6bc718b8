MATCH ()-[e:__REL__]->()
WHERE $current = false OR e.valid_to IS NULL
RETURN count(e) AS n
