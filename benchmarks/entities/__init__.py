"""Benchmarks of entity tagging, resolution and speed (`python -m benchmarks.entities.run`)."""
