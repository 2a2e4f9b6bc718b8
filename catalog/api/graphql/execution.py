"""A faster completion of plain objects: the same answers as graphql-core's executor.

graphql-core completes every field of every object on its own (resolve info, path, argument
values, awaitable checks): about 5 us a field, so an impact analysis of a hub (10k datasets
and 27k columns, 170k fields) spent more time in completion than in the graph. Most of our
output types are plain: fields without resolvers, arguments, permissions or extensions,
read as attributes. For such an object this context completes the whole selection in one
pass from a plan made once per selection (as graphql-core memoises the sub-fields).

Anything else takes graphql-core's path: a type with `is_type_of`, an abstract type, a field
with a resolver or arguments, deferred fragments, middleware. And whenever the fast pass
meets a value it would have to report (a null in a non-null field, a leaf that does not
coerce, a list that is not one), it gives up on that object and graphql-core completes it
again, so errors and their paths are graphql-core's own.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter
from typing import Any

from graphql import (
    GraphQLLeafType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLResolveInfo,
    Undefined,
)
from graphql.pyutils import Path
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

DEFINITION = "strawberry-definition"  # where strawberry keeps a field's definition

Complete = Callable[[Any], Any]


class _Slow(Exception):
    """The fast pass met something only graphql-core's path reports correctly."""


class FastExecutionContext(StrawberryGraphQLCoreExecutionContext):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # (type, id(field details)) -> (field details kept alive, plan or None)
        self._plans: dict[tuple[GraphQLObjectType, int], tuple[Any, Complete | None]] = {}

    def complete_object_value(self, return_type: GraphQLObjectType, field_details_list: Any,
                              info: GraphQLResolveInfo, path: Path, result: Any,
                              position_context: Any) -> Any:
        plan = self._plan(return_type, field_details_list)
        if plan is not None:
            try:
                return plan(result)
            except Exception:  # noqa: BLE001 - graphql-core's path reports it
                pass
        return super().complete_object_value(return_type, field_details_list, info, path,
                                             result, position_context)

    def _plan(self, return_type: GraphQLObjectType, field_details_list: Any
              ) -> Complete | None:
        key = (return_type, id(field_details_list))
        cached = self._plans.get(key)
        if cached is None:
            self._plans[key] = (field_details_list, None)  # a cycle plans as "not plain"
            cached = self._plans[key] = (field_details_list,
                                         self._make_plan(return_type, field_details_list))
        return cached[1]

    def _make_plan(self, return_type: GraphQLObjectType, field_details_list: Any
                   ) -> Complete | None:
        middleware = self.middleware_manager
        if return_type.is_type_of is not None or (
                middleware is not None and middleware.middlewares):
            return None
        grouped, defer_usages, _ = self.collect_subfields(return_type, field_details_list)
        if defer_usages:
            return None
        fields: list[tuple[str, Callable[[Any], Any], Complete]] = []
        for response_name, details in grouped.items():
            node = details[0].node
            name = node.name.value
            if name == "__typename":
                type_name = return_type.name
                fields.append((response_name, lambda _obj, n=type_name: n, _same))
                continue
            field_def = self.schema.get_field(return_type, name)
            if field_def is None:
                continue  # graphql-core leaves it out too
            definition = (field_def.extensions or {}).get(DEFINITION)
            if (field_def.args or node.arguments or definition is None
                    or not getattr(field_def.resolve, "_is_default", False)
                    or definition.base_resolver is not None or definition.permission_classes
                    or definition.extensions or definition.default_resolver is not getattr):
                return None
            complete = self._completer(field_def.type, details)
            if complete is None:
                return None
            fields.append((response_name, attrgetter(definition.python_name), complete))

        def run(obj: Any) -> dict[str, Any]:
            return {name: complete(get(obj)) for name, get, complete in fields}

        return run

    def _completer(self, type_: GraphQLOutputType, details: Any) -> Complete | None:
        if isinstance(type_, GraphQLNonNull):
            inner = self._completer(type_.of_type, details)
            if inner is None:
                return None

            def non_null(value: Any) -> Any:
                done = inner(value)
                if done is None:
                    raise _Slow
                return done
            return non_null
        if isinstance(type_, GraphQLList):
            item = self._completer(type_.of_type, details)
            if item is None:
                return None

            def as_list(value: Any) -> Any:
                if value is None or value is Undefined:
                    return None
                if not isinstance(value, list | tuple):
                    raise _Slow
                return [item(v) for v in value]
            return as_list
        if isinstance(type_, GraphQLLeafType):
            coerce = type_.coerce_output_value

            def leaf(value: Any) -> Any:
                if value is None or value is Undefined:
                    return None
                if isinstance(value, Exception):
                    raise _Slow
                done = coerce(value)
                if done is None or done is Undefined:
                    raise _Slow
                return done
            return leaf
        if isinstance(type_, GraphQLObjectType):
            plan = self._plan(type_, details)
            if plan is None:
                return None

            def obj(value: Any) -> Any:
                if value is None or value is Undefined:
                    return None
                if isinstance(value, Exception):
                    raise _Slow
                return plan(value)
            return obj
        return None  # interfaces and unions: graphql-core resolves their type


def _same(value: Any) -> Any:
    return value
