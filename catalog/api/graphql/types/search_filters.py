from __future__ import annotations

import strawberry


@strawberry.input(description="Values of one filter are or'ed, filters are and'ed. Domains, "
                  "data products, tags, classifications and owners by id or by name.")
class SearchFilters:
    domain: list[str] | None = None
    data_product: list[str] | None = None
    platform: list[str] | None = None
    tag: list[str] | None = None
    classification: list[str] | None = strawberry.field(
        default=None, description="A dataset matches the classifications of its columns too.")
    owner: list[str] | None = strawberry.field(
        default=None, description="Owners of a data product own its datasets and columns.")

    def as_dict(self) -> dict[str, list[str]]:
        return {name: values for name, values in (
            ("domain", self.domain), ("dataProduct", self.data_product),
            ("platform", self.platform), ("tag", self.tag),
            ("classification", self.classification), ("owner", self.owner)) if values}
