"""The MCP server: newsdesk's search, QA and articles as tools an agent can choose from.

Tools return structured results (their output schemas are the models of `schemas.py`) and, beside
the JSON text, resource links to the articles they cite (`newsdesk://articles/{id}`), which
`resources/read` serves. The same server runs over stdio (`newsdesk mcp`) and Streamable HTTP
(mounted on the API at `/mcp`, see `http.py`).

Usage:
    server = build_server(Backend(services=lambda: services, engine=lambda: engine))
    server.run("stdio")
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Literal

from elasticsearch import TransportError as ElasticsearchTransportError
from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ResourceError, ToolError
from mcp_types import CallToolResult, ContentBlock, ResourceLink, TextContent, ToolAnnotations
from pydantic import BaseModel, Field, ValidationError

from newsdesk.plugins.errors import BackendUnavailableError, NewsdeskError
from newsdesk.search_api.http.errors import status_of
from newsdesk.search_api.ingest.readers import describe_validation_error
from newsdesk.search_api.mcp.backend import Backend
from newsdesk.search_api.mcp.schemas import (
    ARTICLE_URI,
    ArticleOut,
    AskOut,
    EntitiesOut,
    FacetValuesOut,
    FiguresOut,
    SearchOut,
    StoryOut,
    article_uri,
)
from newsdesk.search_api.qa.models import MAX_HISTORY, MAX_QUESTION_CHARS
from newsdesk.search_api.search.models import MAX_QUERY_CHARS, SearchRequest
from newsdesk.search_api.search.number_filters import NumberFilter

SERVER_NAME = "newsdesk"
INSTRUCTIONS = (
    "newsdesk searches and answers questions over a corpus of enriched news articles. Use `ask` for a "
    "factual question (it answers with the sentences and outlets that say so, and whether outlets "
    "agree); `search` to find articles (words, outlet and entity filters, dates, figures such as "
    "'more than 1,000 people killed'); `get_article` to read one; `facet_values` and `entities` to "
    "find the exact names filters take; `story` to follow one event across outlets in time order and "
    "`compare_figures` to see which figures (casualties, durations...) the outlets agree or disagree on."
)
FACET_NAMES = "source, authors, category, language, published (months), people, organizations, places, groups"
READ_ONLY = ToolAnnotations(
    read_only_hint=True, destructive_hint=False, idempotent_hint=True, open_world_hint=False
)


StoryId = Annotated[
    str,
    Field(max_length=512, description="A story id (from `story` or an article's story_id); or give `query`."),
]
StoryQuery = Annotated[
    str,
    Field(
        max_length=MAX_QUERY_CHARS,
        description="Without a story id: the story with the most of the articles these words match.",
    ),
]


def _one_story_named(story_id: str, query: str) -> None:
    if not story_id.strip() and not query.strip():
        msg = "give `story_id` or `query` to name the story"
        raise ToolError(msg)


@contextmanager
def _said_to_the_agent(error_type: type[Exception] = ToolError) -> Iterator[None]:
    """The caller's mistakes and an unreachable backend as errors the agent reads; the rest stays logged."""
    try:
        yield
    except ValidationError as e:
        raise error_type(describe_validation_error(e)) from e
    except (ElasticsearchTransportError, BackendUnavailableError) as e:
        raise error_type("the search backend is unavailable; retry shortly") from e
    except NewsdeskError as e:
        if status_of(e) >= 500:
            raise
        raise error_type(str(e)) from e


def _result(output: BaseModel, links: list[tuple[str, str | None]]) -> CallToolResult:
    """The structured output, the same as JSON text, and a link to each article it names."""
    content: list[ContentBlock] = [TextContent(text=output.model_dump_json())]
    seen: set[str] = set()
    for article_id, title in links:
        if article_id not in seen:
            seen.add(article_id)
            content.append(
                ResourceLink(
                    uri=article_uri(article_id), name=article_id, title=title, mime_type="application/json"
                )
            )
    return CallToolResult(content=content, structured_content=output.model_dump(mode="json"))


