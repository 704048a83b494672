"""`order`, `before` and `after` resolve into one run order, or a clear error."""

from __future__ import annotations

import pytest

from newsdesk.plugins.chain.ordering import ProcessorOrderError, resolve_order
from newsdesk.plugins.specs import ProcessorSpec

pytestmark = pytest.mark.unit


def spec(
    name: str, order: int = 500, before: tuple[str, ...] = (), after: tuple[str, ...] = ()
) -> ProcessorSpec:
    return ProcessorSpec(
        name=name, component=None, order=order, plugin=f"p_{name}", before=before, after=after
    )


@pytest.mark.parametrize(
    ("specs", "expected"),
    [
        ([spec("b", 200), spec("a", 100), spec("c", 300)], ["a", "b", "c"]),
        ([spec("x"), spec("y")], ["x", "y"]),  # ties keep registration order
        ([spec("a", 100), spec("late", 50, after=("b",)), spec("b", 200)], ["a", "b", "late"]),
        ([spec("a", 100), spec("early", 900, before=("a",))], ["early", "a"]),
        ([spec("a", 100), spec("b", 200), spec("early", 900, before=("b",))], ["a", "early", "b"]),
        ([spec("c", after=("b",)), spec("b", after=("a",)), spec("a")], ["a", "b", "c"]),
    ],
)
def test_constraints_win_over_order_and_order_decides_the_rest(
    specs: list[ProcessorSpec], expected: list[str]
) -> None:
    assert [s.name for s in resolve_order(specs)] == expected


def test_a_cycle_names_the_processors_in_it() -> None:
    specs = [spec("free"), spec("a", after=("b",)), spec("b", after=("a",))]
    with pytest.raises(ProcessorOrderError, match="processors a, b form a cycle"):
        resolve_order(specs)


def test_a_missing_name_is_named_with_the_processors_that_exist() -> None:
    with pytest.raises(ProcessorOrderError, match=r"relative to 'ghost'.*registered: a, b"):
        resolve_order([spec("a"), spec("b", after=("ghost",))])
