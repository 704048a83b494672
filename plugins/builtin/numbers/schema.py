"""The number plugin's public schema: one mention of `meta["numbers"]` and its mapping.

The shape is declared once, in the SDK (`newsdesk.plugins.annotations.NumberMention`), because the
search filters, the QA extractor and the docs read it too; this module names it for the plugin.
"""

from __future__ import annotations

from typing import Any

from newsdesk.plugins.annotations import Kind, NumberMention, Qualifier, nested_mapping

Mention = NumberMention
MAPPING: dict[str, Any] = nested_mapping(NumberMention)

__all__ = ["MAPPING", "Kind", "Mention", "Qualifier"]
