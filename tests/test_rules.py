"""One test per rule, on a Doc built by hand: the parse each rule handles, whatever a
model makes of the sentence. The tables are the small English model's parses of the
sentences, corrected where a test says so."""

from quotes import data
from quotes.extract import find_quotes


def only(quotes):
    assert len(quotes) == 1, quotes
    return quotes[0]


def test_according_to_after_its_clause(build_doc):
    doc = build_doc("""
        0  The        the       DT   DET   det    1  O
        1  attack     attack    NN   NOUN  nsubj  2  O
        2  killed     kill      VBD  VERB  ROOT   2  O
        3  twelve     twelve    CD   NUM   nummod 4  B-CARDINAL
        4  people     people    NNS  NOUN  dobj   2  O
        5  ,          ,         ,    PUNCT punct  2  O
        6  according  accord    VBG  VERB  prep   2  O
        7  to         to        IN   ADP   prep   6  O
        8  local      local     JJ   ADJ   amod   9  O
        9  officials  official  NNS  NOUN  pobj   7  O
        10 .          .         .    PUNCT punct  2  O
    """)
    q = only(find_quotes(doc))
    assert (q.kind, q.text, q.cue, q.speaker, q.speaker_kind) == (
        "indirect",
        "The attack killed twelve people",
        "according to",
        "local officials",
        "group",
    )
    assert q.evidence == "according-to/description"


def test_according_to_fronted(build_doc):
    # "According to X, [clause]": the clause after the phrase is X's
    doc = build_doc("""
        0  According  accord    VBG  VERB  prep   7  O
        1  to         to        IN   ADP   prep   0  O
        2  the        the       DT   DET   det    3  O
        3  police     police    NN   NOUN  pobj   1  O
        4  ,          ,         ,    PUNCT punct  7  O
        5  the        the       DT   DET   det    6  O
        6  man        man       NN   NOUN  nsubj  7  O
        7  fled       flee      VBD  VERB  ROOT   7  O
        8  the        the       DT   DET   det    9  O
        9  scene      scene     NN   NOUN  dobj   7  O
        10 on         on        IN   ADP   prep   7  O
        11 foot       foot      NN   NOUN  pobj   10 O
        12 .          .         .    PUNCT punct  7  O
    """)
    q = only(find_quotes(doc))
    assert (q.kind, q.text, q.cue, q.speaker_mention) == (
        "indirect",
        "the man fled the scene on foot",
        "according to",
        "the police",
    )


def test_according_to_medial(build_doc):
    # "[The attack], according to X, [killed twelve people]": the clause around the phrase
    doc = build_doc("""
        0  The        the       DT   DET   det    1  O
        1  attack     attack    NN   NOUN  nsubj  8  O
        2  ,          ,         ,    PUNCT punct  8  O
        3  according  accord    VBG  VERB  prep   8  O
        4  to         to        IN   ADP   prep   3  O
        5  local      local     JJ   ADJ   amod   6  O
        6  officials  official  NNS  NOUN  pobj   4  O
        7  ,          ,         ,    PUNCT punct  8  O
        8  killed     kill      VBD  VERB  ROOT   8  O
        9  twelve     twelve    CD   NUM   nummod 10 B-CARDINAL
        10 people     people    NNS  NOUN  dobj   8  O
        11 .          .         .    PUNCT punct  8  O
    """)
    q = only(find_quotes(doc))
    assert (q.kind, q.start, q.cue, q.speaker_mention) == ("indirect", 0, "according to", "local officials")
    assert q.text == "The attack, according to local officials, killed twelve people"


def test_was_quoted_as_saying(build_doc):
    # the passive subject of "quoted" is the speaker; "saying" (pcomp of "as") borrows it
    doc = build_doc("""
        0  Smith      Smith     NNP  PROPN nsubjpass 2  B-PERSON
        1  was        be        VBD  AUX   auxpass   2  O
        2  quoted     quote     VBN  VERB  ROOT      2  O
        3  as         as        IN   ADP   prep      2  O
        4  saying     say       VBG  VERB  pcomp     3  O
        5  the        the       DT   DET   det       6  O
        6  plan       plan      NN   NOUN  nsubj     8  O
        7  would      would     MD   AUX   aux       8  O
        8  fail       fail      VB   VERB  ccomp     4  O
        9  .          .         .    PUNCT punct     2  O
    """)
    q = only(find_quotes(doc))
    assert (q.kind, q.text, q.cue, q.speaker, q.evidence) == (
        "indirect",
        "the plan would fail",
        "say",
        "Smith",
        "indirect/named",
    )


