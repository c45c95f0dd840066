"""Crawler: discover, fetch politely, clean and archive news articles into the article store."""
