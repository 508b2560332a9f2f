"""kehoach: read Vietnamese provincial plan documents and extract their structure and facts.

The library mirrors the CLI: ``pipeline.api.extract(path)`` is ``kehoach extract``,
``pipeline.ingest.ingest(paths, db)`` is ``kehoach ingest``.
"""
__version__ = "0.1.0"
