// Open nodes of one label with their properties (governance views), as one list: a
// whole-catalog read costs far less per row in one record than in a record per row.
MATCH (n:__LABEL__)
WHERE n.valid_to IS NULL
RETURN collect(n {.*}) AS rows
