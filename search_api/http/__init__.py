"""The HTTP edge: error bodies and status codes, middleware, API keys, safe request text."""
