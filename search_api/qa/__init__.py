"""Question answering over the enriched articles, without any model download."""
