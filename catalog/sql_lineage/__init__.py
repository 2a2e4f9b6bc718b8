"""What SQL lineage could not read: statements that did not parse, by job."""
