"""Invented Vietnamese news sites served by the fixture server, khobao/demo/siteserver.py (see test_crawl*.py)."""
