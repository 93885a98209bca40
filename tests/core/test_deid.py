"""De-identification: relative labels, dates in text, the scrubbed copy, what must not show."""

from __future__ import annotations

import copy
import re
import struct
import zlib

import pytest

from desktop.core import casefile
from desktop.core.dates import PartialDate, day_bounds
from desktop.core.deid import (
    DeidError,
    DeidView,
    choose_anchor,
    deidentify,
    identifying_strings,
    relative_label,
    scrub_text,
    strip_image_metadata,
)
from desktop.core.model import (
    Case,
    Diagnosis,
    Event,
    Finding,
    Image,
    Lesion,
    Measurement,
    Patient,
    PetStudy,
    Text,
    Therapy,
)


def d(iso: str) -> PartialDate:
    return PartialDate.parse_iso(iso)


TX = d("2018-08-09")  # case 1 of the founding report: allo-HSCT at 09.08.2018
DX = d("2014-03")  # diagnosed in March, 2014
NBSP = "\u00a0"


# --- images with metadata -------------------------------------------------------
def chunk(kind: bytes, body: bytes) -> bytes:
    crc = zlib.crc32(kind + body) & 0xFFFFFFFF
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)


IHDR = chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 6, 0, 0, 0))
IDAT = chunk(b"IDAT", zlib.compress(b"\x00\x00\x00\x00\x00"))
PNG_TAGGED = (b"\x89PNG\r\n\x1a\n" + IHDR + chunk(b"tEXt", b"Author\x00Ivanova K.A. 09.08.2018")
              + chunk(b"pHYs", struct.pack(">IIB", 2835, 2835, 1))
              + chunk(b"tIME", struct.pack(">HBBBBB", 2018, 8, 9, 10, 0, 0)) + IDAT
              + chunk(b"IEND", b""))


def segment(marker: int, body: bytes) -> bytes:
    return bytes([0xFF, marker]) + struct.pack(">H", len(body) + 2) + body