def build_server(backend: Backend) -> MCPServer:
    server: MCPServer = MCPServer(name=SERVER_NAME, title="newsdesk", instructions=INSTRUCTIONS)

    @server.tool(title="Search news articles", annotations=READ_ONLY)
    def search(
        query: Annotated[
            str,
            Field(max_length=MAX_QUERY_CHARS, description='Words, "phrases", -exclusions, OR; may be empty.'),
        ] = "",
        filters: Annotated[
            dict[str, list[str]],
            Field(description=f"Facet to values (OR within a facet, AND across). Facets: {FACET_NAMES}."),
        ] = {},  # noqa: B006 - read, never mutated; the schema shows {}
        numbers: Annotated[
            list[NumberFilter],
            Field(description='Figures stated, e.g. {"counted": "people", "verb": "killed", "min": 1000}.'),
        ] = [],  # noqa: B006
        date_from: Annotated[dt.date | None, Field(description="Published on or after (YYYY-MM-DD).")] = None,
        date_to: Annotated[dt.date | None, Field(description="Published on or before (YYYY-MM-DD).")] = None,
        sort: Literal["relevance", "date", "date_asc"] = "relevance",
        size: Annotated[int, Field(ge=1, le=50)] = 10,
        page: Annotated[int, Field(ge=1, le=100)] = 1,
    ) -> Annotated[CallToolResult, SearchOut]:
        """Find news articles: the matching articles (id, title, outlet, date, a snippet) and, per
        facet, the values of all matches with counts. Use it to list coverage, not to answer a question."""
        with _said_to_the_agent():
            request = SearchRequest(
                query=query,
                filters=filters,
                numbers=numbers,
                date_from=date_from,
                date_to=date_to,
                sort=sort,
                size=size,
                page=page,
            )
            found = backend.search(request)
        return _result(found, [(hit.id, hit.title) for hit in found.hits])

    @server.tool(title="Answer a question from the news", annotations=READ_ONLY)
    def ask(
        question: Annotated[str, Field(min_length=1, max_length=MAX_QUESTION_CHARS)],
        history: Annotated[
            list[str],
            Field(max_length=MAX_HISTORY, description="Earlier questions, oldest first, for follow-ups."),
        ] = [],  # noqa: B006
        top_k: Annotated[int, Field(ge=1, le=20)] = 3,
    ) -> Annotated[CallToolResult, AskOut]:
        """Answer a factual question from the articles: the answers, each with the sentence and outlets
        that give it; whether outlets agree or give different values; `no_answer` when nothing fits."""
        with _said_to_the_agent():
            answered = backend.ask(question, history, top_k)
        links = [
            (e.article_id, e.title) for a in [*answered.answers, *answered.disagreements] for e in a.evidence
        ]
        return _result(answered, links)

    @server.tool(title="Read an article", annotations=READ_ONLY)
    def get_article(
        article_id: Annotated[
            str, Field(min_length=1, max_length=512, description="An id from search or ask.")
        ],
    ) -> Annotated[CallToolResult, ArticleOut]:
        """One article: clean text, outlet, date, URL, and what newsdesk found in it (entities, figures)."""
        with _said_to_the_agent():
            article = backend.article(article_id)
        return _result(article, [(article.id, article.title)])

    @server.tool(title="Values of a facet", annotations=READ_ONLY)
    def facet_values(
        facet: Annotated[str, Field(description=f"One of: {FACET_NAMES}.")],
        prefix: Annotated[
            str, Field(max_length=100, description="Start of a word of the value; any case.")
        ] = "",
        size: Annotated[int, Field(ge=1, le=100)] = 10,
    ) -> FacetValuesOut:
        """The values a facet takes (outlets, people, places, months...) with article counts, for filters."""
        with _said_to_the_agent():
            return backend.facet_values(facet, prefix, size)

    @server.tool(title="Find entities", annotations=READ_ONLY)
    def entities(
        prefix: Annotated[str, Field(min_length=1, max_length=100, description="Start of a name or alias.")],
        types: Annotated[
            list[str], Field(description="Keep these types: PERSON, ORG, GPE, LOC, NORP...")
        ] = [],  # noqa: B006
        size: Annotated[int, Field(ge=1, le=50)] = 10,
    ) -> EntitiesOut:
        """People, organisations and places newsdesk knows by a name or alias ("Der" finds Deir ez-Zor),
        with their canonical name (the value the people/places/organizations filters take)."""
        with _said_to_the_agent():
            return backend.entities(prefix, types, size)

    @server.tool(title="Follow a story across outlets", annotations=READ_ONLY)
    def story(story_id: StoryId = "", query: StoryQuery = "") -> Annotated[CallToolResult, StoryOut]:
        """One news story (the articles of all outlets about the same event): its articles in time order
        (who reported first comes first, each with why it belongs), the outlets and the top entities."""
        _one_story_named(story_id, query)
        with _said_to_the_agent():
            found = backend.story(story_id.strip(), query)
        return _result(found, [(article.id, article.title) for article in found.articles])

    @server.tool(title="Compare a story's figures by outlet", annotations=READ_ONLY)
    def compare_figures(
        story_id: StoryId = "", query: StoryQuery = ""
    ) -> Annotated[CallToolResult, FiguresOut]:
        """The figures a story's outlets give (people killed, how long it lasted...), side by side: per
        fact, each outlet's value with its sentence, and a verdict (agree, within_tolerance, disagree,
        single_source) marking the outlets that disagree."""
        _one_story_named(story_id, query)
        with _said_to_the_agent():
            compared = backend.figures(story_id.strip(), query)
        links: list[tuple[str, str | None]] = [
            (row.article_id, None) for fact in compared.figures for row in fact.rows
        ]
        return _result(compared, links)

    @server.resource(ARTICLE_URI, name="article", title="A news article", mime_type="application/json")
    def article_resource(article_id: str) -> str:
        """An article with its enrichment, as JSON."""
        with _said_to_the_agent(ResourceError):
            return backend.article(article_id).model_dump_json()

    return server