def test_the_passive_subject_of_other_cues_is_not_the_speaker(build_doc):
    # "The plan was announced": what was announced, not who announced it
    doc = build_doc("""
        0  The        the       DT   DET   det       1  O
        1  plan       plan      NN   NOUN  nsubjpass 3  O
        2  was        be        VBD  AUX   auxpass   3  O
        3  announced  announce  VBN  VERB  ROOT      3  O
        4  as         as        IN   ADP   prep      3  O
        5  saying     say       VBG  VERB  pcomp     4  O
        6  the        the       DT   DET   det       7  O
        7  town       town      NN   NOUN  nsubj     9  O
        8  would      would     MD   AUX   aux       9  O
        9  grow       grow      VB   VERB  ccomp     5  O
        10 .          .         .    PUNCT punct     3  O
    """)
    assert find_quotes(doc) == []


def test_passive_agent_is_the_source(build_doc):
    # "It was announced by the ministry that ...": the agent spoke; "that" (mark) is not quoted
    doc = build_doc("""
        0  It         it        PRP  PRON  nsubjpass 2  O
        1  was        be        VBD  AUX   auxpass   2  O
        2  announced  announce  VBN  VERB  ROOT      2  O
        3  by         by        IN   ADP   agent     2  O
        4  the        the       DT   DET   det       5  O
        5  ministry   ministry  NN   NOUN  pobj      3  O
        6  that       that      IN   SCONJ mark      10 O
        7  all        all       DT   DET   det       8  O
        8  schools    school    NNS  NOUN  nsubj     10 O
        9  would      would     MD   AUX   aux       10 O
        10 close      close     VB   VERB  ccomp     2  O
        11 .          .         .    PUNCT punct     2  O
    """)
    q = only(find_quotes(doc))
    assert (q.kind, q.text, q.cue, q.speaker, q.speaker_kind) == (
        "indirect",
        "all schools would close",
        "announce",
        "the ministry",
        "organization",
    )


def test_warned_of_quoted_words_is_mixed(build_doc):
    # a clause cue with no clause reports a quoted object right after it or one preposition
    doc = build_doc("""
        0  Officials     official     NNS  NOUN  nsubj  1  O
        1  warned        warn         VBD  VERB  ROOT   1  O
        2  of            of           IN   ADP   prep   1  O
        3  “             "            ``   PUNCT punct  2  O
        4  catastrophic  catastrophic JJ   ADJ   amod   5  O
        5  consequences  consequence  NNS  NOUN  pobj   2  O
        6  ”             "            ''   PUNCT punct  5  O
        7  for           for          IN   ADP   prep   5  O
        8  the           the          DT   DET   det    9  O
        9  town          town         NN   NOUN  pobj   7  O
        10 .             .            .    PUNCT punct  1  O
    """)
    q = only(find_quotes(doc))
    assert (q.kind, q.text, q.cue, q.speaker, q.speaker_kind) == (
        "mixed",
        "of “catastrophic consequences” for the town",
        "warn",
        "Officials",
        "group",
    )


def test_a_quoted_object_far_from_a_clause_cue_is_not_a_quote(build_doc):
    # "added the words “and Emergency” to the name": quoted words, but no one is quoted
    doc = build_doc("""
        0  The        the       DT   DET   det    1  O
        1  agency     agency    NN   NOUN  nsubj  2  O
        2  added      add       VBD  VERB  ROOT   2  O
        3  the        the       DT   DET   det    4  O
        4  words      word      NNS  NOUN  dobj   2  O
        5  “          "         ``   PUNCT punct  4  O
        6  and        and       CC   CCONJ cc     7  O
        7  Emergency  Emergency NNP  PROPN appos  4  O
        8  ”          "         ''   PUNCT punct  4  O
        9  to         to        IN   ADP   prep   2  O
        10 its        its       PRP$ PRON  poss   11 O
        11 name       name      NN   NOUN  pobj   9  O
        12 .          .         .    PUNCT punct  2  O
    """)
    assert find_quotes(doc) == []


