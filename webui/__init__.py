"""Web UI: a small Flask application over the search API."""
