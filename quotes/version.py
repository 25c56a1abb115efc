"""The extractor's version: part of every article's fingerprint (see quotes.index.fingerprint).

Bump ``EXTRACTOR_VERSION`` in the same commit as any change to the code that alters what is
extracted (quotes/extract.py, quotes/find/, quotes/speaker/, quotes/marks.py, quotes/focus.py):
every article is then indexed again. A comment, a rename or a refactor that keeps the rows
(check with benchmarks/same_rows.py) leaves it alone, and so leaves every index current.
The lexicons in quotes/data/ need no bump: their contents are hashed into the fingerprint.
"""

from __future__ import annotations

# 2: "was quoted as saying" borrows the subject through "as".
# 3: spaced and other-language quotation marks; long articles in pieces; HTML through
#    trafilatura; articles in other languages not extracted.
# 4: names keep their particles ("Ursula von der Leyen", not "von der") and are read family
#    name first ("Kim" is the "Kim Jong Un" of its article).
# 5: rules from the development set's misses (quotes across paragraphs, cues interrupting
#    their clause, infinitive and subjunctive content, possessor and object antecedents,
#    titles before names) and confidence calibrated on the gold (data/confidence.tsv).
EXTRACTOR_VERSION = 5
