"""What an incoming article is, how it is validated, and the id it is stored under."""

from __future__ import annotations

import hashlib
import re
from datetime import datetime
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    AliasChoices,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
)

MAX_ARTICLE_CHARS = 2_000_000
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._:\-]{0,199}$"
# Per-field limits: a name, an outlet or a category is a line of text, never a document.
MAX_AUTHORS = 50
MAX_NAME_CHARS = 200
MAX_URL_CHARS = 2048
# Schemes a reader may follow: the url is shown as a link on the page and handed to chat clients
# in citations, so `javascript:`, `data:` or `file:` would be run or opened by someone else.
URL_SCHEMES = frozenset({"http", "https"})
_URL_JUNK = re.compile(r"[\x00-\x20\x7f]")


def web_url(value: str) -> str:
    """`value` if it is an absolute http(s) URL with a host, with no spaces or control characters."""
    parts = urlsplit(value)
    if parts.scheme.lower() not in URL_SCHEMES or not parts.netloc:
        msg = "must be an absolute http:// or https:// URL"
        raise ValueError(msg)
    if _URL_JUNK.search(value):
        msg = "must not hold spaces or control characters (percent-encode them)"
        raise ValueError(msg)
    return value


def followable_url(value: Any) -> str | None:
    """`value` when it is a URL `web_url` accepts, else None: for urls stored before it was checked."""
    try:
        return web_url(value) if isinstance(value, str) and len(value) <= MAX_URL_CHARS else None
    except ValueError:
        return None


WebUrl = Annotated[str, StringConstraints(max_length=MAX_URL_CHARS), AfterValidator(web_url)]
Name = Annotated[str, StringConstraints(max_length=MAX_NAME_CHARS)]


class ArticleIn(BaseModel):
    """One article as a caller sends it: the raw text or HTML, and what the caller already knows."""

    model_config = ConfigDict(
        extra="ignore",
        json_schema_extra={
            "examples": [
                {
                    "id": "xinhua-2017-10-18-raqqa",
                    "content": "DAMASCUS, Oct. 17 (Xinhua) -- Following a four-month-long offensive ...",
                    "format": "text",
                    "source": "Xinhua",
                }
            ]
        },
    )

    id: str | None = Field(
        None, pattern=ID_PATTERN, description="Stable id; derived from url or content if absent."
    )
    content: str = Field(
        min_length=1,
        max_length=MAX_ARTICLE_CHARS,
        validation_alias=AliasChoices("content", "text", "html", "body", "description"),
        description="The article as scraped: plain text or HTML.",
    )
    format: Literal["text", "html"] | None = Field(None, description="Sniffed from the content when absent.")
    title: str | None = Field(None, max_length=1000)
    source: Name | None = None
    url: WebUrl | None = Field(None, description="Where the article was published: http(s) only.")
    published_at: datetime | None = None
    authors: list[Name] = Field(default_factory=list, max_length=MAX_AUTHORS)
    category: Name | None = None
    language: str | None = Field(None, max_length=20)

    @field_validator("content")
    @classmethod
    def not_blank(cls, value: str) -> str:
        if not value.strip():
            msg = "content is empty or whitespace only"
            raise ValueError(msg)
        return value

    def document_id(self) -> str:
        """The caller's id, else one derived from the url, else from the content itself."""
        if self.id:
            return self.id
        basis = f"url:{self.url}" if self.url else f"content:{' '.join(self.content.split())}"
        return hashlib.sha256(basis.encode("utf-8", "surrogatepass")).hexdigest()[:24]

    def detected_format(self) -> Literal["text", "html"]:
        if self.format:
            return self.format
        head = self.content[:2000].lstrip().lower()
        looks_html = head.startswith(("<!doctype html", "<html")) or ("<p>" in head and "</" in head)
        return "html" if looks_html else "text"

    def caller_meta(self) -> dict[str, Any]:
        """The metadata the caller gave, which processors must not overwrite."""
        given = {
            "title": self.title,
            "source": self.source,
            "url": self.url,
            "published_at": self.published_at.isoformat() if self.published_at else None,
            "authors": self.authors or None,
            "category": self.category,
            "language": self.language,
        }
        return {key: value for key, value in given.items() if value is not None}
