MATCH (u:Usage)
WHERE u.day >= $since
RETURN u.product AS product, u.day AS day, u.views AS views, u.reads AS reads