def test_cataphora_names_an_earlier_description(build_doc):
    # "A White House spokesman said ..." before "said spokesman John Kirby": one person,
    # because one named speaker of the document holds that role
    doc = build_doc("""
        0  A          a         DT   DET   det       3  O
        1  White      White     NNP  PROPN compound  2  B-ORG
        2  House      House     NNP  PROPN compound  3  I-ORG
        3  spokesman  spokesman NN   NOUN  nsubj     4  O
        4  said       say       VBD  VERB  ROOT      4  O
        5  the        the       DT   DET   det       6  O
        6  talks      talk      NNS  NOUN  nsubj     8  O
        7  had        have      VBD  AUX   aux       8  O
        8  failed     fail      VBN  VERB  ccomp     4  O
        9  .          .         .    PUNCT punct     4  O
        10 “          "         ``   PUNCT punct     17 O
        11 We         we        PRP  PRON  nsubj     13 O
        12 are        be        VBP  AUX   aux       13 O
        13 done       do        VBN  VERB  ccomp     17 O
        14 here       here      RB   ADV   advmod    13 O
        15 ,          ,         ,    PUNCT punct     17 O
        16 ”          "         ''   PUNCT punct     17 O
        17 said       say       VBD  VERB  ROOT      17 O
        18 spokesman  spokesman NN   NOUN  compound  20 O
        19 John       John      NNP  PROPN compound  20 B-PERSON
        20 Kirby      Kirby     NNP  PROPN nsubj     17 I-PERSON
        21 .          .         .    PUNCT punct     17 O
    """)
    indirect, direct = find_quotes(doc)
    assert (direct.kind, direct.text, direct.speaker, direct.speaker_role, direct.evidence) == (
        "direct",
        "We are done here,",
        "John Kirby",
        "spokesman",
        "cue/named",
    )
    assert (indirect.kind, indirect.text, indirect.speaker_mention, indirect.speaker, indirect.evidence) == (
        "indirect",
        "the talks had failed",
        "A White House spokesman",
        "John Kirby",
        "indirect/cataphora",
    )


def test_previous_speaker_fallback(build_doc):
    # a quoted sentence with no cue, after narration: the person last written about
    doc = build_doc("""
        0  Mayor      Mayor     NNP  PROPN compound  2  O
        1  Ana        Ana       NNP  PROPN compound  2  B-PERSON
        2  Ortiz      Ortiz     NNP  PROPN nsubj     3  I-PERSON
        3  opened     open      VBD  VERB  ROOT      3  O
        4  the        the       DT   DET   det       5  O
        5  library    library   NN   NOUN  dobj      3  O
        6  .          .         .    PUNCT punct     3  O
        7  \\n        \\n       _SP  SPACE dep       6  O
        8  “          "         ``   PUNCT punct     12 O
        9  Every      every     DT   DET   det       10 O
        10 child      child     NN   NOUN  nsubj     12 O
        11 here       here      RB   ADV   advmod    10 O
        12 deserves   deserve   VBZ  VERB  ROOT      12 O
        13 a          a         DT   DET   det       14 O
        14 place      place     NN   NOUN  dobj      12 O
        15 to         to        TO   PART  aux       16 O
        16 read       read      VB   VERB  relcl     14 O
        17 .          .         .    PUNCT punct     12 O
        18 ”          "         ''   PUNCT punct     12 O
    """)
    q = only(find_quotes(doc))
    assert (q.kind, q.text, q.cue, q.speaker_mention) == (
        "direct",
        "Every child here deserves a place to read.",
        None,
        None,
    )
    assert (q.speaker, q.evidence) == ("Ana Ortiz", "previous-speaker")
    assert q.confidence == data.confidence_table()["previous-speaker"]


def test_cue_before_a_quote_is_not_the_previous_quotes(build_doc):
    # “We lost the game.” Ali said, “We will win.”: "Ali said," introduces the second quote;
    # the first, a finished sentence, is not his
    doc = build_doc("""
        0  “          "         ``   PUNCT punct     2  O
        1  We         we        PRP  PRON  nsubj     2  O
        2  lost       lose      VBD  VERB  ccomp     8  O
        3  the        the       DT   DET   det       4  O
        4  game       game      NN   NOUN  dobj      2  O
        5  .          .         .    PUNCT punct     2  O
        6  ”          "         ''   PUNCT punct     2  O
        7  Ali        Ali       NNP  PROPN nsubj     8  B-PERSON
        8  said       say       VBD  VERB  ROOT      8  O
        9  ,          ,         ,    PUNCT punct     8  O
        10 “          "         ``   PUNCT punct     13 O
        11 We         we        PRP  PRON  nsubj     13 O
        12 will       will      MD   AUX   aux       13 O
        13 win        win       VB   VERB  ccomp     8  O
        14 .          .         .    PUNCT punct     13 O
        15 ”          "         ''   PUNCT punct     13 O
    """)
    first, second = find_quotes(doc)
    assert (second.text, second.cue, second.speaker) == ("We will win.", "say", "Ali")
    assert (first.text, first.cue, first.speaker) == ("We lost the game.", None, None)


