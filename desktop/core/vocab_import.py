"""Another centre's words mapped to the app's codes on import, and said aloud.

A value that plainly means a known code — the code itself, its English or Russian label,
or a listed alias (``bm_blasts_pct``, "bone marrow", "костный мозг", "MRD-negative") — is
replaced by the code; a list such as "bone marrow, testis" by its codes. Anything else is
kept exactly as written (the pre-flight flags it). Nothing is guessed from a partial match.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace

from desktop.core import vocab
from desktop.core.model import Case, Event, Measurement, PetStudy, Text, Therapy

#: Aliases seen in other centres' files, by the code they mean (compared folded, see _key).
_KIND_ALIASES = {
    "marrow_blasts": ("bm_blasts", "bm_blasts_pct", "blasts_bm", "bone_marrow_blasts",
                      "marrow_blasts_pct", "blasts in bone marrow", "бласты км"),
    "mrd_flow": ("mrd_flow_pct", "mrd_fc", "mrd_fcm", "mrd_facs", "flow_mrd", "mrd flow"),
    "mrd_pcr": ("mrd_pcr_pct", "pcr_mrd", "mrd_rt_pcr", "mrd_qpcr"),
    "bcr_abl": ("bcr_abl_is", "bcr_abl_pct", "bcr-abl1", "bcr_abl1"),
    "chimerism": ("chimerism_pct", "donor_chimerism", "donor_chimerism_pct"),
    "wbc": ("leukocytes", "white_blood_cells", "лейкоциты"),
    "plt": ("platelets", "plt_count", "тромбоциты"),
    "hb": ("hgb", "hemoglobin", "гемоглобин"),
}
_SITE_ALIASES = {
    "marrow": ("bm", "bone marrow", "bone_marrow", "костный мозг"),
    "cns": ("central nervous system", "центральная нервная система"),
    "testis": ("testes", "testicle", "testicles", "яички"),
    "lymph_nodes": ("lymph node", "nodes", "лимфоузлы", "лимфатический узел"),
    "soft_tissue": ("soft tissues",),
    "blood": ("pb", "blood"),
    "gut": ("bowel", "intestines"),
}
_RESPONSE_ALIASES = {
    "MRD-": ("mrd-negative", "mrd negative", "mrd neg", "моб-негативный", "моб-негативная",
             "моб-отрицательный"),
    "MRD+": ("mrd-positive", "mrd positive", "mrd pos", "моб-позитивный", "моб-позитивная"),
}
_UNIT_ALIASES = {"%": ("percent", "pct", "per cent", "процент", "процентов")}
_PERCENT_SUFFIX = ("_pct", "_percent")


@functools.lru_cache(maxsize=4096)
def _key(value: str) -> str:
    """Folded for comparison: case, spaces, hyphens and underscores do not matter."""
    return re.sub(r"[\s_\-]+", " ", value.strip().casefold())


def _index(table: dict[str, Text], aliases: dict[str, tuple[str, ...]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for code, text in table.items():
        for word in (code, text.en, text.ru):
            if word:
                out.setdefault(_key(word), code)
    for code, words in aliases.items():
        for word in words:
            out.setdefault(_key(word), code)
    return out


_KINDS = _index(vocab.MEASUREMENT_KINDS, _KIND_ALIASES)
_SITES = _index(vocab.SITES, _SITE_ALIASES)
_RESPONSES = _index(vocab.RESPONSES, _RESPONSE_ALIASES)
_UNITS = _index(vocab.UNITS, _UNIT_ALIASES)


def kind_code(value: str) -> str | None:
    return _KINDS.get(_key(value))


def site_code(value: str) -> str | None:
    """A known site code for one site; a list ("bone marrow, testis", "костный мозг и
    яичко") gives its codes joined by commas when every part is known."""
    one = _SITES.get(_key(value))
    if one:
        return one
    parts = [p for p in re.split(r"\s*(?:,|;|\band\b|\bи\b)\s*", value.strip()) if p]
    codes = [_SITES.get(_key(p)) for p in parts]
    return ",".join(codes) if len(parts) > 1 and all(codes) else None  # type: ignore[arg-type]


def response_code(value: str) -> str | None:
    return _RESPONSES.get(_key(value))


def unit_code(value: str) -> str | None:
    return _UNITS.get(_key(value))


@dataclass(frozen=True)
class Mapped:
    """One value replaced by its code on import."""

    path: str
    written: str
    code: str

    def __str__(self) -> str:
        return f"{self.path}: {self.written!r} → {self.code}"


def _swap(path: str, value: str | None, find, out: list[Mapped]) -> str | None:
    if not value:
        return value
    code = find(value)
    if code is None or code == value:
        return value
    out.append(Mapped(path, value, code))
    return code


def _site_text(path: str, site: Text, out: list[Mapped]) -> Text:
    """A lesion site given in one language that is a known site gets the other label."""
    if site.en and site.ru:
        return site
    code = site_code(site.en or site.ru or "")
    if code is None or "," in code:
        return site
    full = vocab.SITES[code]
    out.append(Mapped(path, site.en or site.ru or "", code))
    return Text(site.en or full.en, site.ru or full.ru)


def map_case(case: Case) -> tuple[Case, list[Mapped]]:
    """``case`` with plainly known values replaced by codes, and what was mapped.

    ``case`` itself is not changed: an item with a mapped value is a new one (the rest
    are shared, and the whole case when nothing is mapped — no deep copy per import).
    """
    out: list[Mapped] = []
    events = [_mapped_event(i, e, out) for i, e in enumerate(case.events)]
    therapies = [_mapped_therapy(i, t, out) for i, t in enumerate(case.therapies)]
    measurements = [_mapped_measurement(i, m, out) for i, m in enumerate(case.measurements)]
    studies = [_mapped_study(i, s, out) for i, s in enumerate(case.pet_studies)]
    if not out:
        return case, out
    return replace(case, events=events, therapies=therapies, measurements=measurements,
                   pet_studies=studies), out


def _mapped_event(i: int, e: Event, out: list[Mapped]) -> Event:
    site = _swap(f"events[{i}].site", e.site, site_code, out) if e.site else e.site
    return e if site is e.site else replace(e, site=site)


def _mapped_therapy(i: int, t: Therapy, out: list[Mapped]) -> Therapy:
    response = (_swap(f"therapies[{i}].response", t.response, response_code, out)
                if t.response else t.response)
    return t if response is t.response else replace(t, response=response)


def _mapped_measurement(i: int, m: Measurement, out: list[Mapped]) -> Measurement:
    written, unit = m.kind, m.unit
    kind = _swap(f"measurements[{i}].kind", written, kind_code, out) or written
    if kind != written and unit is None and written.casefold().endswith(_PERCENT_SUFFIX):
        unit = "%"
        out.append(Mapped(f"measurements[{i}].unit", "", "%"))
    if unit:
        unit = _swap(f"measurements[{i}].unit", unit, unit_code, out)
    if kind is written and unit is m.unit:
        return m
    return replace(m, kind=kind, unit=unit)


def _mapped_study(i: int, s: PetStudy, out: list[Mapped]) -> PetStudy:
    lesions = [x if (site := _site_text(f"pet_studies[{i}].lesions[{j}].site", x.site, out))
               is x.site else replace(x, site=site) for j, x in enumerate(s.lesions)]
    if all(a is b for a, b in zip(lesions, s.lesions, strict=True)):
        return s
    return replace(s, lesions=lesions)
