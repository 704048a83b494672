"""Relevance of newsdesk's search against plain BM25 on `content`, scored on judged queries.

    python -m benchmarks.search.relevance [--splits dev seeds] [--distractors 5000]

Builds (once) an index of the Multi-News sample's 570 articles and the five seeds, ingested
through the full enrichment pipeline, and `--distractors` BBC and AG News articles taken from
the search benchmark's enriched 10k index with today's fields added (`mappings.py`: spaCy on
5,000 more articles takes an hour on this shared machine; their lemmas are looked up per word,
the judged articles' come from the parse). Each judged
query (`benchmarks/search/judgments/`) is run two ways in the same run: plain BM25 (`match` on
`content`) and newsdesk's query as `/search` builds it (title, text, entity names, lemmas,
synonyms, phrase proximity). Prints nDCG@10 and recall@10 per split and query class, and the
ratio. The `test` split is the held-out third: score it once, at the end.
"""

from __future__ import annotations

import argparse
import math
from collections import defaultdict
from collections.abc import Callable, Iterator
from itertools import islice
from typing import Any

from elasticsearch import helpers
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from benchmarks.search.indexes import build_enriched, document_count
from benchmarks.search.judgments import SPLITS, Judged, load_judgments
from benchmarks.search.mappings import with_new_fields
from benchmarks.shared_data import REPO_ROOT, corpus_records
from newsdesk.search_api.ingest.articles import ArticleIn
from newsdesk.search_api.ingest.readers import InputItem
from newsdesk.search_api.search.models import SearchRequest
from newsdesk.search_api.search.query import build_search_body
from newsdesk.search_api.services import Services
from newsdesk.search_api.settings import Settings

K = 10
ENRICHED = "bench-search-10k"
SEEDS = REPO_ROOT / "seeds"


def multinews_articles() -> Iterator[dict[str, Any]]:
    for item in corpus_records("multi-news-sample.jsonl"):
        for number, text in enumerate(item["docs"]):
            yield {"id": f"mn-{item['cluster']}-{number}", "content": text, "source": "Multi-News"}


def distractor_articles(count: int) -> Iterator[dict[str, Any]]:
    bbc = (
        {"id": r["id"], "title": r["title"], "source": r["source"], "content": r["text"]}
        for r in corpus_records("bbc-news.jsonl")
    )
    ag = (
        {"id": r["id"], "title": r["title"], "source": r["source"], "content": r["description"]}
        for r in corpus_records("ag-news.jsonl")
    )
    yield from islice((a for source in (bbc, ag) for a in source), count)


def seed_articles() -> Iterator[dict[str, Any]]:
    for path in sorted(SEEDS.glob("*.txt")):
        yield {"id": path.stem, "content": path.read_text(encoding="utf-8")}


def build_index(services: Services, distractors: int) -> None:
    """Ingest the judged articles through every processor and add the distractors, unless done."""
    client, alias = services.client, services.settings.index_alias
    judged = [*multinews_articles(), *seed_articles()]
    if document_count(client, alias) < len(judged):
        items = (InputItem(origin=a["id"], article=ArticleIn.model_validate(a)) for a in judged)
        with Progress() as progress:
            task = progress.add_task(f"ingest {alias}", total=len(judged))
            services.ingestor().ingest(items, on_progress=lambda n: progress.advance(task, n))
    if document_count(client, alias) >= len(judged) + distractors:
        return
    enriched = Settings(index_alias=ENRICHED)
    build_enriched(enriched, 10_000)
    ids = [a["id"] for a in distractor_articles(distractors)]
    expander = services.expander
    with Progress() as progress:
        task = progress.add_task(f"distractors from {ENRICHED}", total=len(ids))
        for start in range(0, len(ids), 500):
            found = client.mget(index=ENRICHED, ids=ids[start : start + 500])["docs"]
            actions = [
                {"_index": alias, "_id": d["_id"], "_source": with_new_fields(d["_source"], expander)}
                for d in found
                if d.get("found")
            ]
            helpers.bulk(client, actions)
            progress.advance(task, len(actions))
    client.indices.refresh(index=alias)