def test_according_to_a_title_before_the_name(build_doc):
    # "according to curator Elaine Gustafon" parsed as two objects of "to": the title and
    # the name are one source, the person with her role
    doc = build_doc("""
        0  Prices        price         NNS  NOUN  nsubj     1  O
        1  rose          rise          VBD  VERB  ROOT      1  O
        2  sharply       sharply       RB   ADV   advmod    1  O
        3  ,             ,             ,    PUNCT punct     1  O
        4  according     accord        VBG  VERB  prep      1  O
        5  to            to            IN   ADP   prep      4  O
        6  economist     economist     NN   NOUN  pobj      5  O
        7  Ann           Ann           NNP  PROPN compound  8  B-PERSON
        8  Lee           Lee           NNP  PROPN pobj      5  I-PERSON
        9  .             .             .    PUNCT punct     1  O
    """)
    q = only(find_quotes(doc))
    assert (q.text, q.speaker_mention, q.speaker, q.speaker_role) == (
        "Prices rose sharply",
        "economist Ann Lee",
        "Ann Lee",
        "economist",
    )


def test_clause_after_a_complementizer_the_parser_missed(build_doc):
    # "observed that [the date ... coincided ...]" parsed with "that" on the object "date"
    # and the clause's verb as a modifier: the clause is still everything after the cue
    doc = build_doc("""
        0  Lee           Lee           NNP  PROPN nsubj     1  B-PERSON
        1  observed      observe       VBD  VERB  ROOT      1  O
        2  that          that          IN   SCONJ mark      4  O
        3  the           the           DT   DET   det       4  O
        4  date          date          NN   NOUN  dobj      1  O
        5  of            of            IN   ADP   prep      4  O
        6  the           the           DT   DET   det       7  O
        7  program       program       NN   NOUN  pobj      5  O
        8  ,             ,             ,    PUNCT punct     7  O
        9  coincided     coincide      VBD  VERB  acl       7  O
        10 with          with          IN   ADP   prep      9  O
        11 the           the           DT   DET   det       12 O
        12 anniversary   anniversary   NN   NOUN  pobj      10 O
        13 .             .             .    PUNCT punct     1  O
    """)
    q = only(find_quotes(doc))
    assert (q.kind, q.text, q.cue, q.speaker) == (
        "indirect",
        "the date of the program, coincided with the anniversary",
        "observe",
        "Lee",
    )


def test_cue_inside_its_clause(build_doc):
    # "[Recipients], said Lee, [are required ...]": the clause around the cue is reported
    doc = build_doc("""
        0  Recipients    Recipients    NNP  PROPN nsubj     6  O
        1  ,             ,             ,    PUNCT punct     2  O
        2  said          say           VBD  VERB  parataxis 6  O
        3  Lee           Lee           NNP  PROPN nsubj     2  B-PERSON
        4  ,             ,             ,    PUNCT punct     2  O
        5  are           be            VBP  AUX   auxpass   6  O
        6  required      require       VBN  VERB  ROOT      6  O
        7  to            to            TO   PART  aux       8  O
        8  exhibit       exhibit       VB   VERB  xcomp     6  O
        9  the           the           DT   DET   det       10 O
        10 photographs   photograph    NNS  NOUN  dobj      8  O
        11 .             .             .    PUNCT punct     6  O
    """)
    q = only(find_quotes(doc))
    assert (q.kind, q.text, q.cue, q.speaker) == (
        "indirect",
        "Recipients, said Lee, are required to exhibit the photographs",
        "say",
        "Lee",
    )


