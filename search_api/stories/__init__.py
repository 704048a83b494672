"""Stories: the articles telling one event, clustered as they are ingested; their figures side by side."""
