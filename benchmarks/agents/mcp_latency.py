"""`ask` through MCP (Streamable HTTP at /mcp) against `POST /v1/qa`, in the same run. Goal: ≤ 1.1 ×.

    python -m benchmarks.agents.mcp_latency                 # 40 rounds over the seed questions
    python -m benchmarks.agents.mcp_latency --rounds 100

The API runs in a process of its own (uvicorn on 127.0.0.1) over an index of this run's own
holding the five seeds (ingested through `POST /v1/ingest`, deleted afterwards). Each round asks
one question of the seeds' QA set both ways, in turn (which goes first alternates), one MCP
session held open as an agent would. Reported: mean, p50, p95 of each and their ratio.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
import uuid
from typing import Any

import httpx
from mcp.client import Client

from benchmarks.api_server import served_api
from benchmarks.qa.metrics import table
from benchmarks.qa.seeds import SEEDS, load_items

GOAL = 1.1


def _summary(times: list[float]) -> list[float]:
    ordered = sorted(times)
    return [
        statistics.mean(ordered) * 1000,
        ordered[len(ordered) // 2] * 1000,
        ordered[int(0.95 * len(ordered))] * 1000,
    ]


async def measure(url: str, questions: list[str], rounds: int) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {"/v1/qa": [], "MCP ask": []}
    async with httpx.AsyncClient(base_url=url, timeout=120) as http, Client(f"{url}/mcp") as mcp:

        async def rest(question: str) -> None:
            response = await http.post("/v1/qa", json={"question": question})
            response.raise_for_status()

        async def tool(question: str) -> None:
            result = await mcp.call_tool("ask", {"question": question})
            if result.is_error:
                raise RuntimeError(str(result.content))

        await rest(questions[0])  # warm both: the reader loads on first use
        await tool(questions[0])
        for round_number in range(rounds):
            question = questions[round_number % len(questions)]
            pair: list[tuple[str, Any]] = [("/v1/qa", rest), ("MCP ask", tool)]
            for name, call in pair if round_number % 2 == 0 else pair[::-1]:
                start = time.perf_counter()
                await call(question)
                times[name].append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=40)
    args = parser.parse_args()
    alias = f"newsdesk-bench-mcp-{uuid.uuid4().hex[:8]}"
    env = {"NEWSDESK_INDEX_ALIAS": alias, "NEWSDESK_ALLOW_ANONYMOUS_WRITES": "true"}
    questions = sorted({item["question"] for item in load_items()})
    with served_api(env) as url:
        articles = [
            {"id": p.stem, "content": p.read_text(encoding="utf-8")} for p in sorted(SEEDS.glob("*.txt"))
        ]
        try:
            httpx.post(f"{url}/v1/ingest", json={"articles": articles}, timeout=600).raise_for_status()
            times = asyncio.run(measure(url, questions, args.rounds))
        finally:
            from newsdesk.search_api.index.admin import drop_index
            from newsdesk.search_api.index.client import make_client
            from newsdesk.search_api.settings import Settings

            settings = Settings(index_alias=alias)
            drop_index(make_client(settings), settings)
    rest, tool = _summary(times["/v1/qa"]), _summary(times["MCP ask"])
    ratio = tool[0] / rest[0]
    rows = [
        ["/v1/qa (baseline)", args.rounds, *rest, "1.00"],
        ["MCP ask", args.rounds, *tool, f"{ratio:.2f}"],
    ]
    print(table(["path", "requests", "mean ms", "p50 ms", "p95 ms", "× /qa (mean)"], rows))
    print(f"goal: MCP ask ≤ {GOAL} × /qa: {'met' if ratio <= GOAL else 'MISSED'} ({ratio:.2f})")


if __name__ == "__main__":
    main()
