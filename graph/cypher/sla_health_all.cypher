MATCH (h:DatasetHealth)
RETURN h {.*} AS health
