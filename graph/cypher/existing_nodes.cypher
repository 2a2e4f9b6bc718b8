// Which of $ids already exist (bulk upserts create the others without a MERGE).
UNWIND $ids AS id
MATCH (n:__LABEL__ {id: id})
RETURN n.id AS id
