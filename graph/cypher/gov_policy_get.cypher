MATCH (p:GovPolicy {id: $id})
RETURN p {.*} AS policy
