"""The stages the ingest benchmark times on their own, each run in a subprocess of its own.

    python -m benchmarks.ingest.stages spacy INPUT --processes 2   # bare nlp.pipe on the texts
    python -m benchmarks.ingest.stages chain INPUT --processes 2 --dump OUT.jsonl

`spacy` parses the articles' texts with nothing else; `chain` runs every processor (the parse
included, in worker processes as `newsdesk ingest` does) but writes nothing to the article index:
it dumps the enriched documents as they would be stored, for the bulk stage. Each prints one
JSON line: articles and the seconds they took (model loading and start-up left out).
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from haystack import Document


def texts(path: Path) -> Iterator[str]:
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            yield json.loads(line)["content"]


def bare_spacy(path: Path, processes: int, batch_size: int) -> dict[str, Any]:
    from newsdesk.plugins.nlp import load_model
    from newsdesk.search_api.settings import Settings

    nlp = load_model(Settings().spacy_model)
    list(nlp.pipe(["Warm up the model."]))
    started = time.perf_counter()
    count = sum(1 for _ in nlp.pipe(texts(path), batch_size=batch_size, n_process=processes))
    return {"articles": count, "seconds": time.perf_counter() - started}


class DumpWriter:
    """Stands in for the article writer: the documents go to a file, not to Elasticsearch."""

    out: IO[str]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        pass

    def write(self, documents: list[Document]) -> Any:
        from newsdesk.search_api.ingest.writer import WriteResult, to_source

        for doc in documents:
            DumpWriter.out.write(json.dumps(to_source(doc), ensure_ascii=False, default=str) + "\n")
        return WriteResult(created=[doc.id for doc in documents])


def enrichment_chain(path: Path, processes: int, alias: str, dump: Path) -> dict[str, Any]:
    import newsdesk.search_api.ingest.run
    from newsdesk.search_api.ingest.ingestor import Ingestor
    from newsdesk.search_api.ingest.readers import read_inputs
    from newsdesk.search_api.services import Services
    from newsdesk.search_api.settings import Settings

    settings = Settings(index_alias=alias)
    services = Services.start(settings)
    ingestor = Ingestor(settings, services.host, services.client, processes=processes, max_wait=600)
    newsdesk.search_api.ingest.run.ArticleWriter = DumpWriter  # type: ignore[misc]
    with dump.open("w", encoding="utf-8") as DumpWriter.out:
        report = ingestor.ingest(read_inputs([path]), keep=0)
    return {"articles": report.counts["created"], "seconds": report.seconds}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stage", choices=["spacy", "chain"])
    parser.add_argument("input", type=Path)
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--alias", default="bench-ingest-chain")
    parser.add_argument("--dump", type=Path, default=Path("/dev/null"))
    args = parser.parse_args()
    if args.stage == "spacy":
        result = bare_spacy(args.input, args.processes, args.batch_size)
    else:
        result = enrichment_chain(args.input, args.processes, args.alias, args.dump)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
