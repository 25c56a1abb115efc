"""Decide who said each quote, within one document.

:mod:`quotes.extract` hands over :class:`Candidate` records: a quote's span,
its cue and the phrase in the text that names the source (the *mention*). This
module turns each mention into a speaker, in three passes:

1. mentions that name or describe someone ("John Kirby", "White House
   spokesman John Kirby", "Kirby", "one Ukrainian drone commander", "The New
   York Times", "a statement issued by Zelensky");
2. mentions that point back ("he", "they", "the spokesman") resolve to the
   nearest compatible earlier speaker or person;
3. quotes with no cue of their own take the speaker of the quote they follow.

A short name ("Kirby") always resolves to the fullest form of that name the
document uses, and every surface form seen becomes an alias.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from . import data
from .quote import Quote

# How far each kind of evidence is trusted: the confidence of a quote is the
# product of the entry for how it was found and the entry for how its speaker
# was resolved.
QUOTE_EVIDENCE = {
    "cue": 0.95,  # a quoted stretch next to its cue
    "according-to": 0.9,
    "indirect": 0.85,  # a reporting verb and its clause
    "continuation": 0.85,  # a quoted sentence following an attributed quote
    "previous-speaker": 0.5,  # a quoted sentence after narration: probably the last speaker
    "unattributed": 0.3,
}
SPEAKER_EVIDENCE = {
    "named": 1.0,
    "short-name": 0.97,
    "organization": 0.95,
    "description": 0.9,
    "document": 0.9,
    "pronoun": 0.85,
    "role-noun": 0.8,
    "cataphora": 0.75,
    "nearest": 0.8,  # no cue at all: the person last quoted or written about
    "unresolved": 0.4,
    "none": 0.3,
}
_DETERMINERS = {"a", "an", "the", "one", "this", "that", "another"}
_NAME_ENTS = ("PERSON",)
_GROUP_ENTS = ("ORG", "GPE", "NORP", "FAC")


@dataclass
class Candidate:
    """A quote as extract.py found it, before its speaker is known."""

    kind: str
    start: int
    end: int
    cue: Token | None
    source: Span | None  # the mention of the source, as written
    evidence: str  # how the quote was found: a key of QUOTE_EVIDENCE
    sentence: str = ""
    follows: "Candidate | None" = None  # the quote a cue-less quote continues


@dataclass
class Speaker:
    name: str | None
    kind: str = "unnamed"
    role: str | None = None
    aliases: list[str] = field(default_factory=list)
    evidence: str = "none"
    number: str = "singular"


def resolve(doc: Doc, candidates: list[Candidate]) -> list[Quote]:
    """Give each candidate its speaker and return the finished quotes, sorted by start."""
    quoted = [(c.start, c.end) for c in candidates if c.kind == "direct"]
    people = _People(doc, quoted)
    speakers: dict[int, Speaker] = {}
    history: list[tuple[int, Speaker]] = []  # (token position of the mention, speaker)

    pending = []
    for k, cand in enumerate(candidates):
        if cand.source is None:
            continue
        speaker = _describe(cand.source, people)
        if speaker is None:
            pending.append(k)
        else:
            speakers[k] = speaker
            history.append((cand.source.start, speaker))

    for k in sorted(pending, key=lambda k: candidates[k].source.start):
        mention = candidates[k].source
        history.sort(key=lambda h: h[0])
        speakers[k] = _refer_back(mention, history, people, quoted)
        history.append((mention.start, speakers[k]))

    _link_cataphora(speakers)

    index = {id(c): k for k, c in enumerate(candidates)}
    history.sort(key=lambda h: h[0])
    for k, cand in enumerate(candidates):
        if cand.source is not None:
            continue
        if cand.evidence == "continuation":
            prev = cand.follows
            while prev is not None and prev.source is None and prev.follows is not None:
                prev = prev.follows
            if prev is not None and index.get(id(prev)) in speakers:
                speakers[k] = speakers[index[id(prev)]]
        else:
            # a quoted paragraph after narration: most likely the person last
            # quoted or last written about, as "he said" would be
            position = doc[min(_token_at(doc, cand.start), len(doc) - 1)].i
            speaker = _nearest_person(position, [h for h in history if h[0] < position], people, quoted)
            if speaker is not None:
                speakers[k] = _as(speaker, "nearest")
                cand.evidence = "previous-speaker"
    text = doc.text
    return sorted((_quote(text, c, speakers.get(k)) for k, c in enumerate(candidates)), key=lambda q: q.start)


def _quote(text: str, cand: Candidate, speaker: Speaker | None) -> Quote:
    cue = None
    if cand.cue is not None:
        cue = "according to" if cand.cue.lower_ == "according" else cand.cue.lemma_.lower()
    speaker = speaker or Speaker(None)
    confidence = QUOTE_EVIDENCE.get(cand.evidence, 0.5) * SPEAKER_EVIDENCE.get(speaker.evidence, 0.5)
    evidence = cand.evidence if cand.source is None else f"{cand.evidence}/{speaker.evidence}"
    return Quote(
        kind=cand.kind,
        start=cand.start,
        end=cand.end,
        text=text[cand.start:cand.end],
        cue=cue,
        speaker=speaker.name,
        speaker_mention=cand.source.text if cand.source is not None else None,
        speaker_role=speaker.role,
        speaker_kind=speaker.kind,
        speaker_aliases=list(speaker.aliases),
        sentence=cand.sentence,
        confidence=round(confidence, 3),
        evidence=evidence,
    )


# --- names ----------------------------------------------------------------
class _People:
    """The person names of one document, grouped so that "Kirby" finds "John Kirby"."""

    def __init__(self, doc: Doc, quoted: list[tuple[int, int]] | None = None):
        self.doc = doc
        self.quoted = quoted or []
        self._votes: list[tuple[int, str, str, int]] | None = None  # (position, name, m|f, weight)
        self.mentions: list[tuple[int, str]] = []  # (token position, clean name)
        self.ents: dict[int, Span] = {}
        for ent in doc.ents:
            if ent.label_ in _NAME_ENTS:
                name = _clean_name(ent)
                if name:
                    self.mentions.append((ent.start, name))
                    self.ents[ent.start] = ent

    def full(self, name: str) -> str:
        """The fullest form of ``name`` used anywhere in the document."""
        best = name
        for _, other in self.mentions:
            if _same_person(name, other) and len(other.split()) > len(best.split()):
                best = other
        return best

    def known(self, name: str) -> bool:
        return any(_same_person(name, other) for _, other in self.mentions)

    def aliases(self, full: str) -> list[str]:
        seen = [full]
        for _, other in self.mentions:
            if other not in seen and _same_person(other, full):
                seen.append(other)
        return seen

    def subjects_before(self, position: int, quoted: list[tuple[int, int]]) -> list[tuple[int, str]]:
        """Person names acting as a subject before ``position``, outside quotes. A person
        a sentence is about ("For Kevin Dale, Mozart was a giant") stands in for the
        subject of that sentence."""
        out = []
        for pos, name in self.mentions:
            if pos >= position:
                break
            tok = self.doc[pos]
            ent = self.ents.get(pos)
            root = ent.root if ent is not None else tok
            if _inside(tok.idx, quoted):
                continue
            if _main_subject(root):
                out.append((pos, name))
            elif _is_topic(root):
                # ranks after every subject of its sentence
                out.append((min(root.sent.end - 1, position - 1), name))
        out.sort(key=lambda pn: pn[0])
        return out

    # --- gender: evidence the document itself gives --------------------------
    def _gather_votes(self) -> list[tuple[int, str, str, int]]:
        genders, doc, votes = data.genders(), self.doc, []
        starts = set(self.ents)
        for pos, name in self.mentions:
            ent = self.ents[pos]
            full = self.full(name)
            # a title or gendered noun beside the name: "Mrs. Hale", "her father Tom Reed"
            near = list(ent) + [doc[j] for j in range(max(ent.start - 2, ent.sent.start), ent.start)]
            near += [c for c in ent.root.children if c.dep_ == "appos"]
            if ent.root.dep_ in ("appos", "compound") and not ent.start <= ent.root.head.i < ent.end:
                near.append(ent.root.head)
            for tok in near:
                if tok.pos_ in ("NOUN", "PROPN") and tok.lower_.rstrip(".") in genders:
                    if tok.i < ent.start and any(doc[j].pos_ == "ADP" or doc[j].is_punct and doc[j].text != "."
                                                 for j in range(tok.i + 1, ent.start)):
                        continue  # "the son of Mary Smith"
                    votes.append((tok.i, full, genders[tok.lower_.rstrip(".")], 2))
            # the first he/she after the name, before anyone else is named
            sents = 0
            for tok in doc[ent.end:]:
                if tok.i in starts or (tok.is_sent_start and (sents := sents + 1) > 1):
                    break
                if tok.pos_ == "PRON" and tok.lower_ in genders and not _inside(tok.idx, self.quoted):
                    votes.append((tok.i, full, genders[tok.lower_], 1))
                    break
        return votes

    def gender(self, name: str, skip: int = -1) -> str | None:
        """'m', 'f' or None (no evidence, or evidence both ways) for a person named ``name``;
        the evidence at token ``skip`` (the pronoun being resolved) is left out."""
        if self._votes is None:
            self._votes = self._gather_votes()
        score = {"m": 0, "f": 0}
        for pos, full, g, weight in self._votes:
            if pos != skip and _same_person(name, full):
                score[g] += weight
        if score["m"] == score["f"]:
            return None
        return "m" if score["m"] > score["f"] else "f"

    def fits(self, speaker_or_name: "Speaker | str", want: str | None, skip: int) -> bool:
        """False when the document says the person is of the other gender than ``want``."""
        if want is None:
            return True
        if isinstance(speaker_or_name, str):
            return self.gender(speaker_or_name, skip) in (None, want)
        s = speaker_or_name
        if not s.name:
            return True
        if s.kind == "person":
            return self.gender(s.name, skip) in (None, want)
        words = [data.genders().get(w.lower()) for w in s.name.split() if w.lower() not in data.pronouns()]
        return all(g in (None, want) for g in words)


def _clean_name(ent: Span) -> str:
    toks = list(ent)
    while toks and (toks[-1].is_punct or toks[-1].lower_ in ("'s", "’s", "'", "’")):
        toks.pop()
    while toks and (_is_title(toks[0]) or toks[0].lower_ in _DETERMINERS or toks[0].is_punct):
        toks.pop(0)
    if not toks:
        return ""
    return ent.doc[toks[0].i:toks[-1].i + 1].text


def _is_title(tok: Token) -> bool:
    word = tok.lower_.rstrip(".")
    return word in data.words("roles.txt") or word in data.words("honorifics.txt")


def _surname_match(a: str, b: str) -> bool:
    a, b = a.lower(), b.lower()
    if a == b:
        return True
    if min(len(a), len(b)) < 6 or abs(len(a) - len(b)) > 2:
        return False
    # Zelensky, Zelenskyy, Zelenskiy: one spelling with a letter or two changed
    return a[:5] == b[:5] and _edit_distance(a[5:], b[5:]) <= 2


def _same_person(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` can name one person: same surname, no clashing first names."""
    ta, tb = a.split(), b.split()
    if not ta or not tb or not _surname_match(ta[-1], tb[-1]):
        return False
    if len(ta) > 1 and len(tb) > 1:
        return _surname_match(ta[0], tb[0]) or ta[0][0].lower() == tb[0][0].lower()
    return True