def test_infinitive_content_of_a_request(build_doc):
    # "asked the governments [not to turn away boats]": what was asked is the infinitive
    doc = build_doc("""
        0  Lee           Lee           NNP  PROPN nsubj     1  B-PERSON
        1  asked         ask           VBD  VERB  ROOT      1  O
        2  the           the           DT   DET   det       3  O
        3  governments   government    NNS  NOUN  dobj      1  O
        4  not           not           RB   PART  neg       6  O
        5  to            to            TO   PART  aux       6  O
        6  turn          turn          VB   VERB  xcomp     1  O
        7  away          away          RP   ADP   prt       6  O
        8  boats         boat          NNS  NOUN  dobj      6  O
        9  .             .             .    PUNCT punct     1  O
    """)
    q = only(find_quotes(doc))
    assert (q.kind, q.text, q.cue, q.speaker) == ("indirect", "not to turn away boats", "ask", "Lee")


def test_infinitive_of_a_verb_that_reports_nothing_is_not_a_quote(build_doc):
    # "Lee wanted the team to win the cup": want is no speech act
    doc = build_doc("""
        0  Lee           Lee           NNP  PROPN nsubj     1  B-PERSON
        1  wanted        want          VBD  VERB  ROOT      1  O
        2  the           the           DT   DET   det       3  O
        3  team          team          NN   NOUN  dobj      1  O
        4  to            to            TO   PART  aux       5  O
        5  win           win           VB   VERB  xcomp     1  O
        6  the           the           DT   DET   det       7  O
        7  cup           cup           NN   NOUN  dobj      5  O
        8  .             .             .    PUNCT punct     1  O
    """)
    assert find_quotes(doc) == []


def test_a_cue_with_an_object_of_its_own_reports_nothing_before_it(build_doc):
    # "NASA celebrates the anniversary ...; announces new homes": "announces" has its own
    # object, so it does not report the clause before it
    doc = build_doc("""
        0  NASA          NASA          NNP  PROPN nsubj     1  B-ORG
        1  celebrates    celebrate     VBZ  VERB  ROOT      1  O
        2  the           the           DT   DET   det       3  O
        3  anniversary   anniversary   NN   NOUN  dobj      1  O
        4  of            of            IN   ADP   prep      3  O
        5  the           the           DT   DET   det       6  O
        6  launch        launch        NN   NOUN  pobj      4  O
        7  ;             ;             :    PUNCT punct     1  O
        8  announces     announce      VBZ  VERB  conj      1  O
        9  new           new           JJ   ADJ   amod      10 O
        10 homes         home          NNS  NOUN  dobj      8  O
        11 for           for           IN   ADP   prep      10 O
        12 shuttles      shuttle       NNS  NOUN  pobj      11 O
    """)
    assert find_quotes(doc) == []


def test_quoted_term_after_a_cue_is_part_of_a_mixed_quote(build_doc):
    # the ministry recommending “online translation tools” if needed: the quoted words are
    # not a direct quote of their own but the quoted part of what was recommended
    doc = build_doc("""
        0  The           the           DT   DET   det       1  O
        1  forms         form          NNS  NOUN  nsubjpass 4  O
        2  must          must          MD   AUX   aux       4  O
        3  be            be            VB   AUX   auxpass   4  O
        4  filled        fill          VBN  VERB  ROOT      4  O
        5  in            in            IN   ADP   prep      4  O
        6  ,             ,             ,    PUNCT punct     9  O
        7  the           the           DT   DET   det       8  O
        8  ministry      ministry      NN   NOUN  nsubj     9  O
        9  recommending  recommend     VBG  VERB  conj      4  O
        10 “             "             ``   PUNCT punct     13 O
        11 online        online        JJ   ADJ   amod      12 O
        12 translation   translation   NN   NOUN  compound  13 O
        13 tools         tool          NNS  NOUN  dobj      9  O
        14 ”             "             ''   PUNCT punct     9  O
        15 if            if            IN   SCONJ mark      16 O
        16 needed        need          VBN  VERB  advcl     9  O
        17 .             .             .    PUNCT punct     4  O
    """)
    q = only(find_quotes(doc))
    assert (q.kind, q.text, q.cue, q.speaker_mention) == (
        "mixed",
        "“online translation tools”",
        "recommend",
        "the ministry",
    )


