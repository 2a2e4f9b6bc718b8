// Open nodes of one label with their properties (governance views).
MATCH (n:__LABEL__)
WHERE n.valid_to IS NULL
RETURN n {.*} AS node
