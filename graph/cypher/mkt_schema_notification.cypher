CREATE CONSTRAINT mkt_notification_id IF NOT EXISTS FOR (n:Notification) REQUIRE n.id IS UNIQUE
