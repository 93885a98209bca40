"""The Deauville five-point scale: a study's uptake against the liver and the
mediastinum, on the SUVmax scale of the references.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from desktop.core.model import Patient, PetStudy, Text
from desktop.core.pet.results import DEAUVILLE_MARKED_FACTOR, SULMAX, SUVMAX, DeauvilleScore, Number
from desktop.core.pet.suv import lbm_janmahasatian
from desktop.core.pet.values import as_float, hottest_value, opt_decimal, reference_value
from desktop.core.pet.words import (
    MISSING_PATIENT,
    PHRASES,
    WHY,
    Role,
    bilingual,
    fmt_num,
    join_texts,
    missing_text,
    with_prefix,
)


def _deauville(uptake: Decimal | None, liver: Decimal | None, mediastinum: Decimal | None,
               new_lesions: bool) -> tuple[str | None, str]:
    """(score, reason): every Deauville comparison, in one place. Numeric thresholds are a
    proxy for a visual scale; 5 = "markedly higher than liver" is taken as > 2 × liver."""
    if new_lesions:
        return "5", "new"
    if uptake is not None and uptake == 0:
        return "1", "none"
    if uptake is None or liver is None:
        return None, ""
    if uptake > DEAUVILLE_MARKED_FACTOR * liver:
        return "5", "marked"
    if uptake > liver:
        return "4", "gt_liver"
    if mediastinum is None:
        return None, ""
    if mediastinum >= liver:  # compare with the liver alone: below → 2, equal → 3
        return ("2", "lt_liver_alone") if uptake < liver else ("3", "eq_liver_alone")
    return ("2", "le_med") if uptake <= mediastinum else ("3", "le_liver")


def deauville_score(uptake: Number | None, liver: Number | None, mediastinum: Number | None = None,
                    *, new_lesions: bool = False) -> str | None:
    """The Deauville score ("1".."5") of a lesion's uptake against liver and mediastinum, all in
    one unit (SUVmax or SULmax); None when a needed reference is missing. "X" is never
    computed: only a physician records it."""
    return _deauville(opt_decimal(uptake), opt_decimal(liver), opt_decimal(mediastinum),
                      new_lesions)[0]


def _sul_factor(patient: Patient | None) -> Decimal | None:
    """LBM / W (Janmahasatian): turns the references' SUVmax into the lesions' SUL scale."""
    if patient is None or None in (patient.weight_kg, patient.height_cm, patient.sex):
        return None
    lbm = lbm_janmahasatian(patient.weight_kg, patient.height_cm, patient.sex)
    return Decimal(repr(lbm / patient.weight_kg))


def _scaled(value: Decimal | None, factor: Decimal | None) -> Decimal | None:
    return None if value is None or factor is None else value * factor


def study_deauville(study: PetStudy, patient: Patient | None = None,
                    role: Role = "follow-up") -> DeauvilleScore:
    """The physician's recorded score if any; else the numeric proxy from the hottest lesion.

    Lesion SUVmax is compared with the liver and mediastinum SUVmax directly when recorded;
    otherwise the lesion's SULmax is compared with the references put on the SUL scale with
    the patient's LBM/W. Values on different scales are never compared."""
    if study.deauville is not None:
        text = bilingual(lambda lang: PHRASES["recorded"].get(lang).format(s=study.deauville))
        return DeauvilleScore(study.deauville, "recorded", None, (), text)
    on_suv = any(x.suv_max is not None for x in study.lesions)
    uptake = hottest_value(study, SUVMAX if on_suv else SULMAX, role)
    factor = Decimal(1) if on_suv else _sul_factor(patient)
    liver = _scaled(reference_value(study, "liver_suv_max", role), factor)
    mediastinum = _scaled(reference_value(study, "mediastinum_suv_max", role), factor)
    new = study.new_lesions is True
    score, why = _deauville(uptake, liver, mediastinum, new)
    if score is None:
        missing = _deauville_missing(study, uptake, factor, role)
        text = bilingual(lambda lang: with_prefix("", PHRASES["not_assessable"].get(lang).format(
                c="Deauville", m=join_texts(missing, lang))))
        return DeauvilleScore(None, "missing", as_float(uptake), missing, text)
    template = "deauville_suv" if on_suv else "deauville"
    return DeauvilleScore(score, "computed", as_float(uptake), (), bilingual(
            lambda lang: _deauville_text(score, why, uptake, liver, mediastinum, lang, template)))


def _deauville_missing(study: PetStudy, uptake: Decimal | None, factor: Decimal | None,
                       role: Role) -> tuple[Text, ...]:
    missing = [] if uptake is not None else [missing_text(role, "lesion_sul_max")]
    missing += [missing_text(role, f) for f in ("liver_suv_max", "mediastinum_suv_max")
                if getattr(study, f) is None]
    return tuple(missing + ([MISSING_PATIENT] if factor is None else []))


def _deauville_text(score: str, why: str, uptake: Decimal | None, liver: Decimal | None,
                    mediastinum: Decimal | None, lang: str, template: str = "deauville") -> str:
    reason = WHY[why].get(lang).format(f=fmt_num(DEAUVILLE_MARKED_FACTOR, lang))
    if why == "new":
        return f"Deauville 5: {reason}"

    def ref(d: Decimal | None) -> str:
        q = None if d is None else d.quantize(Decimal("0.01"), ROUND_HALF_UP)
        return fmt_num(q, lang) if q is not None else PHRASES["not_reported"].get(lang)

    assert uptake is not None
    return PHRASES[template].get(lang).format(
        s=score, u=fmt_num(uptake, lang), why=reason, l=ref(liver), m=ref(mediastinum)
    ) + PHRASES["proxy"].get(lang)
