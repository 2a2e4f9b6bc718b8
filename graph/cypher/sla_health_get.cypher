// What the monitor recorded about datasets: last success, last run, bounded series.
UNWIND $ids AS id
MATCH (h:DatasetHealth {id: id})
RETURN h {.*} AS health
