"""One GraphQL type per module; ALL_TYPES lists those only reachable through Node."""

from catalog.api.graphql.types.classification import Classification
from catalog.api.graphql.types.column import Column
from catalog.api.graphql.types.data_product import DataProduct
from catalog.api.graphql.types.dataset import Dataset
from catalog.api.graphql.types.domain import Domain
from catalog.api.graphql.types.job import Job
from catalog.api.graphql.types.owner import Owner
from catalog.api.graphql.types.run import Run
from catalog.api.graphql.types.tag import Tag

ALL_TYPES = [Classification, Column, DataProduct, Dataset, Domain, Job, Owner, Run, Tag]
