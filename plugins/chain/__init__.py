"""The enrichment chain: processors in order, each guarded and given a deadline per article."""
