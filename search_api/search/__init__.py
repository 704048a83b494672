"""Search: the query language, query building, facets, figure filters, deep-paging cursors."""
