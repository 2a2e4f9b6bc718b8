// Domain policies stored in the graph (of one domain, or all).
MATCH (p:GovPolicy)
WHERE $domain IS NULL OR p.domain = $domain
RETURN p {.*} AS policy
ORDER BY p.domain, p.origin, p.policy
