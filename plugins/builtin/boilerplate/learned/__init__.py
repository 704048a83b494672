"""The learned part of plain-text boilerplate removal: line features, the classifier, outlet memory."""
