# The newsdesk API image; docker-compose.yml runs it next to Elasticsearch (`docker compose up`).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# Only what `pip install .` reads, so editing seeds or index config does not reinstall everything.
COPY pyproject.toml README.md ./
COPY plugins ./plugins
COPY search_api ./search_api
RUN pip install .

COPY index_config ./index_config
COPY seeds ./seeds

# Settings default to paths beside the source tree, which a non-editable install leaves behind.
ENV NEWSDESK_INDEX_CONFIG_DIR=/app/index_config \
    NEWSDESK_DEAD_LETTER_PATH=/app/data/dead-letter.jsonl \
    HAYSTACK_TELEMETRY_ENABLED=False

RUN useradd --create-home newsdesk && mkdir /app/data && chown newsdesk /app/data
USER newsdesk

EXPOSE 8000
CMD ["newsdesk", "serve", "--host", "0.0.0.0"]
