// A fingerprint of the domain policies in the graph: changes when one is set or removed.
MATCH (p:GovPolicy)
RETURN count(p) AS n, max(p.updated_at) AS latest
