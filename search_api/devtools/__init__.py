"""Development tools: a real local Elasticsearch node for `make run` and the tests."""
