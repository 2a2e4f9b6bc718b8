"""GraphQL mutations, one class per feature, merged into Mutation by the schema factory."""
