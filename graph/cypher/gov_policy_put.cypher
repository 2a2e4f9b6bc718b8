// A domain's policy stored in the graph (set through the API, or read by the data-product
// ingestor from a policy file beside the manifests).
MERGE (p:GovPolicy {id: $id})
SET p.domain = $domain, p.policy = $policy, p.text = $text, p.origin = $origin,
    p.line = $line, p.updated_at = $now, p.updated_by = $actor
RETURN p {.*} AS policy
