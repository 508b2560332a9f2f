"""``python -m pipeline.cli``: the ``kehoach`` command."""
from pipeline.cli import app

app()
