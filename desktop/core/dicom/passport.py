"""The calculation passport: every SUV/SUL value carries the inputs and the branch that made it.

Published comparisons found display software disagreeing by −38 % to +100 % on one phantom,
mostly through vendor timing and units; showing the branch, the times and their source tags
lets a reader check ours. ``suv.recalibrate`` recomputes a passport with a corrected input.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime


@dataclass(frozen=True)
class Stamp:
    """A date and time read from the header, and the tag(s) it came from."""

    value: datetime
    source: str


@dataclass(frozen=True)
class SuvInputs:
    """What the SUV calculation reads from a series' headers; ``None`` where absent."""

    file: str  # the first slice's file name, for messages
    manufacturer: str
    units: str | None
    decay_correction: str | None
    corrected_image: tuple[str, ...] | None
    series_time: Stamp | None
    earliest_acquisition: Stamp | None
    ge_scan_time: Stamp | None
    start: Stamp | None  # a full date and time (RadiopharmaceuticalStartDateTime)
    start_time_only: Stamp | None  # RadiopharmaceuticalStartTime with a dummy date
    dose_bq: float | None
    half_life_s: float | None
    weight_kg: float | None
    height_cm: float | None
    sex: str | None
    philips_suv_factor: float | None
    philips_activity_factor: float | None


@dataclass(frozen=True)
class Passport:
    """How one series' SUVbw scale factor and SUL factor were obtained."""

    inputs: SuvInputs
    units: str
    decay_correction: str
    manufacturer: str
    branch: str  # e.g. "BQML", "CNTS (7053,1000)", "CNTS (7053,1009)", "GML"
    formula: str  # the scale factor as an expression of the inputs
    scan_time: Stamp | None
    start_time: Stamp | None
    midnight_crossing: bool
    delta_t_s: float | None
    dose_bq: float | None
    half_life_s: float | None
    decayed_dose_bq: float | None
    weight_kg: float
    weight_source: str
    height_cm: float
    height_source: str
    sex: str
    sex_source: str
    lbm_formula: str
    lbm_kg: float
    scale_factor: float  # SUVbw per unit of the series after rescale
    sul_per_suv: float  # LBM / weight
    notes: tuple[str, ...] = ()

    @property
    def sul_factor(self) -> float:
        """SUL per unit of the series after rescale."""
        return self.scale_factor * self.sul_per_suv

    def to_dict(self, *, with_dates: bool = True) -> dict:
        """JSON-ready. ``with_dates=False`` leaves out the calendar dates (times of day stay,
        Δt is what the maths needs) for anything that leaves the machine."""
        d = {k: v for k, v in asdict(self).items() if k not in ("inputs",)}
        for key in ("scan_time", "start_time"):
            stamp = getattr(self, key)
            d[key] = None if stamp is None else {
                "value": stamp.value.isoformat() if with_dates else stamp.value.time().isoformat(),
                "source": stamp.source}
        d["notes"] = list(self.notes)
        d["sul_factor"] = self.sul_factor
        return d

    def lines(self) -> list[str]:
        """The passport as a reader checks it, one fact a line."""
        out = [f"units {self.units} · decay correction {self.decay_correction} · "
               f"manufacturer {self.manufacturer or '?'} · branch {self.branch}"]
        if self.scan_time is not None:
            out.append(f"scan time {self.scan_time.value:%Y-%m-%d %H:%M:%S} "
                       f"from {self.scan_time.source}")
        if self.start_time is not None:
            out.append(f"injection {self.start_time.value:%Y-%m-%d %H:%M:%S} "
                       f"from {self.start_time.source}"
                       + (" (crosses midnight: the day before the scan)"
                          if self.midnight_crossing else ""))
        if self.delta_t_s is not None:
            out.append(f"Δt {self.delta_t_s:.0f} s · half-life {self.half_life_s:g} s · "
                       f"dose {self.dose_bq:.4g} Bq → {self.decayed_dose_bq:.4g} Bq at the "
                       "decay reference")
        out.append(f"weight {self.weight_kg:g} kg ({self.weight_source}) · height "
                   f"{self.height_cm:g} cm ({self.height_source}) · sex {self.sex} "
                   f"({self.sex_source})")
        out.append(f"LBM {self.lbm_kg:.2f} kg ({self.lbm_formula}) · SUL/SUV "
                   f"{self.sul_per_suv:.4f}")
        out.append(f"scale factor {self.scale_factor:.6g} = {self.formula}")
        out.extend(self.notes)
        return out
