from datetime import date

import pytest

from desktop.core.dates import DateError, PartialDate, Precision, day_bounds


@pytest.mark.parametrize(("text", "iso"), [
    ("2014", "2014"), ("2014-03", "2014-03"), ("2018-08-09", "2018-08-09"),
    ("09.08.2018", "2018-08-09"), ("9.8.2018", "2018-08-09"), ("03.2014", "2014-03"),
    ("March 2014", "2014-03"), ("March, 2014", "2014-03"), ("Mar 2014", "2014-03"),
    ("март 2014", "2014-03"), ("в марте 2014 г.", "2014-03"), ("9 августа 2018", "2018-08-09"),
    ("~2018-02", "2018-02~"), ("2018-02~", "2018-02~"), ("  November,   2011 ", "2011-11"),
])
def test_parse_what_people_write(text, iso):
    assert PartialDate.parse(text).iso() == iso


@pytest.mark.parametrize("text", ["2020-13-45", "2019-02-29", "31.04.2018", "Smarch 2014",
                                  "14", "", "1800", "2014-3", "next week"])
def test_impossible_or_unreadable_dates_are_refused(text):
    with pytest.raises(DateError):
        PartialDate.parse(text)


def test_iso_reading_is_strict():
    with pytest.raises(DateError):
        PartialDate.parse_iso("09.08.2018")
    with pytest.raises(DateError):
        PartialDate.parse_iso(2018)


def test_precision_is_kept_and_periods_are_covered():
    month = PartialDate.parse_iso("2014-03")
    assert month.precision is Precision.MONTH
    assert (month.start(), month.end()) == (date(2014, 3, 1), date(2014, 3, 31))
    year = PartialDate.parse_iso("2016")
    assert (year.start(), year.end()) == (date(2016, 1, 1), date(2016, 12, 31))
    feb = PartialDate.parse_iso("2016-02")
    assert feb.end() == date(2016, 2, 29)


def test_sorting_by_start_then_coarser_first():
    dates = [PartialDate.parse_iso(s) for s in ("2014-03-05", "2014", "2014-03", "2013-12-31")]
    assert [x.iso() for x in sorted(dates, key=PartialDate.sort_key)] == [
        "2013-12-31", "2014", "2014-03", "2014-03-05"]


def test_display_in_both_languages_never_invents_a_day():
    assert PartialDate.parse_iso("2014-03").display("en") == "Mar 2014"
    assert PartialDate.parse_iso("2014-03").display("ru") == "март 2014"
    assert PartialDate.parse_iso("2018-08-09").display("en") == "9 Aug 2018"
    assert PartialDate.parse_iso("2018-08-09").display("ru") == "09.08.2018"
    assert PartialDate.parse_iso("2018-02~").display("en") == "≈ Feb 2018"


def test_day_bounds_widen_with_partial_dates():
    tx = PartialDate.parse_iso("2018-08-09")
    assert day_bounds(tx, PartialDate.parse_iso("2018-09-02")) == (24, 24)
    assert day_bounds(tx, PartialDate.parse_iso("2018-12")) == (114, 144)


@pytest.mark.parametrize("text", ["2020-13-45", "2019-02-29", "31.04.2018", "Smarch 2014",
                                  "14", "", "1800", "2014-3", "next week"])
def test_every_refusal_says_why_in_both_languages(text):
    with pytest.raises(DateError) as err:
        PartialDate.parse(text)
    assert err.value.text.en == str(err.value)
    assert err.value.text.ru and err.value.text.ru != err.value.text.en


def test_the_russian_reason_names_what_is_wrong():
    with pytest.raises(DateError) as err:
        PartialDate.parse("2020-13-45")
    assert str(err.value) == "month 13 does not exist"
    assert "месяц" in err.value.text.ru
    with pytest.raises(DateError) as err:
        PartialDate.parse("31.02.2018")
    assert "31" in err.value.text.ru and "02.2018" in err.value.text.ru
