// What the monitor recorded about datasets: last success, last run, bounded series (in
// one record: see sla_products_of).
UNWIND $ids AS id
MATCH (h:DatasetHealth {id: id})
RETURN collect(h {.*}) AS health