def test_a_document_reads_its_words(build_doc):
    # The letter reads “...”: a written source quoted word for word
    doc = build_doc("""
        0  The           the           DT   DET   det       1  O
        1  letter        letter        NN   NOUN  nsubj     2  O
        2  reads         read          VBZ  VERB  ROOT      2  O
        3  “             "             ``   PUNCT punct     2  O
        4  we            we            PRP  PRON  nsubj     6  O
        5  may           may           MD   AUX   aux       6  O
        6  extend        extend        VB   VERB  ccomp     2  O
        7  the           the           DT   DET   det       8  O
        8  scheme        scheme        NN   NOUN  dobj      6  O
        9  to            to            IN   ADP   prep      6  O
        10 other         other         JJ   ADJ   amod      11 O
        11 claimants     claimant      NNS  NOUN  pobj      9  O
        12 ”             "             ''   PUNCT punct     6  O
        13 .             .             .    PUNCT punct     2  O
    """)
    q = only(find_quotes(doc))
    assert (q.kind, q.text, q.cue, q.speaker_mention) == (
        "direct",
        "we may extend the scheme to other claimants",
        "read",
        "The letter",
    )


def test_clause_after_with_x_reporting(build_doc):
    # "..., with the Times reporting [no one was hurt]": the parser hangs the clause on the
    # main verb, but it follows the participle cue and is what the Times reported
    doc = build_doc("""
        0  Police        Police        NNS  NOUN  nsubj     1  O
        1  say           say           VBP  VERB  ROOT      1  O
        2  the           the           DT   DET   det       3  O
        3  road          road          NN   NOUN  nsubj     4  O
        4  is            be            VBZ  AUX   ccomp     1  O
        5  closed        close         VBN  VERB  acomp     4  O
        6  ,             ,             ,    PUNCT punct     4  O
        7  with          with          IN   ADP   prep      14 O
        8  the           the           DT   DET   det       9  O
        9  Times         Times         NNP  PROPN nsubj     10 B-ORG
        10 reporting     report        VBG  VERB  pcomp     7  O
        11 no            no            DT   DET   det       12 O
        12 one           one           NN   NOUN  nsubjpass 14 O
        13 was           be            VBD  AUX   auxpass   14 O
        14 hurt          hurt          VBN  VERB  ccomp     1  O
        15 in            in            IN   ADP   prep      14 O
        16 the           the           DT   DET   det       17 O
        17 crash         crash         NN   NOUN  pobj      15 O
        18 .             .             .    PUNCT punct     1  O
    """)
    quotes = find_quotes(doc)
    assert [(q.text, q.speaker_mention) for q in quotes] == [
        ("the road is closed", "Police"),
        ("no one was hurt in the crash", "the Times"),
    ]


def test_cue_inside_its_clause_with_the_clause_subject_on_the_cue(build_doc):
    # "Recipients, said Lee, are required ..." parsed with "Recipients" as a second subject
    # of "said": the subject after the inverted cue is the speaker, the clause is around it
    doc = build_doc("""
        0  Recipients    recipient     NNS  NOUN  nsubj     2  O
        1  ,             ,             ,    PUNCT punct     0  O
        2  said          say           VBD  VERB  parataxis 6  O
        3  Lee           Lee           NNP  PROPN nsubj     2  B-PERSON
        4  ,             ,             ,    PUNCT punct     2  O
        5  are           be            VBP  AUX   auxpass   6  O
        6  required      require       VBN  VERB  ROOT      6  O
        7  to            to            TO   PART  aux       8  O
        8  exhibit       exhibit       VB   VERB  xcomp     6  O
        9  the           the           DT   DET   det       10 O
        10 photographs   photograph    NNS  NOUN  dobj      8  O
        11 .             .             .    PUNCT punct     6  O
    """)
    q = only(find_quotes(doc))
    assert (q.text, q.speaker_mention, q.speaker) == (
        "Recipients, said Lee, are required to exhibit the photographs",
        "Lee",
        "Lee",
    )


def test_subjunctive_clause_of_a_recommendation(build_doc):
    # "recommended that [schools stay open]": a that-clause with its own subject is reported
    # content even with an untensed (subjunctive) verb
    doc = build_doc("""
        0  The           the           DT   DET   det       1  O
        1  agency        agency        NN   NOUN  nsubj     2  O
        2  recommended   recommend     VBD  VERB  ROOT      2  O
        3  that          that          IN   SCONJ mark      5  O
        4  schools       school        NNS  NOUN  nsubj     5  O
        5  stay          stay          VB   VERB  ccomp     2  O
        6  open          open          JJ   ADJ   acomp     5  O
        7  during        during        IN   ADP   prep      5  O
        8  the           the           DT   DET   det       9  O
        9  outbreak      outbreak      NN   NOUN  pobj      7  O
        10 .             .             .    PUNCT punct     2  O
    """)
    q = only(find_quotes(doc))
    assert (q.kind, q.text, q.cue, q.speaker_mention) == (
        "indirect",
        "schools stay open during the outbreak",
        "recommend",
        "The agency",
    )


