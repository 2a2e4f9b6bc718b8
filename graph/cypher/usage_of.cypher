// Usage rows by id (usage:<product or dataset>|<day>): a page's products, one lookup each.
UNWIND $ids AS id
MATCH (u:Usage {id: id})
RETURN u.product AS product, u.day AS day, u.views AS views, u.reads AS reads
