// Which of $ids are open nodes (exist and are not closed), looked up by the id index.
UNWIND $ids AS id
MATCH (n:__LABEL__ {id: id})
WHERE n.valid_to IS NULL
RETURN n.id AS id
