// A dataset page in one round trip: the node any of its names resolves to (open SAME_AS,
// as canonical_dataset), its current columns with their classifications, and its owners,
// tags and classifications. Edges and nodes are projected before they go into a map
// (ArcadeDB misreads a projection inside a map literal); a missing match yields
// {edge: null, node: null}, which the caller drops.
MATCH (d0:Dataset {id: $id})
OPTIONAL MATCH (d0)-[s1:SAME_AS]->(c1:Dataset)
WHERE s1.valid_to IS NULL
OPTIONAL MATCH (c1)-[s2:SAME_AS]->(c2:Dataset)
WHERE s2.valid_to IS NULL
WITH coalesce(c2, c1, d0) AS d
LIMIT 1
OPTIONAL MATCH (d)-[e:HAS_COLUMN]->(c:Column)
WHERE e.valid_to IS NULL
OPTIONAL MATCH (c)-[ce:CLASSIFIED_AS]->(k:Classification)
WHERE ce.valid_to IS NULL
WITH d, e, c, ce {.*} AS cep, k {.*} AS kp
WITH d, e, c, collect({edge: cep, node: kp}) AS cls
WITH d, e {.*} AS ep, c {.*} AS cp, cls
WITH d, collect({edge: ep, node: cp, cls: cls}) AS columns
OPTIONAL MATCH (d)-[oe:OWNED_BY]->(o:Owner)
WHERE oe.valid_to IS NULL
WITH d, columns, oe {.*} AS oep, o {.*} AS op
WITH d, columns, collect({edge: oep, node: op}) AS owners
OPTIONAL MATCH (d)-[te:TAGGED]->(t:Tag)
WHERE te.valid_to IS NULL
WITH d, columns, owners, te {.*} AS tep, t {.*} AS tp
WITH d, columns, owners, collect({edge: tep, node: tp}) AS tags
OPTIONAL MATCH (d)-[de:CLASSIFIED_AS]->(dk:Classification)
WHERE de.valid_to IS NULL
WITH d, columns, owners, tags, de {.*} AS dep, dk {.*} AS dkp
RETURN d {.*} AS node, columns, owners, tags,
       collect({edge: dep, node: dkp}) AS classifications
