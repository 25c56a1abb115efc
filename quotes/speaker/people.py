"""The people one document names, grouped so that "Kirby" finds "John Kirby", with the
evidence the document gives of each one's gender."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from quotes import data
from quotes.speaker.names import clean_name, same_person
from quotes.syntax import inside, main_subject
from quotes.types import Speaker, SpeakerKind

NAME_ENTS = ("PERSON",)
GROUP_ENTS = ("ORG", "GPE", "NORP", "FAC")
Gender = str  # 'm' or 'f', as in data/gender.tsv


class People:
    """The person names of one document, grouped so that "Kirby" finds "John Kirby"."""

    def __init__(self, doc: Doc, quoted: list[tuple[int, int]] | None = None):
        self.doc = doc
        self.quoted = quoted or []
        self._votes: list[tuple[int, str, Gender, int]] | None = None  # (position, name, m|f, weight)
        self.mentions: list[tuple[int, str]] = []  # (token position, clean name)
        self.ents: dict[int, Span] = {}
        for ent in doc.ents:
            if ent.label_ in NAME_ENTS:
                name = clean_name(ent)
                if name:
                    self.mentions.append((ent.start, name))
                    self.ents[ent.start] = ent

    def full(self, name: str) -> str:
        """The fullest form of ``name`` used anywhere in the document."""
        best = name
        for _, other in self.mentions:
            if same_person(name, other) and len(other.split()) > len(best.split()):
                best = other
        return best

    def known(self, name: str) -> bool:
        """True when the document names a person ``name`` can be."""
        return any(same_person(name, other) for _, other in self.mentions)

    def aliases(self, full: str) -> list[str]:
        """Every form of the name ``full`` the document uses, ``full`` first."""
        seen = [full]
        for _, other in self.mentions:
            if other not in seen and same_person(other, full):
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
            if inside(tok.idx, quoted):
                continue
            if main_subject(root):
                out.append((pos, name))
            elif is_topic(root):
                # ranks after every subject of its sentence
                out.append((min(root.sent.end - 1, position - 1), name))
        out.sort(key=lambda pn: pn[0])
        return out

    # --- gender: evidence the document itself gives --------------------------
    def _gather_votes(self) -> list[tuple[int, str, Gender, int]]:
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
                    if tok.i < ent.start and any(
                        doc[j].pos_ == "ADP" or doc[j].is_punct and doc[j].text != "."
                        for j in range(tok.i + 1, ent.start)
                    ):
                        continue  # "the son of Mary Smith"
                    votes.append((tok.i, full, genders[tok.lower_.rstrip(".")], 2))
            # the first he/she after the name, before anyone else is named
            sents = 0
            for tok in doc[ent.end :]:
                if tok.i in starts or (tok.is_sent_start and (sents := sents + 1) > 1):
                    break
                if tok.pos_ == "PRON" and tok.lower_ in genders and not inside(tok.idx, self.quoted):
                    votes.append((tok.i, full, genders[tok.lower_], 1))
                    break
        return votes

    def gender(self, name: str, skip: int = -1) -> Gender | None:
        """'m', 'f' or None (no evidence, or evidence both ways) for a person named ``name``;
        the evidence at token ``skip`` (the pronoun being resolved) is left out."""
        if self._votes is None:
            self._votes = self._gather_votes()
        score = {"m": 0, "f": 0}
        for pos, full, g, weight in self._votes:
            if pos != skip and same_person(name, full):
                score[g] += weight
        if score["m"] == score["f"]:
            return None
        return "m" if score["m"] > score["f"] else "f"

    def fits(self, speaker_or_name: Speaker | str, want: Gender | None, skip: int) -> bool:
        """False when the document says the person is of the other gender than ``want``."""
        if want is None:
            return True
        if isinstance(speaker_or_name, str):
            return self.gender(speaker_or_name, skip) in (None, want)
        s = speaker_or_name
        if not s.name:
            return True
        if s.kind is SpeakerKind.PERSON:
            return self.gender(s.name, skip) in (None, want)
        words = [data.genders().get(w.lower()) for w in s.name.split() if w.lower() not in data.pronouns()]
        return all(g in (None, want) for g in words)


def is_topic(tok: Token) -> bool:
    """A name in a fronted "For X," or "To X," that a sentence is about."""
    prep = tok.head
    if (
        tok.dep_ != "pobj"
        or prep.lower_ not in ("for", "to")
        or prep.dep_ != "prep"
        or prep.head.dep_ != "ROOT"
    ):
        return False
    sent = tok.sent
    before = [t for t in tok.doc[sent.start : prep.i] if not (t.is_punct or t.is_space)]
    after = prep.right_edge.i + 1
    return not before and after < sent.end and tok.doc[after].text == ","
