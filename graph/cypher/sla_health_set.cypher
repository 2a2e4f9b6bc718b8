UNWIND $rows AS row
MERGE (h:DatasetHealth {id: row.id})
SET h.last_success = row.last_success, h.last_run_state = row.last_run_state,
    h.last_run_at = row.last_run_at, h.last_run = row.last_run,
    h.updates = row.updates, h.row_counts = row.row_counts, h.updated_at = $now
RETURN count(h) AS written
