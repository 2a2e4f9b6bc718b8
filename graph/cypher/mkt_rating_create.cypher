MATCH (p:DataProduct {id: $product})
CREATE (r:Rating {id: $id, product: $product, consumer: $consumer, stars: $stars,
                  comment: $comment, by: $by, at: $now})
CREATE (r)-[:RATES]->(p)
RETURN r {.*} AS rating
