"""The web front end: Datasette over the store, with explained tables, canned queries and plan pages."""