def _edit_distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _is_topic(tok: Token) -> bool:
    """A name in a fronted "For X," or "To X," that a sentence is about."""
    prep = tok.head
    if tok.dep_ != "pobj" or prep.lower_ not in ("for", "to") or prep.dep_ != "prep" or prep.head.dep_ != "ROOT":
        return False
    sent = tok.sent
    before = [t for t in tok.doc[sent.start:prep.i] if not (t.is_punct or t.is_space)]
    after = prep.right_edge.i + 1
    return not before and after < sent.end and tok.doc[after].text == ","


def _main_subject(tok: Token) -> bool:
    """The subject of a sentence's main verb (or of a verb joined to it): someone the
    next "he" or "they" can point to. Subjects inside reported clauses are not."""
    if tok.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verb = tok.head
    while verb.dep_ == "conj" and verb.head is not verb:
        verb = verb.head
    return verb.dep_ == "ROOT"


def _ents_in(span: Span) -> list[Span]:
    """The entities wholly inside ``span``, read off its tokens (Span.ents scans the whole doc)."""
    doc, out, start = span.doc, [], None
    for tok in span:
        if tok.ent_iob_ != "I" and start is not None:
            out.append(doc[start:tok.i])
            start = None
        if tok.ent_iob_ == "B":
            start = tok.i
    if start is not None:
        end = span.end
        if end >= len(doc) or doc[end].ent_iob_ != "I":
            out.append(doc[start:end])
    return [Span(doc, e.start, e.end, label=e[0].ent_type_) for e in out
            if e.start > span.start or e[0].ent_iob_ == "B"]


