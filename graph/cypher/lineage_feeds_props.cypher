// The properties of current FEEDS edges named by their ends (a walk done in memory asks
// for those of its answer's edges at once).
UNWIND $pairs AS p
MATCH (a:Dataset {id: p.src})-[e:FEEDS]->(b:Dataset {id: p.dst})
WHERE e.valid_to IS NULL
RETURN a.id AS src, b.id AS dst, e {.*} AS edge
