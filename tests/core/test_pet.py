"""PET maths and response criteria: hand-computed values, every edge at, below and above."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from desktop.core import pet
from desktop.core.dates import PartialDate
from desktop.core.model import Case, Lesion, Patient, PetStudy, Text
from desktop.core.pet import (
    F18_HALF_LIFE_S,
    LUGANO,
    PERCIST,
    VISUAL,
    PetError,
    compare_pair,
    compare_studies,
    deauville_score,
    decay_corrected_dose,
    lbm_james,
    lbm_janmahasatian,
    lugano_category,
    metabolic_response,
    paired_chart,
    study_deauville,
    sul_from_suv,
    suv_bw,
)

T0 = datetime(2019, 3, 1, 9, 0)


def study(date: str, *lesions: Lesion, liver: tuple[float, float] | None = (1.0, 0.2),
          **kw) -> PetStudy:
    """A study with liver SULmean/SD (None: not reported) and the given lesions."""
    mean, sd = liver if liver else (None, None)
    return PetStudy(PartialDate.parse_iso(date), liver_sul_mean=mean, liver_sul_sd=sd,
                    lesions=list(lesions), **kw)


def peak(value: float, lid: str = "L1") -> Lesion:
    return Lesion(lid, Text("breast", "молочная железа"), sul_max=value + 1, sul_peak=value)


def pair(before: float, after: float, **follow) -> pet.ResponseResult:
    follow.setdefault("new_lesions", False)
    return metabolic_response(study("2019-01", peak(before)),
                              study("2019-05", peak(after), **follow))


# --- lean body mass ----------------------------------------------------------------------------
def test_james_reference_man():
    # 1.10·70 − 128·(70/175)² = 77 − 20.48
    assert lbm_james(70, 175, "M") == pytest.approx(56.52, abs=1e-9)


def test_james_woman():
    # 1.07·60 − 148·(60/165)² = 64.2 − 148·16/121 = 5400.2/121
    assert lbm_james(60, 165, "F") == pytest.approx(5400.2 / 121, rel=1e-12)
    assert lbm_james(60, 165, "F") == pytest.approx(44.6298, abs=1e-4)


def test_janmahasatian_man_and_woman():
    # man: BMI = 160/7; 9270·70 / (6680 + 216·160/7) = 4542300 / 81320
    assert lbm_janmahasatian(70, 175, "M") == pytest.approx(4542300 / 81320, rel=1e-12)
    assert lbm_janmahasatian(70, 175, "M") == pytest.approx(55.857, abs=1e-3)
    # woman: BMI = 60/2.7225 = 22.0386; 556200 / (8780 + 5377.41) = 39.287
    assert lbm_janmahasatian(60, 165, "F") == pytest.approx(39.287, abs=1e-3)


def test_james_refused_where_it_fails_at_high_bmi():
    assert lbm_janmahasatian(250, 150, "F") > 0
    with pytest.raises(PetError, match=r"James.*Janmahasatian"):
        lbm_james(250, 150, "F")


@pytest.mark.parametrize(("args", "field"), [
    ((70, 1.75, "M"), "height_cm"),  # metres, as DICOM PatientSize
    ((70000, 175, "M"), "weight_kg"),  # grams
    ((0, 175, "M"), "weight_kg"),
    ((-70, 175, "M"), "weight_kg"),
    ((float("nan"), 175, "M"), "weight_kg"),
    ((70, 175, "male"), "sex"),
    ((70, 175, None), "sex"),
    ((True, 175, "M"), "weight_kg"),
])
def test_lbm_refuses_absurd_input_naming_the_parameter(args, field):
    with pytest.raises(PetError, match=field):
        lbm_janmahasatian(*args)


def test_height_in_metres_gets_a_hint():
    with pytest.raises(ValueError, match="metres"):
        lbm_james(70, 1.75, "M")


# --- SUVbw, SUL --------------------------------------------------------------------------------
def test_suv_without_decay():
    # 5000 Bq/mL × 70 000 g / 370e6 Bq
    assert suv_bw(5000, 70, 370e6, T0, T0) == pytest.approx(0.945945945945946, rel=1e-12)


def test_one_half_life_halves_the_dose_and_doubles_the_suv():
    later = T0 + timedelta(seconds=F18_HALF_LIFE_S)
    assert decay_corrected_dose(370e6, T0, later) == pytest.approx(185e6, rel=1e-12)
    assert suv_bw(5000, 70, 370e6, T0, later) == pytest.approx(1.891891891891892, rel=1e-12)


def test_suv_after_an_hour_and_another_half_life():
    # 2^(−3600/6586.2) = e^(−0.378876) = 0.6846329…
    assert decay_corrected_dose(370e6, T0, T0 + timedelta(hours=1)) == pytest.approx(
        370e6 * 0.6846329, rel=1e-7)
    # Ga-68, 67.71 min: one half-life
    dose = decay_corrected_dose(200e6, T0, T0 + timedelta(minutes=67.71), half_life_s=4062.6)
    assert dose == pytest.approx(100e6, rel=1e-12)


def test_sul_is_suv_times_lbm_over_weight():
    assert sul_from_suv(5.0, 70, 175, "M", "james") == pytest.approx(5.0 * 56.52 / 70)
    assert sul_from_suv(5.0, 70, 175, "M") == pytest.approx(5.0 * (4542300 / 81320) / 70)


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"dose_bq": 0}, "dose_bq"),
    ({"dose_bq": -1e8}, "dose_bq"),
    ({"dose_bq": 370}, "dose_bq"),  # MBq given as Bq
    ({"activity_bq_ml": -1}, "activity_bq_ml"),
    ({"activity_bq_ml": float("inf")}, "activity_bq_ml"),
    ({"weight_kg": 0}, "weight_kg"),
    ({"half_life_s": 0}, "half_life_s"),
    ({"scan_time": T0 - timedelta(seconds=1)}, "scan_time .* is before injection_time"),
    ({"scan_time": T0 + timedelta(days=2)}, "half-lives"),
    ({"scan_time": "10:00"}, "scan_time"),
    ({"scan_time": T0.replace(tzinfo=UTC)}, "time zone"),
])
def test_suv_refuses_bad_input_naming_the_parameter(kwargs, field):
    args = {"activity_bq_ml": 5000, "weight_kg": 70, "dose_bq": 370e6,
            "injection_time": T0, "scan_time": T0 + timedelta(hours=1)} | kwargs
    with pytest.raises(ValueError, match=field):
        suv_bw(**args)


def test_sul_refuses_unknown_formula_and_negative_suv():
    with pytest.raises(PetError, match="formula"):
        sul_from_suv(5.0, 70, 175, "M", "boer")
    with pytest.raises(PetError, match="suv"):
        sul_from_suv(-1.0, 70, 175, "M")


# --- PERCIST 1.0: every edge at, below and above -----------------------------------------------
@pytest.mark.parametrize(("before", "after", "category"), [
    (10.0, 7.0, "PMR"),     # exactly −30 %, −3.0: PMR (≥)
    (10.0, 7.01, "SMD"),    # −29.9 %
    (10.0, 6.99, "PMR"),
    (10.0, 13.0, "SMD"),    # exactly +30 %: not PMD (>)
    (10.0, 13.01, "PMD"),
    (10.0, 12.99, "SMD"),
    (2.7, 1.89, "PMR"),     # exactly −30 %, −0.81
    (2.0, 1.2, "PMR"),      # −40 %, exactly −0.8 SUL: PMR (≥)
    (2.0, 1.21, "SMD"),     # −39.5 %, −0.79
    (2.0, 1.19, "PMR"),
    (2.0, 2.8, "SMD"),      # +40 %, exactly +0.8 SUL: not PMD (>)
    (2.0, 2.81, "PMD"),
    (2.0, 2.79, "SMD"),
    (3.0, 1.9, "PMR"),
    (10.0, 10.0, "SMD"),
])
def test_percist_edges(before, after, category):
    result = pair(before, after)
    assert (result.criteria, result.category) == (PERCIST, category)


@pytest.mark.parametrize(("before", "after", "exact", "naive"), [
    (3.3, 2.31, "PMR", "SMD"),   # −30 % exactly; float says −29.999999999999993 %
    (3.3, 4.29, "SMD", "PMD"),   # +30 % exactly; float says +30.00000000000001 %
    (2.3, 1.5, "PMR", "SMD"),    # −0.8 exactly; float says −0.7999999999999998
    (2.3, 3.1, "SMD", "PMD"),    # +0.8 exactly; float says +0.8000000000000003
])
def test_floating_point_traps_are_decided_exactly(before, after, exact, naive):
    def float_rule(b: float, a: float) -> str:
        pct, diff = (a - b) / b * 100, a - b
        if pct <= -30 and diff <= -0.8:
            return "PMR"
        return "PMD" if pct > 30 and diff > 0.8 else "SMD"

    assert float_rule(before, after) == naive  # the trap is real
    assert pair(before, after).category == exact


def test_percent_and_absolute_change_are_exact():
    result = pair(10.0, 7.0)
    assert (result.before, result.after) == (10.0, 7.0)
    assert result.abs_change == -3.0
    assert result.pct_change == -30.0


def test_measurability_edges():
    # threshold = 1.5 × 1.8 + 2 × 0.3 = 3.3 (float: 3.3000000000000003)
    def at(before: float) -> pet.ResponseResult:
        return metabolic_response(study("2019-01", peak(before), liver=(1.8, 0.3)),
                                  study("2019-05", peak(2.0), new_lesions=False))

    assert pet.measurability_threshold(1.8, 0.3) == Decimal("3.3")
    on_edge = at(3.3)
    assert on_edge.category is None and on_edge.missing == ()
    assert "not measurable" in on_edge.explanation.en
    assert "1,5 × SULmean печени + 2 × SD = 3,3" in on_edge.explanation.ru
    assert at(3.29).category is None
    assert at(3.31).category == "PMR"


def test_cmr_below_the_follow_up_liver_mean():
    assert pair(8.0, 0.9).category == "CMR"
    assert pair(8.0, 1.0).category == "PMR"  # equal to the liver mean: not below
    assert pair(8.0, 1.0, liver=(1.2, 0.2)).category == "CMR"


def test_cmr_untested_without_follow_up_liver_is_said():
    result = pair(8.0, 0.9, liver=None)
    assert result.category == "PMR"
    assert Text("follow-up liver SULmean (CMR not tested)",
                "SULmean печени (CMR не проверялся) на контрольном исследовании") in result.missing
    assert "Not recorded: follow-up liver SULmean (CMR not tested)." in result.explanation.en


def test_unreported_new_lesions_are_a_caveat_not_a_no():
    result = pair(10.0, 5.0, new_lesions=None)
    assert result.category == "PMR"
    assert "new lesions (yes/no)" in result.explanation.en
    assert "новые очаги (да/нет)" in result.explanation.ru


def test_new_lesions_are_pmd_whatever_the_numbers():
    result = pair(10.0, 2.0, new_lesions=True)
    assert result.category == "PMD"
    assert result.explanation.en == ("SULpeak 10.0 → 2.0 (−80.0 %, −8.0 SUL); new lesions: "
                                     "progressive metabolic disease (PERCIST 1.0)")
    bare = metabolic_response(study("2019-01", liver=None), study("2019-05", new_lesions=True))
    assert bare.category == "PMD" and bare.before is None and bare.pct_change is None
    assert bare.explanation.ru.startswith("Новые очаги: прогрессирующее")


def test_hottest_lesion_may_differ_at_follow_up():
    base = study("2019-01", peak(10.0, "L1"), peak(5.0, "L2"))
    follow = study("2019-05", peak(2.0, "L1"), peak(9.0, "L2"), new_lesions=False)
    result = metabolic_response(base, follow)
    assert (result.before, result.after, result.category) == (10.0, 9.0, "SMD")
    chart = paired_chart(base, follow)
    assert [(r.id, r.before, r.after) for r in chart.rows] == [("L1", 10.0, 2.0),
                                                                ("L2", 5.0, 9.0)]
    assert chart.rows[0].pct_change == -80.0
    assert chart.rows[1].pct_text("ru") == "+80,0 %"


def test_sulmax_fallback_is_said():
    base = study("2019-01", Lesion("L1", sul_max=10.0))
    follow = study("2019-05", Lesion("L1", sul_max=4.0, sul_peak=3.5), new_lesions=False)
    result = metabolic_response(base, follow)
    assert (result.measure, result.before, result.after, result.category) == (
        "SULmax", 10.0, 4.0, "PMR")
    assert "Computed on SULmax" in result.explanation.en
    assert "Рассчитано по SULmax" in result.explanation.ru


def test_mixed_measures_cannot_be_compared():
    base = study("2019-01", Lesion("L1", sul_max=10.0))
    follow = study("2019-05", Lesion("L1", sul_peak=3.5), new_lesions=False)
    result = metabolic_response(base, follow)
    assert result.category is None and result.measure is None
    assert result.missing == (pet.MISSING_SAME_MEASURE,)


def test_explanation_in_both_languages():
    result = pair(7.8, 3.1)
    assert result.explanation == Text(
        "SULpeak 7.8 → 3.1 (−60.3 %, −4.7 SUL): partial metabolic response (PERCIST 1.0)",
        "SULpeak 7,8 → 3,1 (−60,3 %, −4,7 SUL): частичный метаболический ответ (PERCIST 1.0)")
    assert result.category_label.ru == "частичный метаболический ответ"
    rise = pair(2.0, 2.81)
    assert rise.explanation.ru.startswith("SULpeak 2,0 → 2,81 (+40,5 %, +0,81 SUL): прогресс")


def test_values_print_as_given():
    result = metabolic_response(study("2019-01", Lesion("L1", sul_max=11.93)),
                                study("2019-05", Lesion("L1", sul_max=5.0), new_lesions=False))
    assert result.explanation.en.startswith("SULmax 11.93 → 5.0 (−58.1 %, −6.93 SUL)")
    assert result.explanation.ru.startswith("SULmax 11,93 → 5,0 (−58,1 %, −6,93 SUL)")


# --- unknown is not zero -----------------------------------------------------------------------
def seed_case_2() -> Case:
    """Built like the founding report's case 2: SULmax 11.93, then CMR by PET-CT, no number.
    Listed out of order on purpose."""
    return Case("SEED-2", pet_studies=[
        PetStudy(PartialDate.parse_iso("2019-10"), visual_response="CMR"),
        PetStudy(PartialDate.parse_iso("2019-05"),
                 lesions=[Lesion("breast", Text("breast", "молочная железа"), sul_max=11.93)]),
    ])


def test_visual_only_follow_up_is_shown_as_such_and_nothing_is_computed():
    [comparison] = compare_studies(seed_case_2())
    result = comparison.response
    assert (result.criteria, result.basis, result.category) == (VISUAL, "visual", "CMR")
    assert result.before == 11.93  # as given
    assert (result.after, result.abs_change, result.pct_change) == (None, None, None)
    assert "%" not in result.explanation.en and "%" not in result.explanation.ru
    assert result.explanation.en.startswith(
        "SULmax 11.93 → not reported: complete metabolic response, as read visually")
    assert result.explanation.ru.startswith(
        "SULmax 11,93 → не указан: полный метаболический ответ по визуальной оценке")
    assert comparison.lugano.category is None
    assert comparison.lugano.after is None and comparison.lugano.pct_change is None
    [row] = comparison.chart.rows
    assert (row.before, row.after, row.pct_change, row.pct_text("en")) == (11.93, None, None, "")


def test_missing_baseline_value_is_named_in_both_languages():
    result = metabolic_response(study("2019-01", Lesion("L1")), study("2019-05", peak(3.0)))
    assert result.category is None
    assert result.missing == (Text("baseline lesion SULpeak or SULmax",
                                   "SULpeak или SULmax очага на исходном исследовании"),)
    assert result.explanation.en == ("SULpeak not reported → 3.0: not assessable by PERCIST 1.0; "
                                     "missing: baseline lesion SULpeak or SULmax")
    assert "оценка по PERCIST 1.0 невозможна" in result.explanation.ru


def test_missing_liver_reference_is_named():
    result = metabolic_response(study("2019-01", peak(8.0), liver=None),
                                study("2019-05", peak(3.0)))
    assert result.category is None
    assert result.pct_change == -62.5  # both values are given: their change is still shown
    assert [m.en for m in result.missing] == ["baseline liver SULmean", "baseline liver SUL SD"]
    assert "SULmean печени на исходном исследовании" in result.explanation.ru


def test_bad_stored_value_names_its_field():
    with pytest.raises(PetError, match="follow-up PET 2019-05 lesion 'L1' SULpeak"):
        pair(8.0, -1.0)
    with pytest.raises(PetError, match="liver_sul_mean"):
        pair(8.0, 3.0, liver=(float("nan"), 0.2))


# --- Deauville and Lugano ----------------------------------------------------------------------
@pytest.mark.parametrize(("uptake", "score"), [
    (0, "1"), (1.0, "2"), (1.5, "2"), (1.51, "3"), (2.0, "3"), (2.01, "4"),
    (4.0, "4"), (4.01, "5"),
])
def test_deauville_edges(uptake, score):
    assert deauville_score(uptake, liver=2.0, mediastinum=1.5) == score


@pytest.mark.parametrize(("uptake", "mediastinum", "score"), [
    (1.9, 2.5, "2"), (2.0, 2.5, "3"), (2.1, 2.5, "4"),   # mediastinum above liver
    (1.99, 2.0, "2"), (2.0, 2.0, "3"),                     # mediastinum equal to liver
])
def test_deauville_mediastinum_at_or_above_liver_compares_with_liver_alone(
        uptake, mediastinum, score):
    assert deauville_score(uptake, liver=2.0, mediastinum=mediastinum) == score


def test_deauville_needs_only_what_it_uses():
    assert deauville_score(3.0, liver=2.0) == "4"
    assert deauville_score(1.5, liver=2.0) is None
    assert deauville_score(1.5, liver=None, mediastinum=1.0) is None
    assert deauville_score(1.0, liver=2.0, mediastinum=1.5, new_lesions=True) == "5"


def test_study_deauville_recorded_score_wins():
    s = study("2019-05", peak(9.0), deauville="X", liver_suv_max=2.0, mediastinum_suv_max=1.5)
    score = study_deauville(s, Patient(sex="F", weight_kg=60, height_cm=165))
    assert (score.score, score.source) == ("X", "recorded")
    assert "as scored by the physician" in score.explanation.en


def test_study_deauville_puts_references_on_the_sul_scale():
    patient = Patient(sex="M", weight_kg=70, height_cm=175)
    factor = (4542300 / 81320) / 70  # Janmahasatian LBM / W = 0.797959…
    s = study("2019-05", Lesion("L1", sul_max=2.5), liver_suv_max=3.0, mediastinum_suv_max=2.0)
    score = study_deauville(s, patient)
    # liver 3.0 SUV = 2.39 SUL: 2.5 is above it, below twice it → 4 (as SUV it would be 3)
    assert 3.0 * factor < 2.5 < 2 * 3.0 * factor
    assert (score.score, score.source, score.uptake) == ("4", "computed", 2.5)
    assert "liver 2.39" in score.explanation.en
    assert "proxy for a visual scale" in score.explanation.en
    assert "приближают визуальную шкалу" in score.explanation.ru


def test_study_deauville_without_patient_data_says_so():
    s = study("2019-05", Lesion("L1", sul_max=2.5), liver_suv_max=3.0, mediastinum_suv_max=2.0)
    score = study_deauville(s, Patient(sex="M"))
    assert score.score is None
    assert score.missing == (pet.MISSING_PATIENT,)
    assert score.explanation.en.startswith("Not assessable by Deauville")


@pytest.mark.parametrize(("before", "after", "new", "category"), [
    ("5", "3", False, "CMR"), ("4", "1", False, "CMR"), (None, "2", False, "CMR"),
    ("5", "4", False, "PMR"), ("4", "4", False, "NMR"), ("5", "5", False, "NMR"),
    ("4", "5", False, "PMD"), ("3", "4", False, "PMD"), ("5", "3", True, "PMD"),
    (None, "4", False, None), ("5", None, False, None), ("5", "X", False, None),
])
def test_lugano_from_the_score_pair(before, after, new, category):
    assert lugano_category(before, after, new_lesions=new) == category


def test_lugano_on_a_study_pair():
    patient = Patient(sex="M", weight_kg=70, height_cm=175)
    refs = {"liver_suv_max": 2.0, "mediastinum_suv_max": 1.5}
    base = study("2019-01", Lesion("L1", sul_max=9.0), **refs)
    follow = study("2019-05", Lesion("L1", sul_max=1.0), new_lesions=False, **refs)
    comparison = compare_pair(base, follow, patient)
    assert [s.score for s in comparison.deauville] == ["5", "2"]
    lugano = comparison.lugano
    assert (lugano.criteria, lugano.category, lugano.measure) == (LUGANO, "CMR", "SULmax")
    assert lugano.explanation.en.startswith(
        "Deauville 5 → 2: complete metabolic response (Lugano 2014)")
    assert "proxy" in lugano.explanation.en
    nmr = compare_pair(base, study("2019-05", Lesion("L1", sul_max=8.0), **refs), patient)
    assert nmr.lugano.category == "NMR"
    assert nmr.lugano.explanation.ru.startswith("Deauville 5 → 5: нет метаболического ответа")


# --- pairs of studies --------------------------------------------------------------------------
def test_follow_up_before_baseline_is_an_error():
    with pytest.raises(PetError, match="follow-up PET study dated 2018-12 is before its "
                                       "baseline dated 2019-01"):
        compare_pair(study("2019-01", peak(8.0)), study("2018-12", peak(3.0)))
    # overlapping partial dates are not "before"
    compare_pair(study("2019-01-15", peak(8.0)), study("2019-01", peak(3.0)))


def test_compare_studies_pairs_each_follow_up_with_the_earliest():
    case = Case("C", pet_studies=[study("2019-09", peak(6.0), new_lesions=False),
                                  study("2019-01", peak(10.0)),
                                  study("2019-05", peak(3.0), new_lesions=False)])
    comparisons = compare_studies(case)
    assert [(c.baseline.date.iso(), c.follow_up.date.iso()) for c in comparisons] == [
        ("2019-01", "2019-05"), ("2019-01", "2019-09")]
    assert [c.response.category for c in comparisons] == ["PMR", "PMR"]
    assert compare_studies(Case("one", pet_studies=[study("2019-01")])) == []


def test_chart_keeps_unmatched_lesions():
    base = study("2019-01", peak(8.0, "L1"), peak(4.0, "L2"))
    follow = study("2019-05", peak(3.0, "L1"), peak(5.0, "L3"))
    chart = paired_chart(base, follow)
    assert chart.measure == "SULpeak"
    assert (chart.before_date.iso(), chart.after_date.iso()) == ("2019-01", "2019-05")
    assert [(r.id, r.before, r.after, r.pct_change) for r in chart.rows] == [
        ("L1", 8.0, 3.0, -62.5), ("L2", 4.0, None, None), ("L3", None, 5.0, None)]
    assert chart.rows[0].site.ru == "молочная железа"
    assert chart.rows[0].pct_text("en") == "−62.5 %"


def test_percist_category_on_plain_numbers():
    refs = {"liver_mean": 1.0, "liver_sd": 0.2}
    assert pet.percist_category(10.0, 7.0, **refs) == "PMR"
    assert pet.percist_category(Decimal("10"), Decimal("13"), **refs) == "SMD"
    assert pet.percist_category(1.9, 0.5, **refs) is None  # 1.9 = 1.5 × 1.0 + 2 × 0.2
    assert pet.percist_category(None, None, liver_mean=None, liver_sd=None,
                                new_lesions=True) == "PMD"
    assert pet.percist_category(10.0, None, **refs) is None


def test_deauville_on_lesion_suvmax_needs_no_patient_and_no_conversion():
    from desktop.core.dates import PartialDate
    from desktop.core.model import Lesion, PetStudy
    from desktop.core.pet import study_deauville

    study = PetStudy(PartialDate(2019, 6), liver_suv_max=2.4, mediastinum_suv_max=1.6,
                     lesions=[Lesion("L1", sul_max=3.0, suv_max=5.2)])
    score = study_deauville(study, patient=None)
    assert score.score == "5"  # 5.2 > 2 × 2.4
    assert "SUVmax 5.2" in score.explanation.en and "LBM" not in score.explanation.en
    study.lesions[0].suv_max = 2.0
    assert study_deauville(study).score == "3"  # > mediastinum 1.6, ≤ liver 2.4


def test_refused_inputs_say_why_in_russian_with_a_decimal_comma():
    with pytest.raises(PetError) as err:
        lbm_james(70, 1.75, "M")
    e = err.value
    assert e.text.en == str(e) and "metres" in str(e)
    assert e.text.ru.startswith("рост 1,75 вне диапазона 30–300 см")
    assert "в сантиметрах" in e.text.ru
    with pytest.raises(PetError) as err:
        lbm_janmahasatian(70000, 175, "M")
    assert "вес" in err.value.text.ru and "кг" in err.value.text.ru
    with pytest.raises(PetError) as err:
        lbm_janmahasatian(70, 175, "male")
    assert "пол" in err.value.text.ru


def test_every_pet_message_has_both_languages():
    assert all(t.en and t.ru for t in pet.MESSAGES.values())