def test_pronoun_points_to_a_person_described_as_an_object(build_doc):
    # "Police arrested the driver ... “...,” he told them": no one is named, so "he" is the
    # person last described, here the object of the previous sentence
    doc = build_doc("""
        0  Police        Police        NNS  NOUN  nsubj     1  O
        1  arrested      arrest        VBD  VERB  ROOT      1  O
        2  the           the           DT   DET   det       3  O
        3  driver        driver        NN   NOUN  dobj      1  O
        4  on            on            IN   ADP   prep      1  O
        5  Sunday        Sunday        NNP  PROPN pobj      4  B-DATE
        6  .             .             .    PUNCT punct     1  O
        7  “             "             ``   PUNCT punct     11 O
        8  I             I             PRP  PRON  nsubj     11 O
        9  did           do            VBD  AUX   aux       11 O
        10 not           not           RB   PART  neg       11 O
        11 see           see           VB   VERB  ccomp     17 O
        12 the           the           DT   DET   det       13 O
        13 child         child         NN   NOUN  dobj      11 O
        14 ,             ,             ,    PUNCT punct     17 O
        15 ”             "             ''   PUNCT punct     17 O
        16 he            he            PRP  PRON  nsubj     17 O
        17 told          tell          VBD  VERB  ROOT      17 O
        18 them          they          PRP  PRON  dobj      17 O
        19 .             .             .    PUNCT punct     17 O
    """)
    q = only(find_quotes(doc))
    assert (q.text, q.speaker_mention, q.speaker, q.evidence) == (
        "I did not see the child,",
        "he",
        "the driver",
        "cue/pronoun",
    )


def test_pronoun_skips_a_described_person_of_the_other_gender(build_doc):
    # "Police found the mother. “We are safe,” he said": "he" is not the mother
    doc = build_doc("""
        0  Police        Police        NNS  NOUN  nsubj     1  O
        1  found         find          VBD  VERB  ROOT      1  O
        2  the           the           DT   DET   det       3  O
        3  mother        mother        NN   NOUN  dobj      1  O
        4  .             .             .    PUNCT punct     1  O
        5  “             "             ``   PUNCT punct     8  O
        6  We            we            PRP  PRON  nsubj     8  O
        7  are           be            VBP  AUX   aux       8  O
        8  safe          safe          JJ   ADJ   ccomp     12 O
        9  ,             ,             ,    PUNCT punct     12 O
        10 ”             "             ''   PUNCT punct     12 O
        11 he            he            PRP  PRON  nsubj     12 O
        12 said          say           VBD  VERB  ROOT      12 O
        13 .             .             .    PUNCT punct     12 O
    """)
    q = only(find_quotes(doc))
    assert (q.speaker_mention, q.speaker) == ("he", None)


def test_called_for_reports_what_was_demanded(build_doc):
    # "The union called for [an immediate halt to the layoffs]": the demand is reported content
    doc = build_doc("""
        0  The           the           DT   DET   det       1  O
        1  union         union         NN   NOUN  nsubj     2  O
        2  called        call          VBD  VERB  ROOT      2  O
        3  for           for           IN   ADP   prep      2  O
        4  an            an            DT   DET   det       6  O
        5  immediate     immediate     JJ   ADJ   amod      6  O
        6  halt          halt          NN   NOUN  pobj      3  O
        7  to            to            IN   ADP   prep      6  O
        8  the           the           DT   DET   det       9  O
        9  layoffs       layoff        NNS  NOUN  pobj      7  O
        10 .             .             .    PUNCT punct     2  O
    """)
    q = only(find_quotes(doc))
    assert (q.kind, q.text, q.cue, q.speaker_mention) == (
        "indirect",
        "an immediate halt to the layoffs",
        "call",
        "The union",
    )


