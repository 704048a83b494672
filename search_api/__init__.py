"""newsdesk's service side: settings, Elasticsearch access, ingest, search, QA, the REST API and CLI."""
