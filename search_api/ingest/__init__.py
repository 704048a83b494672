"""Ingest: reading files, the enrichment run, the bulk writer, fingerprints, dead letters, reindex."""
