"""PERCIST 1.0 (Wahl et al., J Nucl Med 2009): measurability, the category from the
change in SUL, and a metabolic response with its reasoning and caveats.
"""

from __future__ import annotations

from decimal import Decimal

from desktop.core.model import PetStudy, Text
from desktop.core.pet.results import (
    MEASURABLE_LIVER_MEAN_FACTOR,
    MEASURABLE_LIVER_SD_FACTOR,
    PERCIST,
    PERCIST_CHANGE_PCT,
    PERCIST_CHANGE_SUL,
    SULMAX,
    VISUAL,
    Number,
    ResponseResult,
)
from desktop.core.pet.values import (
    as_decimal,
    choose_measure,
    hottest_value,
    measure_head,
    reference_value,
    response_result,
)
from desktop.core.pet.words import (
    MISSING_SAME_MEASURE,
    PHRASES,
    category_text,
    fmt_num,
    join_texts,
    missing_text,
    with_prefix,
)


def measurability_threshold(liver_mean: Number, liver_sd: Number) -> Decimal:
    """1.5 × liver SULmean + 2 × liver SD: the baseline SULpeak must exceed it."""
    return (MEASURABLE_LIVER_MEAN_FACTOR * as_decimal(liver_mean)
            + MEASURABLE_LIVER_SD_FACTOR * as_decimal(liver_sd))


def percist_category(before: Number | None, after: Number | None, *,
                     liver_mean: Number | None, liver_sd: Number | None,
                     follow_liver_mean: Number | None = None,
                     new_lesions: bool = False) -> str | None:
    """The PERCIST 1.0 category of the hottest lesion's SULpeak (or SULmax) before → after.

    Every PERCIST comparison lives here (Wahl et al. 2009, table 1), in exact decimals; the
    percent edge is tested as change × 100 against 30 × before, with no division:
    - a new FDG-avid lesion → PMD, whatever the numbers;
    - measurable at baseline: before **>** 1.5 × liver SULmean + 2 × SD ("greater than");
      not measurable → None;
    - CMR: after **<** the follow-up liver SULmean ("less than mean liver activity"); the blood
      pool is not recorded, so this is tested only when the follow-up liver mean is known;
    - PMR: decrease **≥** 30 % and **≥** 0.8 SUL ("a minimum of 30 %", "at least 0.8"), so
      exactly −30 % is PMR;
    - PMD: increase **>** 30 % and **>** 0.8 SUL ("more than"), so exactly +30 % is not PMD;
    - SMD: none of these. Missing values → None.
    """
    if new_lesions:
        return "PMD"
    if before is None or after is None or liver_mean is None or liver_sd is None:
        return None
    b, a = as_decimal(before), as_decimal(after)
    if not b > measurability_threshold(liver_mean, liver_sd):
        return None
    if follow_liver_mean is not None and a < as_decimal(follow_liver_mean):
        return "CMR"
    diff = a - b
    if diff * 100 <= -PERCIST_CHANGE_PCT * b and diff <= -PERCIST_CHANGE_SUL:
        return "PMR"
    if diff * 100 > PERCIST_CHANGE_PCT * b and diff > PERCIST_CHANGE_SUL:
        return "PMD"
    return "SMD"


def _percist_missing(baseline: PetStudy, follow_up: PetStudy, measure: str | None,
                     b: Decimal | None, a: Decimal | None) -> list[Text]:
    missing = [MISSING_SAME_MEASURE] if measure is None else []
    if measure is not None and b is None:
        missing.append(missing_text("baseline", "lesion"))
    if measure is not None and a is None:
        missing.append(missing_text("follow-up", "lesion"))
    for field in ("liver_sul_mean", "liver_sul_sd"):
        if getattr(baseline, field) is None:
            missing.append(missing_text("baseline", field))
    return missing


