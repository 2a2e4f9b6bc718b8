// The current FEEDS edges out of the given datasets, with their properties, one row per
// source (a walk done in memory asks for those of its answer's edges at once). Matching
// from the source alone is what the engines plan well (a pair of bound ends made ArcadeDB
// scan), and collected lists cost ArcadeDB far less than a Bolt record per edge.
UNWIND $srcs AS sid
MATCH (a:Dataset {id: sid})-[e:FEEDS]->(b:Dataset)
WHERE e.valid_to IS NULL
WITH sid, collect(e {.*, lineage_other_: b.id}) AS hits
RETURN sid AS src, hits
