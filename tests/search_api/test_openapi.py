"""Every endpoint is documented with an example, under the versioned prefix."""

from __future__ import annotations

import json
from typing import Any

import pytest

from newsdesk.search_api.app import create_app

pytestmark = pytest.mark.unit


def resolve(node: Any, schema: dict[str, Any]) -> Any:
    """The node with every local $ref replaced by what it points to (one level is enough here)."""
    if isinstance(node, dict):
        if "$ref" in node:
            name = node["$ref"].rsplit("/", 1)[-1]
            return schema["components"]["schemas"][name]
        return {key: resolve(value, schema) for key, value in node.items()}
    if isinstance(node, list):
        return [resolve(item, schema) for item in node]
    return node


def test_every_operation_has_an_example() -> None:
    schema = create_app().openapi()
    missing = []
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            if "example" not in json.dumps(resolve(operation, schema)):
                missing.append(f"{method.upper()} {path}")
    assert missing == []


def test_every_path_is_versioned() -> None:
    paths = create_app().openapi()["paths"]
    assert paths and all(path.startswith("/v1/") for path in paths)