def bm25_query(text: str) -> dict[str, Any]:
    return {"match": {"content": text}}


def newsdesk_query(services: Services) -> Callable[[str], dict[str, Any]]:
    def query(text: str) -> dict[str, Any]:
        request = SearchRequest(query=text, size=K, facets=[])
        body = build_search_body(request, services.facets, services.text_fields, services.expander)
        return dict(body["query"])

    return query


def ranked_ids(services: Services, query: dict[str, Any]) -> list[str]:
    response = services.client.search(index=services.settings.index_alias, query=query, size=K, source=False)
    return [hit["_id"] for hit in response["hits"]["hits"]]


def ndcg(ranked: list[str], relevant: frozenset[str]) -> float:
    gain = sum(1 / math.log2(rank + 2) for rank, doc in enumerate(ranked[:K]) if doc in relevant)
    ideal = sum(1 / math.log2(rank + 2) for rank in range(min(len(relevant), K)))
    return gain / ideal if ideal else 0.0


def recall(ranked: list[str], relevant: frozenset[str]) -> float:
    return len(set(ranked[:K]) & relevant) / len(relevant) if relevant else 0.0


def score(
    services: Services, judged: list[Judged], systems: dict[str, Callable[[str], dict[str, Any]]]
) -> dict[tuple[str, str, str], list[tuple[float, float]]]:
    """(split, class, system) -> per-query (nDCG@10, recall@10); class `all` too."""
    scores: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
    for item in judged:
        for name, build in systems.items():
            ranked = ranked_ids(services, build(item.query))
            pair = (ndcg(ranked, item.relevant), recall(ranked, item.relevant))
            scores[(item.split, "all", name)].append(pair)
            scores[(item.split, item.query_class, name)].append(pair)
    return scores


def report(scores: dict[tuple[str, str, str], list[tuple[float, float]]], splits: list[str]) -> Table:
    table = Table(title=f"Relevance: nDCG@{K} and recall@{K}, plain BM25 on content vs newsdesk's query")
    for column in (
        "split",
        "class",
        "queries",
        "BM25 nDCG",
        "newsdesk nDCG",
        "ratio",
        "BM25 R",
        "newsdesk R",
    ):
        table.add_column(column, justify="right")
    for split in splits:
        for query_class in ("all", "names", "words"):
            base, ours = (
                scores.get((split, query_class, "bm25")),
                scores.get((split, query_class, "newsdesk")),
            )
            if not base or not ours:
                continue
            b_ndcg, b_rec = (sum(p[0] for p in base) / len(base), sum(p[1] for p in base) / len(base))
            n_ndcg, n_rec = (sum(p[0] for p in ours) / len(ours), sum(p[1] for p in ours) / len(ours))
            table.add_row(
                split,
                query_class,
                str(len(base)),
                f"{b_ndcg:.3f}",
                f"{n_ndcg:.3f}",
                f"{n_ndcg / b_ndcg:.2f}" if b_ndcg else "-",
                f"{b_rec:.3f}",
                f"{n_rec:.3f}",
            )
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--splits", nargs="+", choices=SPLITS, default=["dev", "seeds"])
    parser.add_argument("--distractors", type=int, default=5000)
    parser.add_argument("--index", default="bench-relevance")
    args = parser.parse_args()
    services = Services.start(Settings(index_alias=args.index))
    build_index(services, args.distractors)
    multinews: dict[int, list[str]] = defaultdict(list)
    for article in multinews_articles():
        multinews[int(article["id"].split("-")[1])].append(article["id"])
    judged = [
        j for j in load_judgments(multinews, [a["id"] for a in seed_articles()]) if j.split in args.splits
    ]
    systems = {"bm25": bm25_query, "newsdesk": newsdesk_query(services)}
    Console().print(report(score(services, judged, systems), args.splits))


if __name__ == "__main__":
    main()
