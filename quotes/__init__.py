"""quotes: find who said what in news articles, and publish it as a searchable index."""
from quotes.quote import Quote

__all__ = ["Quote"]