def _inside(char: int, ranges: list[tuple[int, int]]) -> bool:
    return any(s <= char < e for s, e in ranges)


# --- pass 1: mentions that name or describe -----------------------------------
def _describe(mention: Span, people: _People) -> Speaker | None:
    """The speaker a mention names or describes; None when it only points back."""
    head = mention.root
    if len(mention) == 1 and head.lower_ in data.pronouns():
        return None
    if _is_role_reference(mention):
        return None
    person = _person_in(mention)
    if person is not None:
        return _person_speaker(mention, person, people)
    if head.lemma_.lower() in data.words("source_nouns.txt"):
        inner = _author_of(head)
        if inner is not None:
            speaker = _describe(inner, people)
            if speaker is not None:
                speaker.evidence = "document"
                return speaker
    if head.text[:1].isupper() and head.ent_type_ != "PERSON" and people.known(head.text):
        # a surname the tagger missed or mislabelled here but found elsewhere ("Zelenskyy said")
        return _person_speaker(mention, head.doc[head.i:head.i + 1], people)
    run = _name_run(mention)
    if run is not None:
        return _person_speaker(mention, run, people)
    group = _group_ent(mention)
    if group is not None and group.label_ != "NORP":  # "the captured North Koreans" stays a description
        return Speaker(group.text, "organization", aliases=[group.text], evidence="organization")
    return _description(mention)


