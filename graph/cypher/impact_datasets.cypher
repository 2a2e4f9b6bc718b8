// What puts each impacted dataset in context, one list per dataset in one row: its position
// in $ids, name, kind, current data products, current owners [id, name, role] and the
// classifications it carries itself [id, name] (accepted or propagated; suggested and
// rejected ones do not count). One statement, not one per fact: each separate statement
// looked every dataset up again, and four of them took three to four times as long. The
// position rather than the id comes back: ids are long strings, and sent once is enough.
// Patterns start at the known node: ArcadeDB plans from the leftmost node.
UNWIND range(0, size($ids) - 1) AS i
WITH i, $ids[i] AS did
MATCH (d:Dataset {id: did})
RETURN collect([i, d.name, d.kind,
  [(d)<-[cp:CONTAINS]-(p:DataProduct) WHERE cp.valid_to IS NULL AND p.valid_to IS NULL
   | p.id],
  [(d)-[o:OWNED_BY]->(w:Owner) WHERE o.valid_to IS NULL AND w.valid_to IS NULL
   | [w.id, w.name, o.role]],
  [(d)-[k:CLASSIFIED_AS]->(c:Classification)
   WHERE k.valid_to IS NULL
     AND (k.status = 'accepted' OR k.status = 'propagated'
          OR (k.source = 'propagated' AND (k.status IS NULL OR k.status <> 'rejected')))
   | [c.id, c.name]]]) AS rows
