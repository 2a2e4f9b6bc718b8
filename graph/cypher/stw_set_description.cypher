// A steward's description. It is also kept apart (user_description), which datasets and
// columns show first, so a later harvest that rewrites `description` does not lose it.
MATCH (n:__LABEL__ {id: $id})
SET n.description = $description,
    n.user_description = $description,
    n.description_by = $by,
    n.description_at = $now
RETURN n.id AS id
