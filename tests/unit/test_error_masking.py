"""Unexpected errors reach clients as a code and a message, without internals."""

import strawberry

from catalog.api.graphql.errors import add_codes
from catalog.api.graphql.hardening import extensions
from catalog.settings import Settings
from graph import NotFound


@strawberry.type
class Query:
    @strawberry.field
    def boom(self) -> str:
        raise RuntimeError("secret detail: password=hunter2")

    @strawberry.field
    def missing(self) -> str:
        raise NotFound("dataset:x:y")


class _Schema(strawberry.Schema):
    def process_errors(self, errors, execution_context=None):
        add_codes(errors)
        super().process_errors(errors, execution_context)


def test_internal_errors_are_masked_and_known_ones_keep_their_message():
    schema = _Schema(query=Query, extensions=extensions(Settings()))
    res = schema.execute_sync("{ boom }")
    assert "hunter2" not in res.errors[0].message
    assert res.errors[0].message.startswith("internal error")
    res = schema.execute_sync("{ missing }")
    assert "dataset:x:y" in res.errors[0].message
    assert res.errors[0].extensions["code"] == "NOT_FOUND"