def _person_in(mention: Span) -> Span | None:
    """The person name in a mention, preferring one that holds the mention's head."""
    ents = [e for e in _ents_in(mention) if e.label_ in _NAME_ENTS]
    if not ents:
        return None
    head = mention.root
    for e in ents:
        if e.start <= head.i < e.end:
            return e
    # a name beside the head counts when it is the same person: "professor Marc
    # Lamont Hill", "the chairman, John Burrows"; not "the spokesman for John Smith"
    for e in ents:
        if _linked_by(e.root, head, ("appos", "compound", "conj", "nmod", "npadvmod")):
            return e
    for e in ents:  # a mention made of two parsed subjects: "the engineer Tom Baker"
        if not mention.start <= e.root.head.i < mention.end:
            return e
    return None


def _linked_by(tok: Token, head: Token, deps: tuple[str, ...]) -> bool:
    """True when ``tok`` hangs on ``head`` through dependencies of the kinds ``deps`` only."""
    for _ in range(6):
        if tok == head:
            return True
        if tok.dep_ not in deps or tok.head is tok:
            return False
        tok = tok.head
    return False


def _name_run(mention: Span) -> Span | None:
    """Two or more capitalised proper nouns the tagger left unlabelled, after a role
    word: "Governor of Washington Chris Gregoire"."""
    doc = mention.doc
    roles = data.words("roles.txt")
    if not any(t.lower_ in roles for t in mention):
        return None
    best = None
    i = mention.start
    while i < mention.end:
        j = i
        while (j < mention.end and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper()
               and doc[j].ent_type_ in ("", "PERSON") and doc[j].lower_ not in roles):
            j += 1
        if j - i >= 2:
            best = doc[i:j]
        i = j + 1
    return best


def _person_speaker(mention: Span, ent: Span, people: _People) -> Speaker:
    ent = _widen_name(mention, ent)
    name = _clean_name(ent)
    full = people.full(name)
    role = _role(mention, ent)
    evidence = "named" if len(name.split()) > 1 or full == name else "short-name"
    aliases = people.aliases(full)
    if name and name not in aliases:
        aliases.append(name)
    return Speaker(full, "person", role, aliases, evidence)


