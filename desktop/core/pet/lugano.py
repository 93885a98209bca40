"""The Lugano 2014 response (Cheson et al., J Clin Oncol 2014) from the Deauville scores
before and after treatment.
"""

from __future__ import annotations

from desktop.core.model import Patient, PetStudy
from desktop.core.pet.deauville import study_deauville
from desktop.core.pet.results import LUGANO, SULMAX, DeauvilleScore, ResponseResult
from desktop.core.pet.values import hottest_value, response_result
from desktop.core.pet.words import PHRASES, category_text, join_texts


def lugano_category(before: str | None, after: str | None, *, new_lesions: bool = False
                    ) -> str | None:
    """Lugano 2014 metabolic response from the Deauville pair: CMR = 1–3 at follow-up;
    with 4–5, PMD for new lesions or a higher score, PMR for a lower score, NMR for the same
    score. The source's "reduced/increased uptake" is read from the score pair: within one
    score the app does not judge a "significant change" (no number is given for it)."""
    if new_lesions:
        return "PMD"
    if after is None or after == "X":
        return None
    if after in ("1", "2", "3"):
        return "CMR"
    if before is None or before == "X":
        return None
    if int(after) > int(before):
        return "PMD"
    return "PMR" if int(after) < int(before) else "NMR"


def lugano_response(baseline: PetStudy, follow_up: PetStudy,
                    patient: Patient | None = None) -> tuple[DeauvilleScore, DeauvilleScore,
                                                              ResponseResult]:
    """Deauville at baseline and follow-up, and the Lugano category from the pair."""
    before = study_deauville(baseline, patient, "baseline")
    after = study_deauville(follow_up, patient, "follow-up")
    new = follow_up.new_lesions is True
    category = lugano_category(before.score, after.score, new_lesions=new)
    b = hottest_value(baseline, SULMAX, "baseline")
    a = hottest_value(follow_up, SULMAX, "follow-up")
    measure = SULMAX if b is not None or a is not None else None
    missing = [] if category is not None else list(dict.fromkeys(before.missing + after.missing))
    proxy = "computed" in (before.source, after.source)

    def explain(lang: str) -> str:
        pair = f"Deauville {before.score or '?'} → {after.score or '?'}"
        if category is None:
            why = PHRASES["not_assessable"].get(lang).format(c="Lugano 2014",
                                                              m=join_texts(missing, lang))
            if after.score == "X":
                why = PHRASES["x"].get(lang)
            return f"{pair}: {why}"
        s = f"{pair}: {category_text(category).get(lang)} (Lugano 2014)"
        if new:
            s = (f"{pair}, {PHRASES['new'].get(lang)}: "
                 f"{category_text(category).get(lang)} (Lugano 2014)")
        return s + (PHRASES["proxy"].get(lang) if proxy else "")

    return before, after, response_result(LUGANO, category, measure, b, a, missing, explain)
