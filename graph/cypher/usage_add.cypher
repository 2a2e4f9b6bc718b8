// Usage counters, one node per product and day, incremented by a batch.
UNWIND $rows AS row
MERGE (u:Usage {id: row.id})
ON CREATE SET u.product = row.product, u.day = row.day, u.views = 0, u.reads = 0
SET u.views = u.views + row.views, u.reads = u.reads + row.reads
RETURN count(u) AS written
