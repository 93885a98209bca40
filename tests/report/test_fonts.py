"""The glyph check and the label helpers."""

from __future__ import annotations

import pytest

from desktop.core import vocab
from desktop.report import labels
from desktop.report.fonts import FALLBACK, GlyphError, Glyphs, split_runs

G = Glyphs("X-1")


def test_markup_escapes_the_text_it_is_given():
    assert G.markup("<b>a & b</b>", "f") == "&lt;b&gt;a &amp; b&lt;/b&gt;"
    assert G.markup("line\nnext", "f") == "line<br/>next"
    assert G.markup(None, "f") == ""


def test_signs_pt_lacks_are_wrapped_in_the_fallback():
    assert G.markup("α → β", "f") == (f'<font name="{FALLBACK}">α</font> '
                                      f'<font name="{FALLBACK}">→</font> '
                                      f'<font name="{FALLBACK}">β</font>')
    assert G.markup("Привет, ≥ 5", "f") == "Привет, ≥ 5"  # PT has these
    assert split_runs("10⁻⁶ kg", "PTSans") == [("PTSans", "10"), ("DejaVuSans", "⁻⁶"),
                                               ("PTSans", " kg")]
    assert split_runs("→", "PTSans-Bold") == [("DejaVuSans-Bold", "→")]


def test_text_is_composed_before_the_check():
    decomposed = "и\u0306"  # и + combining breve = й
    assert G.markup(decomposed, "f") == "й"


def test_a_sign_no_font_has_names_case_field_and_character():
    with pytest.raises(GlyphError) as e:
        G.check("Case 中", "therapies[2].name.en")
    message = str(e.value)
    assert message.startswith("case X-1: therapies[2].name.en: U+4E2D")
    assert "CJK UNIFIED IDEOGRAPH-4E2D" in message


def test_labels_come_from_vocab_first():
    assert labels.text("therapies") is vocab.FIELDS["therapies"]
    assert not set(labels.REPORT) & set(vocab.FIELDS)  # nothing written twice
    assert labels.get("SULmax", "ru") == "SULmax"  # not a label: as written


@pytest.mark.parametrize(("n", "en", "ru"), [(1, "1 year", "1 год"), (2, "2 years", "2 года"),
                                             (5, "5 years", "5 лет"), (11, "11 years", "11 лет"),
                                             (21, "21 years", "21 год"),
                                             (25, "25 years", "25 лет"),
                                             (31, "31 years", "31 год"),
                                             (44, "44 years", "44 года")])
def test_years(n, en, ru):
    assert labels.years(n, "en") == en
    assert labels.years(n, "ru") == ru
