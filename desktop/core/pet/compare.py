"""Pairs of studies: their order checked, the lesions paired for a chart, and every
follow-up compared with the baseline by the criteria of the disease.
"""

from __future__ import annotations

from desktop.core.model import Case, Patient, PetStudy
from desktop.core.pet.lugano import lugano_response
from desktop.core.pet.percist import metabolic_response
from desktop.core.pet.results import LesionChange, PairedChart, PetError
from desktop.core.pet.values import as_float, change_of, choose_measure, lesion_decimal
from desktop.core.pet.verdict import StudyComparison, criteria_for, make_verdict


def paired_chart(baseline: PetStudy, follow_up: PetStudy) -> PairedChart:
    """Per lesion (matched by id; baseline order, then lesions new at follow-up): id, site,
    before, after and change, on the one measure PERCIST uses for this pair."""
    measure = choose_measure(baseline, follow_up)
    before = {x.id: x for x in baseline.lesions}
    after = {x.id: x for x in follow_up.lesions}
    rows = []
    for lid in list(before) + [i for i in after if i not in before]:
        b = lesion_decimal(before.get(lid), measure, baseline, "baseline")
        a = lesion_decimal(after.get(lid), measure, follow_up, "follow-up")
        diff, pct = change_of(b, a)
        site = (before.get(lid) or after[lid]).site
        rows.append(LesionChange(lid, site, as_float(b), as_float(a), as_float(diff),
                                 as_float(pct)))
    return PairedChart(measure, baseline.date, follow_up.date, tuple(rows))


def check_order(baseline: PetStudy, follow_up: PetStudy) -> None:
    """A follow-up that certainly precedes its baseline (its whole period ends before the
    baseline's begins) is an error; overlapping partial dates are allowed."""
    if follow_up.date.end() < baseline.date.start():
        raise PetError("follow_up_first", follow=follow_up.date.iso(), base=baseline.date.iso())


def compare_pair(baseline: PetStudy, follow_up: PetStudy, patient: Patient | None = None,
                 criteria: str = "percist") -> StudyComparison:
    """Everything the app shows for one baseline → follow-up pair; ``criteria``
    (``lugano`` | ``percist``, see ``verdict.criteria_for``) picks the headline."""
    check_order(baseline, follow_up)
    before, after, lugano = lugano_response(baseline, follow_up, patient)
    percist = metabolic_response(baseline, follow_up)
    return StudyComparison(baseline, follow_up, percist, (before, after), lugano,
                           paired_chart(baseline, follow_up),
                           make_verdict(criteria, percist, lugano, follow_up))


def compare_studies(case: Case) -> list[StudyComparison]:
    """Each follow-up study against the baseline, the earliest study by date (studies may be
    listed in any order)."""
    studies = sorted(case.pet_studies, key=lambda s: s.date.sort_key())
    if len(studies) < 2:
        return []
    baseline, *follow_ups = studies
    criteria = criteria_for(case)
    return [compare_pair(baseline, s, case.patient, criteria) for s in follow_ups]
