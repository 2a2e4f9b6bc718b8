CREATE CONSTRAINT mkt_dataset_health_id IF NOT EXISTS FOR (n:DatasetHealth) REQUIRE n.id IS UNIQUE
