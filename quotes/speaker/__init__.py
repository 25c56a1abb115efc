"""Deciding who said each quote, within one document (resolve.py).

quotes.find hands over :class:`~quotes.types.Candidate` records: a quote's span, its cue
and the phrase that names the source (the *mention*). Each mention becomes a speaker in
three passes:

1. mentions that name or describe someone (describe.py): "John Kirby", "White House
   spokesman John Kirby", "Kirby", "one Ukrainian drone commander", "The New York Times",
   "a statement issued by Zelensky";
2. mentions that point back (refer.py): "he", "they", "the spokesman" resolve to the
   nearest compatible earlier speaker or person; then cataphora;
3. quotes with no cue of their own take the speaker of the quote they follow, or the
   person last quoted or written about (refer.py).

A short name ("Kirby") always resolves to the fullest form of that name the document uses
(names.py, people.py), and every surface form seen becomes an alias. How sure each step
is gives the quote's confidence (confidence.py).

The package itself imports nothing: quotes.speakers and the web plugin use names.py
without loading spaCy.
"""