def metabolic_response(baseline: PetStudy, follow_up: PetStudy) -> ResponseResult:
    """PERCIST 1.0 on the hottest lesion of each study; where it cannot be computed, the
    physician's recorded visual read as such, or else exactly what is missing."""
    measure = choose_measure(baseline, follow_up)
    b = hottest_value(baseline, measure, "baseline")
    a = hottest_value(follow_up, measure, "follow-up")
    liver_mean = reference_value(baseline, "liver_sul_mean", "baseline")
    liver_sd = reference_value(baseline, "liver_sul_sd", "baseline")
    follow_liver = reference_value(follow_up, "liver_sul_mean", "follow-up")
    new = follow_up.new_lesions is True
    missing = _percist_missing(baseline, follow_up, measure, b, a)
    if missing and not new:
        if follow_up.visual_response:
            return _visual(follow_up.visual_response, measure, b, a, missing)
        return response_result(PERCIST, None, measure, b, a, missing, lambda lang: with_prefix(
            measure_head(measure, b, a, lang, True),
            PHRASES["not_assessable"].get(lang).format(c=PERCIST, m=join_texts(missing, lang))))
    category = percist_category(b, a, liver_mean=liver_mean, liver_sd=liver_sd,
                                follow_liver_mean=follow_liver, new_lesions=new)
    if category is None:
        return _not_measurable(measure, b, a, liver_mean, liver_sd)
    caveats = _percist_caveats(category, follow_up, follow_liver)
    return response_result(PERCIST, category, measure, b, a, caveats,
                           lambda lang: _percist_text(category, measure, b, a, new, caveats, lang))


def _percist_caveats(category: str, follow_up: PetStudy, follow_liver: Decimal | None
                     ) -> list[Text]:
    """What the category could not check: CMR without a follow-up liver mean; whether there
    are new lesions when the report does not say (either would change the category)."""
    caveats = []
    if follow_liver is None and category in ("PMR", "SMD"):
        caveats.append(missing_text("follow-up", "liver_sul_mean_cmr"))
    if follow_up.new_lesions is None and category != "PMD":
        caveats.append(missing_text("follow-up", "new_lesions"))
    return caveats


def _percist_text(category: str, measure: str | None, b: Decimal | None, a: Decimal | None,
                  new: bool, caveats: list[Text], lang: str) -> str:
    head = measure_head(measure, b, a, lang, True)
    label = category_text(category).get(lang)
    if new:
        body = f"{PHRASES['new'].get(lang)}: {label} ({PERCIST})"
        s = f"{head}; {body}" if head else body[:1].upper() + body[1:]
    else:
        s = f"{head}: {label} ({PERCIST})"
    if measure == SULMAX:
        s += PHRASES["on_sulmax"].get(lang)
    if caveats:
        s += PHRASES["not_recorded"].get(lang).format(m=join_texts(caveats, lang))
    return s


def _not_measurable(measure: str | None, b: Decimal | None, a: Decimal | None,
                    liver_mean: Decimal | None, liver_sd: Decimal | None) -> ResponseResult:
    # percist_category gives None with nothing missing only for a non-measurable baseline
    assert b is not None and liver_mean is not None and liver_sd is not None
    threshold = measurability_threshold(liver_mean, liver_sd)

    def explain(lang: str) -> str:
        s = measure_head(measure, b, a, lang, True) + "; " + PHRASES["not_measurable"].get(
            lang).format(v=fmt_num(b, lang), f=fmt_num(MEASURABLE_LIVER_MEAN_FACTOR, lang),
                         s=fmt_num(MEASURABLE_LIVER_SD_FACTOR, lang), t=fmt_num(threshold, lang),
                         c=PERCIST)
        return s + (PHRASES["on_sulmax"].get(lang) if measure == SULMAX else "")

    return response_result(PERCIST, None, measure, b, a, [], explain)


def _visual(code: str, measure: str | None, b: Decimal | None, a: Decimal | None,
            missing: list[Text]) -> ResponseResult:
    """The recorded visual read, shown as such: values as given, nothing computed."""
    def explain(lang: str) -> str:
        read = PHRASES["visual"].get(lang).format(r=category_text(code).get(lang))
        why = PHRASES["not_computed"].get(lang).format(c=PERCIST, m=join_texts(missing, lang))
        return with_prefix(measure_head(measure, b, a, lang, False), read) + why

    return response_result(VISUAL, code, measure, b, a, missing, explain, computed=False)
