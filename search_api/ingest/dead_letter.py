"""Articles that could not be processed or indexed, kept with the reason and the raw input.

A JSON Lines file: easy to read, to grep, and to feed back to `newsdesk ingest` once fixed.
"""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any


class DeadLetterStore:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()

    def add(self, *, origin: str, reason: str, article_id: str | None = None, raw: Any = None) -> None:
        record = {
            "at": datetime.now(UTC).isoformat(),
            "id": article_id,
            "origin": origin,
            "reason": reason,
            "raw": raw,
        }
        line = json.dumps(record, ensure_ascii=False, default=str)
        with self._lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8") as out:
                out.write(line + "\n")

    def records(self) -> list[dict[str, Any]]:
        if not self.path.exists():
            return []
        with self.path.open(encoding="utf-8") as lines:
            return [json.loads(line) for line in lines if line.strip()]
