// The current properties of named lineage edges into each given node: what a walk done in
// memory asks for its answer's edges, all at once. One row per key node (the end the walk
// stepped from, so matched as its hop was: by the node's indexed id, the pattern starting
// at it; a pair of bound ends made ArcadeDB scan), the far ends kept only when named in
// `others` (edges of a probing hop or beyond a cap are not in the answer). Collected lists
// cost ArcadeDB far less than a Bolt record per edge.
UNWIND $rows AS row
MATCH (b:__DST__ {id: row.key})<-[e:__REL__]-(n)
WHERE e.valid_to IS NULL AND n.id IN row.others
WITH row.key AS key, collect(e {.*, lineage_other_: n.id}) AS hits
RETURN key, hits
