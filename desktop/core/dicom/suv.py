"""SUVbw from a PET series' headers, following the QIBA vendor-neutral pseudo-code.

Branches (each tested against synthetic series in ``synthetic``):
- CorrectedImage (0028,0051) must include ATTN and DECY.
- Units (0054,1001): BQML → weight·1000 / decayed dose; CNTS → the Philips SUV scale factor
  (7053,1000), or else the Philips activity concentration factor (7053,1009) times the BQML
  factor; GML → 1 (the scanner already wrote SUVbw). Anything else is refused.
- DecayCorrection (0054,1102): START decays the dose to the scan reference time; ADMIN means
  the images are decay-corrected to the injection, so the dose is used as injected.
- Scan reference time: SeriesDate/Time, unless the series was written after the acquisition
  began (a post-processed or re-exported series); then the GE private scan date-time
  (0009,100D) or else the earliest AcquisitionDate/Time of all slices.
- Injection: RadiopharmaceuticalStartDateTime (0018,1078), or RadiopharmaceuticalStartTime
  (0018,1072) on the scan day — the day before when that would fall after the scan
  (an injection before midnight, a scan after it).
Whatever is missing or unsupported is refused with the tag named; nothing is guessed.
Lean body mass comes from ``desktop.core.pet`` (one place for the formulas).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta, timezone

from pydicom.dataset import Dataset

from desktop.core.dicom.errors import DicomError
from desktop.core.dicom.passport import Passport, Stamp, SuvInputs
from desktop.core.pet import LBM_FORMULAS, PetError, decay_corrected_dose

# Tags as they are named in messages and in the passport.
T_UNITS = "Units (0054,1001)"
T_DECAY = "DecayCorrection (0054,1102)"
T_CORRECTED = "CorrectedImage (0028,0051)"
T_SERIES = "SeriesDate/SeriesTime (0008,0021/0031)"
T_ACQ = "AcquisitionDate/AcquisitionTime (0008,0022/0032)"
T_GE = "GE private scan date-time (0009,100D)"
T_START_DT = "RadiopharmaceuticalStartDateTime (0018,1078)"
T_START = "RadiopharmaceuticalStartTime (0018,1072)"
T_DOSE = "RadionuclideTotalDose (0018,1074)"
T_HALF = "RadionuclideHalfLife (0018,1075)"
T_WEIGHT = "PatientWeight (0010,1030)"
T_SIZE = "PatientSize (0010,1020)"
T_SEX = "PatientSex (0010,0040)"
T_PHILIPS_SUV = "Philips SUV scale factor (7053,1000)"
T_PHILIPS_ACF = "Philips activity concentration factor (7053,1009)"
T_RADIOPHARM = "RadiopharmaceuticalInformationSequence (0054,0016)"
GE_CREATOR = "GEMS_PETD_01"
PHILIPS_CREATOR = "Philips PET Private Group"
OVERRIDE = "given by the user"


# --- reading the header ------------------------------------------------------------------------
def _da(text: str) -> date:
    return datetime.strptime(text.strip(), "%Y%m%d").date()


def _tm(text: str) -> time:
    """DICOM TM: HH[MM[SS[.ffffff]]] (also the old HH:MM:SS form)."""
    m = re.fullmatch(r"(\d{2}):?(\d{2})?:?(\d{2})?(?:\.(\d{1,6}))?", text.strip())
    if m is None:
        raise ValueError(text)
    hh, mm, ss, frac = m.groups()
    return time(int(hh), int(mm or 0), int(ss or 0), int((frac or "0").ljust(6, "0")))


def _dt(text: str, tz_offset: str | None) -> datetime:
    """DICOM DT, YYYYMMDDHHMMSS.ffffff&ZZXX. An offset is accepted when it is the series' own
    TimezoneOffsetFromUTC (or that is absent): all other times of the series are local."""
    m = re.fullmatch(r"(\d{8})(\d{2,6}(?:\.\d{1,6})?)?([+-]\d{4})?", text.strip())
    if m is None:
        raise ValueError(text)
    day, clock, offset = m.groups()
    value = datetime.combine(_da(day), _tm(clock) if clock else time())
    if offset and tz_offset and offset != tz_offset.strip():
        sign = 1 if offset[0] == "+" else -1
        own = timezone(sign * timedelta(hours=int(offset[1:3]), minutes=int(offset[3:])))
        t = tz_offset.strip()
        sign2 = 1 if t[0] == "+" else -1
        local = timezone(sign2 * timedelta(hours=int(t[1:3]), minutes=int(t[3:5])))
        value = value.replace(tzinfo=own).astimezone(local).replace(tzinfo=None)
    return value


def _text(ds: Dataset, keyword: str) -> str | None:
    value = ds.get(keyword)
    s = None if value is None else str(value).strip()
    return s or None


def _number(ds: Dataset | None, keyword: str, tag: str, source: str) -> float | None:
    value = None if ds is None else ds.get(keyword)
    if value is None or str(value).strip() == "":
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        raise DicomError("bad_value", source=source, tag=tag, value=str(value),
                         why="expected a number") from None


def _stamp(ds: Dataset, date_kw: str, time_kw: str, tag: str, source: str) -> Stamp | None:
    d, t = _text(ds, date_kw), _text(ds, time_kw)
    if d is None or t is None:
        return None
    try:
        return Stamp(datetime.combine(_da(d), _tm(t)), tag)
    except ValueError:
        raise DicomError("bad_value", source=source, tag=tag, value=f"{d} {t}",
                         why="expected a DICOM date and time") from None


def _private(ds: Dataset, group: int, offset: int, creator: str) -> str | None:
    try:
        value = ds.get_private_item(group, offset, creator).value
    except KeyError:
        return None
    if isinstance(value, bytes):
        value = value.decode("ascii", "replace").strip("\x00 ")
    if isinstance(value, list | tuple):
        value = value[0] if value else None
    s = None if value is None else str(value).strip()
    return s or None


def _private_number(ds: Dataset, offset: int, tag: str, source: str) -> float | None:
    text = _private(ds, 0x7053, offset, PHILIPS_CREATOR)
    if text is None:
        return None
    try:
        return float(text)
    except ValueError:
        raise DicomError("bad_value", source=source, tag=tag, value=text,
                         why="expected a number") from None


def _earliest_acquisition(headers: Sequence[Dataset], source: str) -> Stamp | None:
    stamps = []
    for ds in headers:
        s = _stamp(ds, "AcquisitionDate", "AcquisitionTime", T_ACQ, source)
        if s is None and _text(ds, "AcquisitionDateTime"):
            try:
                s = Stamp(_dt(_text(ds, "AcquisitionDateTime"), None),
                          "AcquisitionDateTime (0008,002A)")
            except ValueError:
                s = None
        if s is None:
            return None  # one slice without it: the earliest is unknown
        stamps.append(s)
    return min(stamps, key=lambda s: s.value) if stamps else None


def read_inputs(headers: Sequence[Dataset], file: str = "") -> SuvInputs:
    """The SUV inputs of a series (``headers`` in any order). Unreadable values are refused
    here; missing ones stay ``None`` and are refused by ``calibrate`` only if its branch
    needs them."""
    ds = headers[0]
    src = file
    tz = _text(ds, "TimezoneOffsetFromUTC")
    seq = ds.get("RadiopharmaceuticalInformationSequence")
    item = seq[0] if seq else None
    start = start_only = None
    if item is not None and _text(item, "RadiopharmaceuticalStartDateTime"):
        raw = _text(item, "RadiopharmaceuticalStartDateTime")
        try:
            start = Stamp(_dt(raw, tz), T_START_DT)
        except ValueError:
            raise DicomError("bad_value", source=src, tag=T_START_DT, value=raw,
                             why="expected a DICOM date-time") from None
    if item is not None and _text(item, "RadiopharmaceuticalStartTime"):
        raw = _text(item, "RadiopharmaceuticalStartTime")
        try:
            start_only = Stamp(datetime.combine(date(2000, 1, 1), _tm(raw)), T_START)
        except ValueError:
            raise DicomError("bad_value", source=src, tag=T_START, value=raw,
                             why="expected a DICOM time") from None
    ge = _private(ds, 0x0009, 0x0D, GE_CREATOR)
    ge_stamp = None
    if ge is not None:
        try:
            ge_stamp = Stamp(_dt(ge, tz), T_GE)
        except ValueError:
            raise DicomError("bad_value", source=src, tag=T_GE, value=ge,
                             why="expected a DICOM date-time") from None
    corrected = ds.get("CorrectedImage")
    size_m = _number(ds, "PatientSize", T_SIZE, src)
    sex = _text(ds, "PatientSex")
    return SuvInputs(
        file=src, manufacturer=_text(ds, "Manufacturer") or "",
        units=_text(ds, "Units"), decay_correction=_text(ds, "DecayCorrection"),
        corrected_image=None if corrected is None else tuple(
            str(v).strip().upper() for v in (corrected if isinstance(corrected, Sequence)
                                             and not isinstance(corrected, str)
                                             else [corrected])),
        series_time=_stamp(ds, "SeriesDate", "SeriesTime", T_SERIES, src),
        earliest_acquisition=_earliest_acquisition(headers, src), ge_scan_time=ge_stamp,
        start=start, start_time_only=start_only,
        dose_bq=_number(item, "RadionuclideTotalDose", T_DOSE, src),
        half_life_s=_number(item, "RadionuclideHalfLife", T_HALF, src),
        weight_kg=_number(ds, "PatientWeight", T_WEIGHT, src),
        height_cm=None if size_m is None or size_m == 0 else size_m * 100.0,
        sex=sex.upper() if sex else None,
        philips_suv_factor=_private_number(ds, 0x00, T_PHILIPS_SUV, src),
        philips_activity_factor=_private_number(ds, 0x09, T_PHILIPS_ACF, src))


# --- the QIBA branches -------------------------------------------------------------------------
def _need(value, inputs: SuvInputs, tag: str, why: str):
    if value is None:
        raise DicomError("missing", source=inputs.file, tag=tag, why=why)
    return value


def _scan_time(i: SuvInputs) -> tuple[Stamp, list[str]]:
    series = _need(i.series_time, i, T_SERIES, "the scan reference time of SUV")
    acq = _need(i.earliest_acquisition, i, T_ACQ,
                "needed to check that the series time is the scan time")
    if series.value <= acq.value:
        return series, []
    note = (f"the series was written {(series.value - acq.value).total_seconds():.0f} s after "
            "the acquisition began")
    if i.ge_scan_time is not None:
        return i.ge_scan_time, [note + "; the GE private scan date-time is used"]
    return acq, [note + "; the earliest acquisition time of the series is used"]


def _start_time(i: SuvInputs, scan: Stamp) -> tuple[Stamp, bool]:
    if i.start is not None:
        return i.start, False
    only = _need(i.start_time_only, i, T_START, "the injection time is needed to decay the dose")
    start = datetime.combine(scan.value.date(), only.value.time())
    if start > scan.value:
        return Stamp(start - timedelta(days=1), T_START + " on the day before the scan"), True
    return Stamp(start, T_START + " on the scan day"), False


def _decayed(i: SuvInputs, notes: list[str]) -> dict:
    """Dose, times and the decayed dose for the BQML-like branches."""
    decay = i.decay_correction
    scan, scan_notes = _scan_time(i)
    notes.extend(scan_notes)
    start, midnight = _start_time(i, scan)
    dose = _need(i.dose_bq, i, T_DOSE, "the injected dose is needed for SUV")
    half = _need(i.half_life_s, i, T_HALF, "the half-life is needed to decay the dose")
    if not dose > 0:
        raise DicomError("bad_value", source=i.file, tag=T_DOSE, value=str(dose),
                         why="the dose must be positive")
    if not half > 0:
        raise DicomError("bad_value", source=i.file, tag=T_HALF, value=str(half),
                         why="the half-life must be positive")
    try:
        decayed = decay_corrected_dose(dose, start.value, scan.value, half)
    except PetError as e:
        tag = {"dose_bq": T_DOSE, "half_life_s": T_HALF}.get(_pet_field(e), start.source)
        raise DicomError("invalid", source=i.file, tag=tag, why=e.text) from None
    if decay == "ADMIN":
        notes.append("images decay-corrected to the injection (ADMIN): the dose is not decayed")
        decayed = dose
    return {"scan_time": scan, "start_time": start, "midnight_crossing": midnight,
            "delta_t_s": (scan.value - start.value).total_seconds(), "dose_bq": dose,
            "half_life_s": half, "decayed_dose_bq": decayed}


def _pet_field(e: PetError) -> str:
    return str(e).split(" ", 1)[0]


def _body(i: SuvInputs, weight_kg, height_cm, sex) -> dict:
    w = weight_kg if weight_kg is not None else i.weight_kg
    h = height_cm if height_cm is not None else i.height_cm
    s = sex if sex is not None else i.sex
    hint = " (or give it: --{})"
    _need(w, i, T_WEIGHT, "SUVbw and SUL need the body weight" + hint.format("weight"))
    _need(h, i, T_SIZE, "SUL (lean body mass) needs the height" + hint.format("height"))
    _need(s, i, T_SEX, "SUL (lean body mass) needs the sex" + hint.format("sex"))
    if s not in ("F", "M"):
        raise DicomError("unsupported", source=i.file, tag=T_SEX, value=s,
                         why="lean body mass is defined for F and M")
    return {"weight_kg": float(w), "height_cm": float(h), "sex": s,
            "weight_source": OVERRIDE if weight_kg is not None else T_WEIGHT,
            "height_source": OVERRIDE if height_cm is not None else T_SIZE + " × 100",
            "sex_source": OVERRIDE if sex is not None else T_SEX}


def _lbm(i: SuvInputs, body: dict, formula: str) -> float:
    try:
        return LBM_FORMULAS[formula](body["weight_kg"], body["height_cm"], body["sex"])
    except PetError as e:
        name = _pet_field(e)
        if name not in ("weight_kg", "height_cm"):
            name = "weight_kg"
        source = body[f"{name.split('_')[0]}_source"]
        tag = f"{name} ({OVERRIDE})" if source == OVERRIDE else source
        raise DicomError("invalid", source=i.file, tag=tag, why=e.text) from None


def _check_corrections(i: SuvInputs) -> str:
    corrected = _need(i.corrected_image, i, T_CORRECTED,
                      "SUV needs images corrected for attenuation and decay")
    if "ATTN" not in corrected or "DECY" not in corrected:
        raise DicomError("unsupported", source=i.file, tag=T_CORRECTED,
                         value="\\".join(corrected),
                         why="SUV needs ATTN and DECY (attenuation and decay corrected)")
    decay = _need(i.decay_correction, i, T_DECAY, "SUV needs to know the decay reference")
    if decay not in ("START", "ADMIN"):
        raise DicomError("unsupported", source=i.file, tag=T_DECAY, value=decay,
                         why="only START and ADMIN are supported")
    return decay


def calibrate(i: SuvInputs, *, weight_kg: float | None = None, height_cm: float | None = None,
              sex: str | None = None, lbm_formula: str = "janmahasatian") -> Passport:
    """The SUVbw scale factor and the SUL factor of a series, with their passport.
    ``weight_kg``, ``height_cm`` and ``sex`` override the header (the case's own values, or a
    correction typed by the user)."""
    decay = _check_corrections(i)
    units = _need(i.units, i, T_UNITS, "SUV needs the unit of the pixel values")
    body = _body(i, weight_kg, height_cm, sex)
    w = body["weight_kg"]
    notes: list[str] = []
    timing: dict = {"scan_time": None, "start_time": None, "midnight_crossing": False,
                    "delta_t_s": None, "dose_bq": None, "half_life_s": None,
                    "decayed_dose_bq": None}
    if units == "BQML":
        timing = _decayed(i, notes)
        factor, branch = w * 1000.0 / timing["decayed_dose_bq"], "BQML"
        formula = "weight [g] / decayed dose [Bq]"
    elif units == "CNTS" and i.philips_suv_factor:
        factor, branch = i.philips_suv_factor, "CNTS (7053,1000)"
        formula = "Philips SUV scale factor (7053,1000)"
        factor *= _scanner_weight_ratio(i, weight_kg, notes)
    elif units == "CNTS" and i.philips_activity_factor:
        timing = _decayed(i, notes)
        factor = i.philips_activity_factor * w * 1000.0 / timing["decayed_dose_bq"]
        branch = "CNTS (7053,1009)"
        formula = "(7053,1009) × weight [g] / decayed dose [Bq]"
    elif units == "CNTS":
        raise DicomError("missing", source=i.file, tag=T_PHILIPS_SUV,
                         why="Units CNTS need the Philips SUV scale factor or the activity "
                             "concentration factor (7053,1009)")
    elif units == "GML":
        factor, branch, formula = 1.0, "GML", "1 (the scanner wrote SUVbw)"
        factor *= _scanner_weight_ratio(i, weight_kg, notes)
    else:
        raise DicomError("unsupported", source=i.file, tag=T_UNITS, value=units,
                         why="SUV is computed from BQML, CNTS (Philips) or GML")
    lbm = _lbm(i, body, lbm_formula)
    return Passport(inputs=i, units=units, decay_correction=decay, manufacturer=i.manufacturer,
                    branch=branch, formula=formula, **timing, **body, lbm_formula=lbm_formula,
                    lbm_kg=lbm, scale_factor=factor, sul_per_suv=lbm / w, notes=tuple(notes))


def _scanner_weight_ratio(i: SuvInputs, weight_kg: float | None, notes: list[str]) -> float:
    """A scanner-made SUV (GML, Philips 7053,1000) embeds the header weight: a corrected
    weight rescales it by new/old. Without a header weight the scanner's SUV stays as made."""
    if weight_kg is None:
        return 1.0
    if i.weight_kg:
        notes.append(f"the scanner's SUV used {i.weight_kg:g} kg; rescaled to {weight_kg:g} kg")
        return weight_kg / i.weight_kg
    notes.append("the scanner's SUV is kept: the weight it used is not in the header")
    return 1.0


def recalibrate(p: Passport, **overrides) -> Passport:
    """The passport again with some inputs corrected (``weight_kg``, ``height_cm``, ``sex``,
    ``lbm_formula``); the other overrides already in force are kept."""
    kept = {k: getattr(p, k) for k in ("weight_kg", "height_cm", "sex")
            if getattr(p, f"{k.split('_')[0]}_source") == OVERRIDE}
    args = {**kept, "lbm_formula": p.lbm_formula, **overrides}
    return calibrate(p.inputs, **args)

