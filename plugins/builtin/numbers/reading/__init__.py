"""Readers of particular figure forms: dates, decades, shares, measures, qualifiers, numbers in names."""
