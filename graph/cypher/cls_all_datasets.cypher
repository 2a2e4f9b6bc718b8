// Ids of the open datasets, in id order (the classifier's "all").
MATCH (d:Dataset)
WHERE d.valid_to IS NULL
RETURN d.id AS id
ORDER BY id