def test_part_of_a_publication_speaks_for_the_publication(build_doc):
    # "The politics section of the Guardian website said": a section or page of a web site
    # is not a source; the publication it belongs to is
    doc = build_doc("""
        0  The           the           DT   DET   det       2  O
        1  politics      politic       NNS  NOUN  compound  2  O
        2  section       section       NN   NOUN  nsubj     7  O
        3  of            of            IN   ADP   prep      2  O
        4  the           the           DT   DET   det       6  O
        5  Guardian      guardian      JJ   ADJ   compound  6  B-ORG
        6  website       website       NN   NOUN  pobj      3  O
        7  said          say           VBD  VERB  ROOT      7  O
        8  the           the           DT   DET   det       9  O
        9  vote          vote          NN   NOUN  nsubj     10 O
        10 was           be            VBD  AUX   ccomp     7  O
        11 close         close         JJ   ADJ   acomp     10 O
        12 .             .             .    PUNCT punct     7  O
    """)
    q = only(find_quotes(doc))
    assert (q.text, q.speaker, q.speaker_kind, q.evidence) == (
        "the vote was close",
        "Guardian",
        "organization",
        "indirect/document",
    )


def test_an_age_in_apposition_is_not_the_role(build_doc):
    # "Ms. Lopez, 45, a teacher at the school, said": the role is the noun apposition
    doc = build_doc("""
        0  Ms.           Ms.           NNP  PROPN compound  1  O
        1  Lopez         Lopez         NNP  PROPN nsubj     11 B-PERSON
        2  ,             ,             ,    PUNCT punct     1  O
        3  45            45            CD   NUM   appos     1  B-DATE
        4  ,             ,             ,    PUNCT punct     1  O
        5  a             a             DT   DET   det       6  O
        6  teacher       teacher       NN   NOUN  appos     1  O
        7  at            at            IN   ADP   prep      6  O
        8  the           the           DT   DET   det       9  O
        9  school        school        NN   NOUN  pobj      7  O
        10 ,             ,             ,    PUNCT punct     1  O
        11 said          say           VBD  VERB  ROOT      11 O
        12 the           the           DT   DET   det       13 O
        13 children      child         NNS  NOUN  nsubj     14 O
        14 were          be            VBD  AUX   ccomp     11 O
        15 safe          safe          JJ   ADJ   acomp     14 O
        16 .             .             .    PUNCT punct     11 O
    """)
    q = only(find_quotes(doc))
    assert (q.speaker, q.speaker_role) == ("Lopez", "teacher at the school")


def test_pronoun_points_to_the_possessor_of_a_subject(build_doc):
    # "Thomas Reed's sister said ... “...,” he replied": the sister is not "he"; the man the
    # sentence names as her possessor is more recent than the officer quoted before
    doc = build_doc("""
        0  Officer       Officer       NNP  PROPN compound  2  O
        1  Dan           Dan           NNP  PROPN compound  2  B-PERSON
        2  Ruiz          Ruiz          NNP  PROPN nsubj     3  I-PERSON
        3  said          say           VBD  VERB  ROOT      3  O
        4  the           the           DT   DET   det       5  O
        5  case          case          NN   NOUN  nsubj     6  O
        6  was           be            VBD  AUX   ccomp     3  O
        7  still         still         RB   ADV   advmod    6  O
        8  open          open          JJ   ADJ   acomp     6  O
        9  .             .             .    PUNCT punct     3  O
        10 Thomas        Thomas        NNP  PROPN compound  11 B-PERSON
        11 Reed          Reed          NNP  PROPN poss      13 I-PERSON
        12 's            's            POS  PART  case      11 I-PERSON
        13 sister        sister        NN   NOUN  nsubj     14 O
        14 said          say           VBD  VERB  ROOT      14 O
        15 the           the           DT   DET   det       16 O
        16 family        family        NN   NOUN  nsubj     17 O
        17 was           be            VBD  AUX   ccomp     14 O
        18 in            in            IN   ADP   prep      17 O
        19 shock         shock         NN   NOUN  pobj      18 O
        20 .             .             .    PUNCT punct     14 O
        21 “             "             ``   PUNCT punct     24 O
        22 We            we            PRP  PRON  nsubj     24 O
        23 just          just          RB   ADV   advmod    24 O
        24 want          want          VBP  VERB  ccomp     29 O
        25 answers       answer        NNS  NOUN  dobj      24 O
        26 ,             ,             ,    PUNCT punct     29 O
        27 ”             "             ''   PUNCT punct     29 O
        28 he            he            PRP  PRON  nsubj     29 O
        29 replied       reply         VBD  VERB  ROOT      29 O
        30 .             .             .    PUNCT punct     29 O
    """)
    direct = [q for q in find_quotes(doc) if q.kind == "direct"]
    assert [(q.speaker, q.evidence) for q in direct] == [("Thomas Reed", "cue/pronoun")]
