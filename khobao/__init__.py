"""khobao: a full-text search engine over news archives, Vietnamese first."""

__version__ = "0.1.0"
