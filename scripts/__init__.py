"""The repo's command-line scripts (scoring, rendering the scanned corpus, training the area
model). A package so the tests import them by name, not by file path."""
