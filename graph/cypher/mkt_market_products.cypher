// What the marketplace sorts by before it reads one page's details: open products (those
// whose name or description holds $text, lower case; all when null): [id, name] pairs in one
// record (10,000 records cost the driver four times what one list does).
MATCH (p:DataProduct)
WHERE p.valid_to IS NULL
  AND ($text IS NULL OR toLower(coalesce(p.name, '')) CONTAINS $text
       OR toLower(coalesce(p.description, '')) CONTAINS $text)
RETURN collect([p.id, p.name]) AS products
