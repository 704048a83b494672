"""Train the plain-text boilerplate line classifier (`python -m training.boilerplate`)."""
