"""quotes: find who said what in news articles, and publish it as a searchable index."""

from quotes.quote import Quote

# The name on the package index (`pip install quotes-index`); the import package and the
# command are `quotes`. The plain name `quotes` belongs to an unrelated project there.
DISTRIBUTION = "quotes-index"

__all__ = ["DISTRIBUTION", "Quote"]
