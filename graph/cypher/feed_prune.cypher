// Drop a batch of records older than $before (ms); the caller repeats while any remain.
MATCH (c:Change)
WHERE c.at < $before
WITH c LIMIT $limit
DELETE c
RETURN count(*) AS pruned
