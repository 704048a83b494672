"""newsdesk's service side: settings, Elasticsearch access, ingest, search, QA, the REST API and CLI."""

import os

# No phone-home: newsdesk runs behind firewalls, and Haystack would report usage otherwise.
os.environ.setdefault("HAYSTACK_TELEMETRY_ENABLED", "False")
