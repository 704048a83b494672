"""Issue 17's forms: ranges with a sign on both ends, changes, magnitude letters, data units, names, scores.

Each case has its near miss beside it: a change is not a range, a race distance is not a million,
a count after a place name is still a count.
"""

from __future__ import annotations

from typing import Any

import pytest

from newsdesk.plugins.builtin.numbers import NumberNormaliser
from tests.plugins.builtin.conftest import numbers_in

pytestmark = pytest.mark.unit


def by_text(normaliser: NumberNormaliser, text: str) -> dict[str, dict[str, Any]]:
    return {m["text"]: m for m in numbers_in(normaliser, text)}


@pytest.mark.parametrize(
    ("text", "span", "low", "high", "unit"),
    [
        ("Rates will stay between 5% and 6% next year.", "between 5% and 6%", 0.05, 0.06, "percent"),
        ("Fees rose to 5% to 10% of turnover.", "5% to 10%", 0.05, 0.10, "percent"),
        (
            "Homes sell for $800,000 to $1.3 million in the area.",
            "$800,000 to $1.3 million",
            8e5,
            1.3e6,
            "USD",
        ),
        ("Prices range from £19 to £29.", "£19 to £29", 19, 29, "GBP"),
        ("It pays $6.0-$6.5 per share.", "$6.0-$6.5", 6.0, 6.5, "USD"),
        ("The fine is between 300 and 400 dollars.", "between 300 and 400 dollars", 300, 400, "USD"),
        ("It will cut profits by $3.8m to $4.9m this year.", "$3.8m to $4.9m", 3.8e6, 4.9e6, "USD"),
    ],
)
def test_a_range_is_one_mention_and_keeps_the_unit_written_on_both_ends(
    normaliser: NumberNormaliser, text: str, span: str, low: float, high: float, unit: str
) -> None:
    found = by_text(normaliser, text)
    assert list(found) == [span]
    assert (found[span]["low"], found[span]["high"]) == pytest.approx((low, high))
    assert (found[span]["qualifier"], found[span]["unit"]) == ("range", unit)


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        (
            "Its share fell from 11.2% to 9.6% last month.",
            {"11.2%": ("from", "down"), "9.6%": ("to", "down")},
        ),
        ("US light crude rose $1.64 to $47.10.", {"$1.64": ("by", "up"), "$47.10": ("to", "up")}),
        (
            "Unemployment fell by 16,000 to 1.41 million.",
            {"16,000": ("by", "down"), "1.41 million": ("to", "down")},
        ),
        ("Confidence rose to 104.4 from 103.3 in May.", {"104.4": ("to", "up"), "103.3": ("from", "up")}),
        ("Adults get £5.05 an hour, up from £4.85.", {"£5.05": ("to", "up"), "£4.85": ("from", "up")}),
        (
            "Profits rose 1% to £933m ($1.78bn).",
            {"1%": ("by", "up"), "£933m": ("to", "up"), "$1.78bn": ("to", "up")},
        ),
        ("He got a 20 percent increase in pay.", {"20 percent": ("by", "up")}),
        ("Mrs Wilson fell 30ft down a cliff.", {"30ft": (None, None)}),
        ("Prices range from £19 to £29.", {"£19 to £29": (None, None)}),
    ],
)
def test_a_change_marks_its_figures_from_to_and_by_with_the_direction(
    normaliser: NumberNormaliser, text: str, roles: dict[str, tuple[str | None, str | None]]
) -> None:
    found = by_text(normaliser, text)
    assert {span: (found[span]["change"], found[span]["direction"]) for span in roles} == roles


@pytest.mark.parametrize(
    ("text", "span", "kind", "value", "unit"),
    [
        ("Up to 1.4m workers could strike.", "Up to 1.4m", "count", 1.4e6, None),
        ("It sold 35m of its devices.", "35m", "count", 35e6, None),
        ("China shipped 1.2m tons of steel.", "1.2m tons", "quantity", 1.2e6, "tonne"),
        ("There were 4.3M sales last year.", "4.3M", "count", 4.3e6, None),
        ("The planet holds 8 B people.", "8 B", "count", 8e9, None),
        ("She won the 100m hurdles.", "100m", "quantity", 100, "m"),
        ("Kluft will contest the 60m at the indoor meeting.", "60m", "quantity", 60, "m"),
        ("The iPod holds 30GB of music.", "30GB", "quantity", 30, "GB"),
        ("Speeds of 1.5 TB a day and 10 Mbps lines.", "10 Mbps", "quantity", 10, "Mbps"),
        ("The chip runs at 3.2GHz.", "3.2GHz", "quantity", 3.2, "GHz"),
        ("Each film is about 100 gigabytes.", "about 100 gigabytes", "quantity", 100, "GB"),
        (
            "Growth slowed by about four percentage points.",
            "about four percentage points",
            "percent",
            0.04,
            "percentage point",
        ),
    ],
)
def test_magnitude_letters_scale_and_units_stay_units(
    normaliser: NumberNormaliser, text: str, span: str, kind: str, value: float, unit: str | None
) -> None:
    mention = by_text(normaliser, text)[span]
    assert (mention["kind"], mention["unit"]) == (kind, unit)
    assert mention["value"] == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "not_read", "read"),
    [
        ("I listen to Radio 2 but not much.", {"2"}, set()),
        ("Shares in the S&P 500 and the FTSE 100 rose 2%.", {"500", "100"}, {"2%"}),
        ("Windows 11 computers sold well, 40 of them in May.", {"11"}, {"40"}),
        ("He left Britain 30 years ago.", set(), {"30 years"}),
        (
            "Barcelona won 2-1 after losing the first set 6-1, 6-7 (2-7) 7-6.",
            {"2-1", "6-1", "6-7", "7-6"},
            set(),
        ),
        ("About 300-400 fighters remained.", set(), {"About 300-400"}),
    ],
)
def test_numbers_in_names_and_match_scores_are_not_counts(
    normaliser: NumberNormaliser, text: str, not_read: set[str], read: set[str]
) -> None:
    found = set(by_text(normaliser, text))
    assert not any(number in span for span in found for number in not_read)
    assert read <= found
