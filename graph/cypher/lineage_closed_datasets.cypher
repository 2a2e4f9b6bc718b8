// The ids of closed datasets (valid_to set): a lineage hop does not step onto them.
MATCH (d:Dataset)
WHERE d.valid_to IS NOT NULL
RETURN d.id AS id