def _widen_name(mention: Span, ent: Span) -> Span:
    """Take in a first name the tagger left out: "Council Enver [Solomon]"."""
    doc = mention.doc
    start = ent.start
    if start - 1 > mention.start:
        tok, before = doc[start - 1], doc[start - 2]
        # only between an organisation or title and the name: "Council Enver [Solomon]",
        # not "Minister of Education [Stefania Giannini]"
        if (tok.pos_ == "PROPN" and tok.is_title and not tok.ent_type_ and not _is_title(tok)
                and (before.ent_type_ in ("ORG", "GPE", "NORP") or _is_title(before))):
            start -= 1
    return doc[start:ent.end]


def _role(mention: Span, ent: Span) -> str | None:
    """The words around a name that give the person's position."""
    doc = mention.doc
    lo = mention.start
    while lo < ent.start and (doc[lo].lower_ in _DETERMINERS or doc[lo].is_punct):
        lo += 1
    # titles the entity swallowed ("President Joe Biden") belong to the role too
    first = ent.start
    while first < ent.end - 1 and _is_title(doc[first]):
        first += 1
    end = first
    while end > lo and doc[end - 1].lower_.rstrip(".") in data.words("honorifics.txt"):
        end -= 1
    before = doc[lo:end].text.strip(" ,")
    if before:
        return before
    for tok in doc[ent.end:mention.end]:
        if tok.dep_ == "appos" and ent.start <= tok.head.i < ent.end:
            appos = doc[tok.left_edge.i:tok.right_edge.i + 1]
            words = [t for t in appos if t.lower_ not in _DETERMINERS or t.i != appos.start]
            text = doc[words[0].i:appos.end].text.strip(" ,") if words else ""
            return text or None
    return None


def _author_of(head: Token) -> Span | None:
    """Who issued a document: "statement issued by X", "report from X", "X's statement"."""
    from .extract import _phrase  # the same phrase boundaries as extraction uses

    for tok in head.subtree:
        if tok.dep_ in ("agent", "prep") and tok.lower_ in ("by", "from", "of") and tok.head.i >= head.i:
            objs = [c for c in tok.children if c.dep_ == "pobj"]
            if objs and objs[0].ent_type_ in ("DATE", "TIME"):
                continue
            if objs and (tok.lower_ != "of" or objs[0].ent_type_ in _NAME_ENTS + _GROUP_ENTS):
                return _phrase(objs[0])
    for child in head.children:
        if child.dep_ == "poss" and child.pos_ != "PRON":
            return _phrase(child)
    ents = [e for e in _ents_in(head.doc[head.left_edge.i:head.i]) if e.label_ in _NAME_ENTS + ("ORG",)]
    if ents:
        return ents[-1]
    return None


def _group_ent(mention: Span) -> Span | None:
    head = mention.root
    for e in _ents_in(mention):
        if e.label_ in _GROUP_ENTS and e.start <= head.i < e.end:
            return e
    return None


def _description(mention: Span) -> Speaker:
    """An unnamed source, described by its noun phrase: "one Ukrainian drone commander"."""
    head = mention.root
    doc = mention.doc
    hi = head.i
    # keep what follows the head only when it is part of the description ("of X", "in Kursk")
    for tok in doc[head.i + 1:mention.end]:
        if tok.is_punct or tok.dep_ in ("appos", "relcl", "acl", "cc", "conj"):
            break
        hi = tok.i
    text = doc[mention.start:hi + 1].text
    lemma = head.lemma_.lower()
    plural = head.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in head.children)
    if lemma in data.words("organizations.txt") or head.ent_type_ == "ORG":
        kind = "organization"
    elif lemma in data.words("source_nouns.txt"):
        kind = "unnamed"
    else:
        kind = "group" if plural else "unnamed"
    role = head.text if lemma in data.words("roles.txt") else None
    return Speaker(text, kind, role, [text], "description", "plural" if plural else "singular")


def _is_role_reference(mention: Span) -> bool:
    """"the spokesman": a definite role noun with nothing that names anyone."""
    head = mention.root
    if head.lemma_.lower() not in data.words("roles.txt") or _ents_in(mention):
        return False
    first = mention[0].lower_
    return first in ("the", "this", "that") and len(mention) <= 3


