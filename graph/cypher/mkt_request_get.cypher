MATCH (r:AccessRequest {id: $id})
RETURN r {.*} AS request
