"""newsdesk's service side, in slices a newcomer finds by name.

`app.py` (the FastAPI app), `routes/` (one router per resource), `http/` (errors, middleware,
keys), `search/`, `qa/`, `ingest/`, `index/` (the Elasticsearch client and index lifecycle),
`devtools/` (the local node), `cli.py`, `settings.py`, `services.py`, `deps.py`.
"""
