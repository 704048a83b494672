"""The article index: the Elasticsearch client, retries, and index creation from `index_config/`."""