SCAN = b"\x12\x34\xff\x00\x56"
JPEG_TAGGED = (b"\xff\xd8" + segment(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")
               + segment(0xE1, b"Exif\x00\x00DateTimeOriginal 2018:08:09")
               + segment(0xFE, b"Ivanova K.A.") + segment(0xDB, b"\x00" + bytes(64))
               + segment(0xDA, b"\x01\x01\x00\x00\x3f\x00") + SCAN + b"\xff\xd9")


# --- a case built like case 1 of the founding report ----------------------------
def make_case() -> Case:
    return Case(
        code="ALL-1",
        title=Text("Ph+ B-ALL, K.A., allo-HSCT 09.08.2018", "Ph+ B-ОЛЛ, алло-ТГСК 09.08.2018"),
        tags=["B-ALL", "ALL-2009"],
        patient=Patient(sex="F", age_at_diagnosis=31, initials="K.A.",
                        record_number="MR-0042/18", birth_date=d("1983-02-14")),
        diagnosis=Diagnosis(
            date=DX, name=Text("B-ALL", "B-ОЛЛ"), karyotype="46,XX,t(9;22)(q34;q22)",
            note=Text("Diagnosed in March, 2014 (record MR-0042/18).",
                      "Диагноз установлен в марте 2014 г.")),
        findings=[Finding(d("2017-09"), "karyotype", "46,XX,t(9;22)(q23;p22)",
                          Text("relapse in September 2017", "рецидив в сентябре 2017 г."))],
        therapies=[
            Therapy(Text("ALL-2009 protocol", "протокол ALL-2009"), "chemotherapy",
                    DX, d("2016-10"), response="CR"),
            Therapy(Text("allo-HSCT", "алло-ТГСК"), "transplant", TX,
                    note=Text("Busulfan (10 mg/kg); engraftment at day+24 (02.09.2018)",
                              "Бусульфан (10 мг/кг); приживление 2 сентября 2018 г.")),
        ],
        events=[Event(d("2018-09-02"), "remission", Text("MRD-negative on 2018-09-02",
                                                         "МОБ-негативность 02.09.2018")),
                Event(d("2018-10-22"), "infusion", Text("DLI", "ДЛИ"))],
        measurements=[Measurement(d("2018-07-19"), "marrow_blasts", 18.0, "%")],
        pet_studies=[PetStudy(d("2019-01"), Text("Before, January 2019", "До, январь 2019"),
                              lesions=[Lesion("L1", Text("left breast", "левая молочная железа"),
                                              11.93)],
                              image=Image("image/png", PNG_TAGGED))],
        sections={"presentation": Text(
            "K.A. was diagnosed in March, 2014; allo-HSCT at 09.08.2018 (Busulfan 10 mg/kg).",
            "Пациентка K.A.: диагноз в марте 2014 г., алло-ТГСК 09.08.2018.")},
        references=["Wahl RL et al. J Nucl Med 2009;50:122S"],
    )


def case_dates(case: Case) -> list[PartialDate | None]:
    """Every date of ``make_case`` in a fixed order (identifying ones left out)."""
    return ([case.diagnosis.date] + [f.date for f in case.findings]
            + [x for t in case.therapies for x in (t.start, t.end)]
            + [e.date for e in case.events] + [m.date for m in case.measurements]
            + [s.date for s in case.pet_studies])


# --- relative labels ----------------------------------------------------------------
@pytest.mark.parametrize(("when", "lang", "label"), [
    ("2018-08-09", "en", "D0"), ("2018-09-02", "en", "D+24"), ("2018-07-19", "en", "D−21"),
    ("2018-09-02", "ru", "Д+24"), ("2018-07-19", "ru", "Д−21"),
    ("2018-08", "en", "D−8 – D+22"),
    ("2018-12", "en", "D+114 – D+144"),  # a month after a day: the range, no invented day
    ("2014-03", "en", "D−1622 – D−1592"),
    ("2014", "en", "month −55 – month −44"),  # a whole year: too wide for days
    ("2018-09-02~", "en", "≈ D+24"),
])
def test_transplant_labels(when, lang, label):
    assert relative_label(d(when), TX, lang, "transplant") == label


def test_day_labels_group_thousands_in_each_language():
    anchor = d("2014-03-01")
    assert relative_label(d("2017-07-17"), anchor, "en") == "day 1,234"
    assert relative_label(d("2017-07-17"), anchor, "ru") == f"день 1{NBSP}234"
    assert relative_label(d("2014-02-27"), anchor, "en") == "day −2"


def test_month_labels_count_whole_months_elapsed_from_month_zero():
    anchor = d("2014-03-15")
    assert relative_label(d("2014-03-15"), anchor, "en", "months") == "month 0"
    assert relative_label(d("2014-10-15"), anchor, "en", "months") == "month 7"
    assert relative_label(d("2014-10-14"), anchor, "ru", "months") == "месяц 6"
    assert relative_label(d("2014-03-14"), anchor, "en", "months") == "month −1"


def test_partial_month_labels_are_marked_approximate():
    assert relative_label(d("2017-09"), DX, "en", "months") == "≈ month 42"
    assert relative_label(d("2017-09-25"), DX, "ru", "months") == "≈ месяц 42"
    assert relative_label(d("2017"), DX, "en", "months") == "month 34 – month 45"


def test_day_ranges_are_the_bounds_the_precisions_allow():
    lo, hi = day_bounds(DX, d("2014-05"))
    assert relative_label(d("2014-05"), DX, "en", "days") == f"day {lo} – day {hi}"
    assert (lo, hi) == (31, 91)


def test_no_anchor_gives_a_placeholder_not_a_number():
    assert relative_label(TX, None, "en", "transplant") == "[date]"
    assert relative_label(TX, None, "ru") == "[дата]"


def test_unknown_style_or_language_is_refused():
    with pytest.raises(ValueError, match="style"):
        relative_label(TX, TX, "en", "weeks")
    with pytest.raises(ValueError, match="lang"):
        relative_label(TX, TX, "de")


# --- dates in text --------------------------------------------------------------------
@pytest.mark.parametrize(("text", "out"), [
    ("performed at 09.08.2018, i.e.", "performed at D0, i.e."),
    ("at 9.8.2018.", "at D0."),
    ("engrafted (2018-09-02)", "engrafted (D+24)"),
    ("on 2018-09-02T10:30Z", "on D+24"),
    ("since 08/2018", "since D−8 – D+22"),
    ("blasts 03.2014 and", "blasts D−1622 – D−1592 and"),
    ("in March, 2014.", "in D−1622 – D−1592."),
    ("March 2014", "D−1622 – D−1592"),
    ("on 2 September 2018", "on D+24"),
    ("on the 2nd of September, 2018", "on the D+24"),
    ("on September 2, 2018", "on D+24"),
    ("Sept. 2, 2018", "D+24"),
    ("in Aug 2018", "in D−8 – D+22"),
    ("In Janu-\nary, 2018, the", "In D−220 – D−190, the"),
    ("diagnosed in November,\n2011 with", "diagnosed in D−2473 – D−2444 with"),
    ("on 2 September the", "on [date] the"),
    ("on 31.09.2018 (a typo)", "on [date] (a typo)"),
    ("08/25/2018", "D+16"),
    ("from 25.11.2015-09.08.2018", "from D−988-D0"),
    ("in 2014, the", "in month −55 – month −44, the"),
    ("In early 2014 she", "In early month −55 – month −44 she"),
])
def test_english_dates_become_relative(text, out):
    assert scrub_text(text, "en", TX, style="transplant") == out


@pytest.mark.parametrize(("text", "out"), [
    ("в марте 2014 г. был", "в Д−1622 – Д−1592 был"),
    ("в марте 2014 года", "в Д−1622 – Д−1592"),
    ("Март 2014", "Д−1622 – Д−1592"),
    ("с сент. 2017", "с Д−342 – Д−313"),
    ("2 сентября 2018 г. —", "Д+24 —"),
    ("9-го августа 2018 года", "Д0"),
    ("выполнена 25.11.2015.", "выполнена Д−988."),
    ("выполнена 09.08.2018 г.", "выполнена Д0."),
    ("в 2014 г. и", "в месяц −55 – месяц −44 и"),
    ("в 2014 году", "в месяц −55 – месяц −44"),
    ("в 2014, затем", "в месяц −55 – месяц −44, затем"),
    ("с 2014 по 2016 гг.", "с месяц −55 – месяц −20."),
    ("на 2 сентября", "на [дата]"),
])
def test_russian_dates_become_relative(text, out):
    assert scrub_text(text, "ru", TX, style="transplant") == out


def test_months_from_diagnosis_in_text():
    text = "One year later, in September 2017, 200×106 WBC/L"
    assert scrub_text(text, "en", DX, style="months") == (
        "One year later, in ≈ month 42, 200×106 WBC/L")
    assert scrub_text("в сентябре 2017 г.", "ru", DX, style="months") == "в ≈ месяц 42."


@pytest.mark.parametrize("text", [
    "cyclophosphamide (200 mg/kg)", "Busulfan (10 mg/kg)", "Busulfan (12 mg/kg)",
    "46,XX,t(9;22)(q23;p22)", "t(9;22)(q34;q22),add(11)(p11)", "46-47,XХ,?t(4;9)(q25;p24)",
    "200×106 WBC/L and 45×106 PLT/L", "1×106/kg", "BCR-ABL p190/ABL*100 33.5534 copies",
    "CD19 expression on 99.6% of the cells", "detected at 0.0637 copies",
    "reached at day+24", "at D+130 in order", "on the day+50", "on day 2",
    "the National ALL-2009 Protocol", "The dasatinib-containing ALL-REZ-MB-2013 protocol",
    "Wahl RL et al. J Nucl Med 2009;50:122S", "Blood. 2014 Mar 13;123(11):1651-8",
    "in 2014 patients", "after 2000 cGy", "a 12.2014 copies ratio", "11 months after HSCT",
    "1.5 years later", "(median OS, 7.7 months)", "3-year OS rates of 20.3%", "[7-9]",
    "протокол ALL-REZ-MB-2013", "Бусульфан (10 мг/кг)", "1,5 года спустя",
])
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_clinical_numbers_are_left_alone(text, lang):
    assert scrub_text(text, lang, TX, style="transplant") == text


def test_without_anchor_every_date_becomes_a_placeholder():
    text = "at 09.08.2018 and in March, 2014, then in 2015"
    assert scrub_text(text, "en", None) == "at [date] and in [date], then in [date]"
    assert scrub_text("в марте 2014 г., 25.11.2015", "ru", None) == "в [дата], [дата]"


def test_identifiers_in_text_are_removed_as_exact_tokens():
    text = "Patient MR-0042/18 (K.A.), not MR-0042/180 nor KAT"
    assert scrub_text(text, "en", TX, identifiers=["MR-0042/18", "K.A."]) == (
        "Patient [removed] ([removed]), not MR-0042/180 nor KAT")


def test_birth_date_in_text_is_removed_not_made_relative():
    born = d("1983-02-14")
    assert scrub_text("born 14.02.1983", "en", TX, birth_date=born) == "born [removed]"
    assert scrub_text("1983 г.р.", "ru", TX, birth_date=born) == "[удалено]."


# --- the founding report ----------------------------------------------------------------
SEED = """A 31-year old woman was diagnosed with B-ALL, isolated
marrow involvement, in March, 2014. Genetic abnormal-
ities were not evaluated at the regional hospital. The pa-
tient was treated according to the National ALL-2009 Pro-
tocol, and morphological remission was reached after first
induction cycle. The protocol was completed in October
2016. One year later, in September 2017, 200×106 WBC/L
and 45×106 PLT/L of peripheral blood were found. The ge-
netic tests revealed 46,XX,t(9;22)(q23;p22), and BCR/ABL
p190. The dasatinib-containing ALL-REZ-MB-2013 proto-
col was then administered. Second morphologic remission
was reached after the first cycle of this treatment. In Janu-
ary, 2018, the patient was sent to our center, and the genetic
tests showed a molecular remission. Bone marrow (BM) examination has revealed
90% of blasts a month later, CD19 expression on 99.6% of the
cells; conventional cytogenetics showed t(9;22)(q34;q22),add(11)(p11).
Blinatumomab was administered as
4-week prolonged infusion after a pre-phase of cyclophos-
phamide treatment (200 mg/kg). BCR-ABL p190/ABL*100 33.5534 copies, IKAROS
mut. BCR/ABL р190 was detected at 0.0637 copies. Allogeneic stem cell
transplantation from matched related donor was performed
at 09.08.2018, i.e., three weeks after Inotuzumab. Condition-
ing regimen with reduced toxicity included Fludarabine and
Busulfan (10 mg/kg). Engraftment with
complete donor chimerism and MRD negativity was reached
at day+24. Tacrolimus was implicated
at D+130 in order to control GVHD.
A 25-year old young woman was diagnosed in November,
2011 with B-ALL. The protocol was completed in April, 2014. BM relapse
occurred in May, 2015. Al-
logeneic stem cell transplantation from matched unrelated
donor was performed at 25.11.2015. The reduced-toxicity
conditioning regimen included Fludarabine and Busulfan
(12 mg/kg)."""

SEED_LABELS = [  # case 1's transplant (09.08.2018) is the anchor
    ("March, 2014", "D−1622 – D−1592"), ("October\n2016", "D−677 – D−647"),
    ("September 2017", "D−342 – D−313"), ("Janu-\nary, 2018", "D−220 – D−190"),
    ("09.08.2018", "D0"), ("November,\n2011", "D−2473 – D−2444"),
    ("April, 2014", "D−1591 – D−1562"), ("May, 2015", "D−1196 – D−1166"),
    ("25.11.2015", "D−988"),
]
MONTH_YEAR = re.compile(r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?"
                        r"\s+(?:19|20)\d\d\b")
DAY_MONTH_YEAR = re.compile(r"\b\d{1,2}[./]\d{1,2}[./]\d{4}\b")


def test_founding_report_keeps_its_clinical_numbers_and_loses_its_dates():
    out = scrub_text(SEED, "en", TX, style="transplant")
    joined = re.sub(r"-\s*\n\s*", "", out)  # read across hyphenated line breaks
    assert not MONTH_YEAR.search(joined)
    assert not DAY_MONTH_YEAR.search(joined)
    for kept in ("ALL-2009", "ALL-REZ-MB-2013", "10 mg/kg", "12 mg/kg", "200 mg/kg", "day+24",
                 "D+130", "t(9;22)(q34;q22)", "46,XX", "99.6%", "0.0637", "33.5534 copies",
                 "200×106 WBC/L"):
        assert kept in out
    expected = SEED
    for old, new in SEED_LABELS:
        assert old in expected
        expected = expected.replace(old, new)
    assert out == expected  # nothing but the dates changed


# --- the de-identified case ----------------------------------------------------------
def test_deidentify_removes_identifiers_and_leaves_the_input_untouched():
    case = make_case()
    before = copy.deepcopy(case)
    out = deidentify(case)
    assert case == before
    assert (out.patient.initials, out.patient.record_number, out.patient.birth_date) == (
        None, None, None)
    assert (out.patient.sex, out.patient.age_at_diagnosis) == ("F", 31)
    assert out is not case and out.therapies[0] is not case.therapies[0]


def test_nothing_identifying_is_left_in_the_saved_copy():
    case = make_case()
    saved = casefile.dumps(deidentify(case)).lower()
    leaks = [s for s in identifying_strings(case) if s.lower() in saved]
    assert leaks == []
    assert "ivanova" not in saved  # the PNG text chunk went too (base64 hides it: check bytes)
    assert b"Ivanova" not in deidentify(case).pet_studies[0].image.data


def test_copy_dates_are_moved_by_leap_cycles_and_keep_every_relative_label():
    case, out = make_case(), deidentify(make_case())
    tx = out.transplant_date()
    assert tx is not None and 2000 <= tx.year <= 2003 and (tx.year - TX.year) % 4 == 0
    for original, moved in zip(case_dates(case), case_dates(out), strict=True):
        if original is None:
            assert moved is None
            continue
        assert moved.year != original.year and (moved.month, moved.day) == (
            original.month, original.day)
        assert moved.precision is original.precision
        for lang in ("en", "ru"):
            assert DeidView(out).date(moved, lang) == DeidView(case).date(original, lang)
            assert (DeidView(out, "diagnosis").date(moved, lang)
                    == DeidView(case, "diagnosis").date(original, lang))


def test_copy_text_is_scrubbed_but_codes_and_references_are_kept():
    out = deidentify(make_case())
    assert out.sections["presentation"].en == (
        "[removed] was diagnosed in D−1622 – D−1592; allo-HSCT at D0 (Busulfan 10 mg/kg).")
    assert out.sections["presentation"].ru == (
        "Пациентка [удалено]: диагноз в Д−1622 – Д−1592, алло-ТГСК Д0.")
    assert out.title.en == "Ph+ B-ALL, [removed], allo-HSCT D0"
    assert out.diagnosis.note.en == "Diagnosed in D−1622 – D−1592 (record [removed])."
    assert out.therapies[1].note.ru == "Бусульфан (10 мг/кг); приживление Д+24."
    assert out.events[0].label.en == "MRD-negative on D+24"
    assert out.diagnosis.karyotype == "46,XX,t(9;22)(q34;q22)"
    assert out.therapies[0].name.en == "ALL-2009 protocol"
    assert (out.therapies[0].response, out.therapies[1].category) == ("CR", "transplant")
    assert out.references == ["Wahl RL et al. J Nucl Med 2009;50:122S"]
    assert out.tags == ["B-ALL", "ALL-2009"]


def test_initials_that_look_like_a_code_do_not_eat_the_code():
    case = make_case()
    case.patient.initials = "CR"
    out = deidentify(case)
    assert out.therapies[0].response == "CR"
    assert out.sections["presentation"].en.startswith("K.A. was")  # only "CR" is removed


def test_anchor_defaults_to_transplant_then_diagnosis_then_none():
    case = make_case()
    assert choose_anchor(case) == ("transplant", TX)
    assert choose_anchor(case, "diagnosis") == ("diagnosis", DX)
    case.therapies.pop()
    assert choose_anchor(case) == ("diagnosis", DX)
    assert choose_anchor(case, "transplant") == (None, None)  # asked for, not there
    case.diagnosis.date = None
    assert choose_anchor(case) == (None, None)
    with pytest.raises(ValueError, match="anchor"):
        choose_anchor(case, "birth")


def test_a_case_without_anchor_shows_placeholders():
    case = make_case()
    case.therapies.pop()
    case.diagnosis.date = None
    view = DeidView(case)
    assert view.date(TX, "en") == "[date]"
    assert view.text("at 09.08.2018", "ru") == "at [дата]"
    assert view.caption("en") == "Dates removed"
    out = view.case()
    assert out.sections["presentation"].en == (
        "[removed] was diagnosed in [date]; allo-HSCT at [date] (Busulfan 10 mg/kg).")


def test_view_styles_and_captions():
    tx_view, dx_view = DeidView(make_case()), DeidView(make_case(), "diagnosis")
    assert (tx_view.style, dx_view.style) == ("transplant", "months")
    assert tx_view.date(d("2018-09-02"), "en") == "D+24"
    assert dx_view.date(d("2017-09"), "en") == "≈ month 42"
    assert tx_view.date(None, "en") == ""
    assert tx_view.caption("en") == "Days from transplant (D0 = transplant)"
    assert dx_view.caption("ru") == "Месяцы от диагноза (месяц 0 — диагноз)"
    assert DeidView(make_case(), style="days").date(d("2018-09-02"), "ru") == "день 24"


def test_leap_days_survive_the_move():
    case = make_case()
    case.measurements.append(Measurement(d("2016-02-29"), "wbc", 1.2))
    out = deidentify(case)
    moved = out.measurements[-1].date
    assert (moved.month, moved.day) == (2, 29)
    assert DeidView(out).date(moved, "en") == DeidView(case).date(d("2016-02-29"), "en")


def test_an_anchor_already_in_the_epoch_is_still_moved():
    case = make_case()
    case.therapies[1].start = d("2001-05-05")
    case.events.clear()
    assert deidentify(case).transplant_date() == d("2041-05-05")


def test_a_date_too_far_from_the_anchor_is_refused_clearly():
    case = make_case()
    case.findings.append(Finding(d("1903-01"), "other", "typo"))
    with pytest.raises(DeidError, match="1903-01"):
        deidentify(case)


# --- what tests of the PDF and slides search for -----------------------------------------
def test_identifying_strings_cover_identifiers_and_every_date_form():
    found = identifying_strings(make_case())
    for s in ("K.A.", "K. A.", "MR-0042/18", "14 Feb 1983", "14.02.1983",
              "09.08.2018", "9.8.2018", "2018-08-09", "9 Aug 2018", "9 August 2018",
              "August 9, 2018", "9 августа 2018", "2 Sep 2018", "19.07.2018",
              "March 2014", "Mar 2014", "03.2014", "2014-03", "март 2014", "марте 2014",
              "January 2019", "январь 2019", "October 2016"):
        assert s in found, s
    assert not {"2014", "2009", "ALL-2009", ""} & set(found)
    assert len(found) == len(set(found))


def test_identifying_strings_of_a_bare_case_are_empty():
    assert identifying_strings(Case(code="X")) == []


# --- images -----------------------------------------------------------------------------
def test_png_metadata_is_stripped_and_pixels_kept():
    data = strip_image_metadata(Image("image/png", PNG_TAGGED)).data
    assert b"tEXt" not in data and b"tIME" not in data and b"Ivanova" not in data
    assert IHDR in data and IDAT in data and b"pHYs" in data and data.endswith(
        chunk(b"IEND", b""))


def test_jpeg_metadata_is_stripped_and_scan_kept():
    data = strip_image_metadata(Image("image/jpeg", JPEG_TAGGED)).data
    assert b"Exif" not in data and b"Ivanova" not in data
    assert data.startswith(b"\xff\xd8\xff\xe0") and b"JFIF" in data
    assert data.endswith(SCAN + b"\xff\xd9") and b"\xff\xdb" in data


def test_a_damaged_image_is_refused_not_passed_on():
    with pytest.raises(DeidError, match="truncated"):
        strip_image_metadata(Image("image/png", PNG_TAGGED[:40]))



def test_a_date_ending_a_sentence_keeps_its_full_stop():
    from desktop.core.deid import scrub_text

    anchor = PartialDate.parse_iso("2015-11-25")
    out = scrub_text("Ремиссия в январе 2016 г. Затем ИДЛ в 2016 г. и далее.", "ru", anchor)
    assert "г." not in out and "2016" not in out
    assert re.search(r"\. Затем", out)  # the sentence still ends before "Затем"
    assert "и далее." in out and ". и далее" not in out  # no stop inside a sentence


# --- the compiled rules match what the plain rules match ---------------------------------
def _plain_names(words, hy):
    """Month names as a plain longest-first alternation, breakable between letters."""
    ordered = sorted(set(words), key=len, reverse=True)
    return "(?:" + "|".join(hy.join(re.escape(c) for c in w) for w in ordered) + ")"


@pytest.mark.parametrize("fold", [False, True])
def test_month_names_as_a_tree_match_what_the_plain_list_matches(fold):
    from desktop.core.dates import MONTHS_EN, MONTHS_EN_SHORT, MONTHS_RU, MONTHS_RU_GEN
    from desktop.core.deid import text_dates as td

    words = [*MONTHS_EN, *MONTHS_EN_SHORT, "Sept", *MONTHS_RU, *MONTHS_RU_GEN, "сент", "сен"]
    flags = re.IGNORECASE if fold else 0
    after = r"(?![^\W\d_])"  # as the rules use them: not followed by a letter
    tree = re.compile(td._names(words, fold=fold).replace(td._BREAK_SLOT, td._HY) + after, flags)
    plain = re.compile(_plain_names(words, td._HY) + after, flags)
    texts = [w + tail for w in words for tail in ("", " 2014", "ch", "t", "a", ".", "-x")]
    texts += ["Sep-\ntember 2014", "Mar\u00adch", "сен-\n  тября", "MARCH", "mArCh 5",
              "Ма-\r\nрта", "Septembers", "Jun-e", "Jun-\n", "ноя\u00adб"]
    for text in texts:
        for start in range(len(text)):
            a, b = plain.match(text, start), tree.match(text, start)
            assert (a and a.span()) == (b and b.span()), (text, start)


def test_the_start_filter_digit_check_and_breaks_only_where_needed_change_no_match():
    from desktop.core.deid import text_dates as td

    plain = re.compile("|".join(f"(?P<{n}>{p})" for n, p in td._FORMS).replace(
        td._BREAK_SLOT, td._HY))
    texts = ["allo-HSCT 09.08.2018, relapse in March, 2014 (day+24); в сентябре 2017 г.",
             "Sept. 3rd, 2019 and 3 of March 2020; 2014-03; 03/2014; 10 mg/kg in 2014",
             "с 2012 по 2014 гг., В 2015, ALL-REZ-MB-2013, J Nucl Med 2009;50:122S",
             "between early-2016 and 2017-05-04T10:00Z; 5.3.18; 31.09.2018; Mar-\nch 2014",
             "no digits at all, In March", "9 августа 2018 года", "on 12th of April"]
    for text in texts:
        want = [(m.lastgroup, m.span()) for m in plain.finditer(text)]
        assert want == [(m.lastgroup, m.span()) for m in td._date_re(True).finditer(text)]
        if td._HY_RE.search(text) is None:  # no break: the pattern without them is the same
            assert want == [(m.lastgroup, m.span()) for m in td._date_re(False).finditer(text)]
        assert bool(want) == (td._DIGIT.search(text) is not None)  # each has dates or no digit
