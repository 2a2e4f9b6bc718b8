CREATE CONSTRAINT mkt_endorsement_id IF NOT EXISTS FOR (n:Endorsement) REQUIRE n.id IS UNIQUE
