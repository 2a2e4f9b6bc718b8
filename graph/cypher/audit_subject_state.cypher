// What a steward's mutation may change on each subject, read before and after it: open
// owners (with roles), open tags, classification decisions and the steward's description.
UNWIND $ids AS sid
MATCH (s:__LABEL__ {id: sid})
OPTIONAL MATCH (s)-[o:OWNED_BY]->(ow:Owner)
WHERE o.valid_to IS NULL
WITH s, sid, collect(DISTINCT ow.name + ' (' + coalesce(o.role, 'owner') + ')') AS owners
OPTIONAL MATCH (s)-[t:TAGGED]->(tg:Tag)
WHERE t.valid_to IS NULL
WITH s, sid, owners, collect(DISTINCT tg.name) AS tags
OPTIONAL MATCH (s)-[c:CLASSIFIED_AS]->(k:Classification)
WHERE c.valid_to IS NULL
RETURN sid AS id, owners, tags, collect(DISTINCT k.name + '=' + c.status) AS classifications,
       s.user_description AS description
