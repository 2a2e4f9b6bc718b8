// The marketplace's products of one domain (those whose name or description holds $text,
// lower case; all when null): [id, name] pairs in one record.
MATCH (dom:Domain {id: $domain})-[h:HAS_PRODUCT]->(p:DataProduct)
WHERE h.valid_to IS NULL AND p.valid_to IS NULL
  AND ($text IS NULL OR toLower(coalesce(p.name, '')) CONTAINS $text
       OR toLower(coalesce(p.description, '')) CONTAINS $text)
RETURN collect([p.id, p.name]) AS products
