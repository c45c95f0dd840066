"""Invented Vietnamese news sites served by tests/siteserver.py (see test_crawl*.py)."""
