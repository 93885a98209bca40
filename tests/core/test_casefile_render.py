"""What the case-file reader accepts, the PDF and the slides render: odd but allowed text
(tabs, CR LF, right-to-left marks, emoji, very long words) and a sample of the fuzz corpus.

Control characters and NUL once passed import and then broke ``slides`` and ``pdf``; the
reader now refuses them, and everything it lets through must render.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from desktop.core import casefile
from desktop.core.errors import CaseFileError
from desktop.core.model import Text
from desktop.report.fonts import GlyphError
from desktop.report.summary import CaseSummaryPdf
from desktop.slides.deck import build_deck
from tests.conftest import make_case
from tests.core.fuzz.generate import generate_corpus
from tests.report.conftest import full_text
from tests.slides.conftest import deck_texts, open_deck

ODD = ("Tab\there CR LF\r\nnext \u202eoverride\u202c \u200f\u200e שלום مرحبا e\u0301 "
       "zero\u200bwidth \u2028sep \u2029para \ufeffbom ")
LONG_WORD = "Pneumono" + "x" * 3000


def hostile_but_valid():
    """A case full of text the format allows, read back through the case-file reader."""
    case = make_case()
    ev = case.events
    case = replace(
        case,
        title=Text("MARKER-TITLE " + ODD, "МЕТКА-НАЗВАНИЕ " + ODD),
        events=[replace(ev[0], label=Text(ODD + LONG_WORD[:200], ODD), note=Text()),
                replace(ev[1], note=Text(LONG_WORD, None))],
        therapies=[replace(case.therapies[0], name=Text(ODD + "Blina", "Блина\t" + ODD),
                           note=Text(LONG_WORD, LONG_WORD)), *case.therapies[1:]],
        sections={"summary": Text("MARKER-SUMMARY " + ODD + LONG_WORD, ODD),
                  "discussion": Text("\r\n".join([ODD] * 200), None)},
    )
    again = casefile.loads(casefile.dumps(case), source="odd.case.json")
    assert again == case
    return again


@pytest.mark.parametrize("lang", ["both", "en", "ru"])
def test_odd_text_renders_in_the_pdf(lang):
    data = CaseSummaryPdf(hostile_but_valid(), lang).generate()
    text = full_text(data)
    assert ("MARKER-TITLE" in text) == (lang != "ru")
    assert ("МЕТКА-НАЗВАНИЕ" in text) == (lang != "en")


def test_a_character_no_font_has_is_a_clear_refusal_in_the_pdf():
    """Emoji are allowed in a case file; the PDF names the field it cannot print."""
    case = replace(hostile_but_valid(), title=Text("DNA 🧬", "ДНК"))
    with pytest.raises(GlyphError, match=r"title\.en: U\+1F9EC"):
        CaseSummaryPdf(case, "en").generate()
    assert open_deck(build_deck(case, lang="en")).slides


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_odd_text_renders_in_the_slides(lang):
    texts = " ".join(deck_texts(open_deck(build_deck(hostile_but_valid(), lang=lang))))
    assert ("MARKER-TITLE" if lang == "en" else "МЕТКА-НАЗВАНИЕ") in texts


def test_a_sample_of_accepted_fuzz_files_renders(tmp_path):
    accepted = []
    for path in generate_corpus(tmp_path, 150, seed=11, hand_written=False):
        try:
            case = casefile.load(path)
        except CaseFileError:
            continue
        if len(case.events) + len(case.measurements) < 100:
            accepted.append(case)
    assert len(accepted) >= 10
    for case in accepted[::len(accepted) // 3][:3]:
        assert CaseSummaryPdf(case, "both").generate().startswith(b"%PDF")
        assert open_deck(build_deck(case, lang="ru")).slides
