"""Questions to filters: an analyst's request in words compiled into newsdesk's own search."""