# --- pass 2: mentions that point back -------------------------------------------
def _refer_back(mention: Span, history: list[tuple[int, Speaker]], people: _People,
                quoted: list[tuple[int, int]]) -> Speaker:
    head = mention.root
    earlier = [(pos, s) for pos, s in history if pos < mention.start]
    if _is_role_reference(mention):
        word = head.lemma_.lower()
        for pos, s in reversed(earlier):
            if s.role and word in s.role.lower():
                return _as(s, "role-noun")
        return _description(mention)
    number, kinds = data.pronouns()[head.lower_]
    compatible = [(pos, s) for pos, s in earlier
                  if s.name and s.kind in kinds and (s.number == number or s.kind == "organization")]
    if "person" in kinds and number == "singular":
        want = data.genders().get(head.lower_)
        return (_nearest_person(mention.start, compatible, people, quoted, want, head.i)
                or Speaker(None, "unnamed", evidence="none"))
    last_speaker = compatible[-1] if compatible else None
    subject = _subject_before(mention, number, quoted)
    if subject is not None and (last_speaker is None or subject.start > last_speaker[0]):
        speaker = _describe(subject, people)
        if speaker is not None:
            return _as(speaker, "pronoun")
    if last_speaker is not None:
        return _as(last_speaker[1], "pronoun")
    return Speaker(None, "group" if number == "plural" else "unnamed", evidence="none", number=number)


def _nearest_person(position: int, earlier: list[tuple[int, Speaker]], people: _People,
                    quoted: list[tuple[int, int]], want: str | None = None, skip: int = -1) -> Speaker | None:
    """Whom "he" or "she" at ``position`` most likely means: the last person quoted,
    unless a person has since been the subject of a sentence; else the last person named.
    ``want`` ('m' or 'f', the pronoun's gender) leaves out people the document shows
    to be of the other one."""
    earlier = [(pos, s) for pos, s in earlier if s.name and s.kind in ("person", "unnamed")
               and s.number == "singular" and people.fits(s, want, skip)]
    subjects = [(pos, n) for pos, n in people.subjects_before(position, quoted) if people.fits(n, want, skip)]
    last_speaker = earlier[-1] if earlier else None
    last_subject = subjects[-1] if subjects else None
    if last_subject is not None and (last_speaker is None or last_subject[0] > last_speaker[0]):
        full = people.full(last_subject[1])
        return Speaker(full, "person", None, people.aliases(full), "pronoun")
    if last_speaker is not None:
        return _as(last_speaker[1], "pronoun")
    names = [(pos, n) for pos, n in people.mentions if pos < position and people.fits(n, want, skip)]
    if names:
        full = people.full(names[-1][1])
        return Speaker(full, "person", None, people.aliases(full), "unresolved")
    return None


def _token_at(doc: Doc, char: int) -> int:
    for tok in doc:
        if tok.idx + len(tok) > char:
            return tok.i
    return len(doc) - 1


def _subject_before(mention: Span, number: str, quoted: list[tuple[int, int]], reach: int = 60) -> Span | None:
    """The nearest group or organisation acting as a subject shortly before a pronoun."""
    from .extract import _phrase

    doc = mention.doc
    for tok in reversed(doc[max(0, mention.start - reach):mention.start]):
        if not _main_subject(tok) or tok.pos_ not in ("NOUN", "PROPN") or _inside(tok.idx, quoted):
            continue
        plural = tok.tag_ in ("NNS", "NNPS")
        if number == "plural" and (plural or tok.ent_type_ in ("ORG", "NORP")):
            return _phrase(tok)
        if number == "singular" and not plural and tok.ent_type_ in ("ORG", "GPE"):
            return _phrase(tok)
    return None


def _as(speaker: Speaker, evidence: str) -> Speaker:
    return Speaker(speaker.name, speaker.kind, speaker.role, list(speaker.aliases), evidence, speaker.number)


def _link_cataphora(speakers: dict[int, Speaker]) -> None:
    """"a White House spokesman said" before "spokesman John Kirby said": the same person,
    when exactly one named speaker of the document holds that role."""
    named = {}
    for s in speakers.values():
        if s.kind == "person" and s.role and s.name:
            named.setdefault(s.name, s)
    for k, s in speakers.items():
        if s.kind != "unnamed" or not s.role or s.evidence != "description":
            continue
        word = s.role.lower()
        holders = [n for n in named.values() if word in n.role.lower().split()]
        if len(holders) == 1:
            h = holders[0]
            speakers[k] = Speaker(h.name, "person", h.role, list(h.aliases), "cataphora")
