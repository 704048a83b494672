"""The built-in figure rules: do two outlets' figures for one thing agree, nearly, or not at all?

Asked in order until one answers (`newsdesk_register_figure_rules`): figures whose stated bounds
overlap agree ('more than 1,000' and 'as many as 3,250'; 'hundreds' agrees with anything, being
vague); precise ones a few percent apart are within reporting tolerance (rounding, a later count);
anything else disagrees (four months against five).
"""

from __future__ import annotations

from newsdesk.plugins.annotations import bounds_disjoint, figure_bounds
from newsdesk.plugins.stories import FigureClaim, Verdict

REPORTING_TOLERANCE = 0.05  # relative gap between two precise figures still called the same


def overlapping_bounds(a: FigureClaim, b: FigureClaim) -> Verdict | None:
    return None if bounds_disjoint(a, b) else "agree"


def reporting_tolerance(a: FigureClaim, b: FigureClaim) -> Verdict | None:
    (a_low, a_high), (b_low, b_high) = figure_bounds(a), figure_bounds(b)
    gap = max(b_low - a_high, a_low - b_high)
    scale = max(abs(x) for x in (a_low, a_high, b_low, b_high) if abs(x) != float("inf"))
    return "within_tolerance" if scale and gap / scale <= REPORTING_TOLERANCE else None


def otherwise_disagree(a: FigureClaim, b: FigureClaim) -> Verdict | None:
    return "disagree"
