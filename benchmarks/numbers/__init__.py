"""Benchmark of number normalisation against a hand-labelled gold set (`python -m benchmarks.numbers.run`)."""
