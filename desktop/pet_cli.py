"""``case-presenter pet``: PET-CT DICOM from the command line (issue 15; the words are a contract).

    case-presenter pet measure DIR [--json] [--sphere X,Y,Z,R]... [--liver X,Y,Z]
    case-presenter pet import CODE DIR [--label TEXT] [--date DATE]
                                       [--lesion ID=X,Y,Z[,R]]... [--liver X,Y,Z]
    case-presenter pet selftest

Coordinates are patient mm (LPS), as DICOM viewers show them; a value that starts with a
minus sign is written with ``=`` (``--sphere=-40,12,5,20``). A series that cannot give SUV
ends with status 1 and one line naming the tag (raised as ``DicomError``, printed by
``desktop.cli``).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from desktop.core.dates import DateError, PartialDate
from desktop.core.dicom.errors import DicomError
from desktop.core.dicom.voi import NamedVoi, Sphere
from desktop.core.model import Text

DEFAULT_LESION_RADIUS_MM = 15.0


def _numbers(text: str, counts: tuple[int, ...], what: str) -> tuple[float, ...]:
    try:
        values = tuple(float(v) for v in text.split(","))
    except ValueError:
        values = ()
    if len(values) not in counts:
        raise argparse.ArgumentTypeError(f"{what}: expected {what}, got {text!r}")
    return values


def sphere_arg(text: str) -> Sphere:
    x, y, z, r = _numbers(text, (4,), "X,Y,Z,R")
    if r <= 0:
        raise argparse.ArgumentTypeError(f"X,Y,Z,R: the radius must be positive, got {r:g}")
    return Sphere((x, y, z), r)


def point_arg(text: str) -> tuple[float, float, float]:
    return _numbers(text, (3,), "X,Y,Z")  # type: ignore[return-value]


def lesion_arg(text: str) -> NamedVoi:
    lid, sep, rest = text.partition("=")
    if not sep or not lid.strip():
        raise argparse.ArgumentTypeError(f"expected ID=X,Y,Z[,R], got {text!r}")
    values = _numbers(rest, (3, 4), "X,Y,Z[,R]")
    r = values[3] if len(values) == 4 else DEFAULT_LESION_RADIUS_MM
    if r <= 0:
        raise argparse.ArgumentTypeError(f"{lid}: the radius must be positive, got {r:g}")
    return NamedVoi(lid.strip(), Sphere(values[:3], r))  # type: ignore[arg-type]


def _series_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--series", metavar="UID", help="the PET series to use when there are several")
    p.add_argument("--weight", type=float, metavar="KG", help="body weight instead of the header's")
    p.add_argument("--height", type=float, metavar="CM", help="height instead of the header's")
    p.add_argument("--sex", choices=("F", "M"), help="sex instead of the header's")
    p.add_argument("--lbm", choices=("janmahasatian", "james"), default="janmahasatian",
                   help="lean body mass formula for SUL (default: janmahasatian)")


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Add ``pet`` and its commands to the program's ``subparsers``."""
    p = subparsers.add_parser(
        "pet", help="PET-CT DICOM: SUV/SUL the QIBA way, lesion VOIs, MIPs",
        description="Read a PET series from a folder (recursively; CT and other files are "
                    "passed over), compute SUVbw and SUL with a calculation passport, measure "
                    "spheres, add a study to a case. Coordinates are patient mm (LPS); write "
                    "negative values with '=' (--sphere=-40,12,5,20).")
    sub = p.add_subparsers(dest="pet_command", metavar="COMMAND", required=True)
    m = sub.add_parser("measure", help="print SUV/SUL of a series, its hot spots and spheres")
    m.add_argument("folder", type=Path, metavar="DIR")
    m.add_argument("--json", action="store_true", help="one JSON object on standard output")
    m.add_argument("--sphere", type=sphere_arg, action="append", default=[],
                   metavar="X,Y,Z,R", help="a VOI: centre and radius in mm (repeatable)")
    m.add_argument("--liver", type=point_arg, metavar="X,Y,Z",
                   help="centre of the 3 cm liver reference sphere")
    _series_options(m)
    i = sub.add_parser("import", help="add a PET study measured from DICOM to a case")
    i.add_argument("code")
    i.add_argument("folder", type=Path, metavar="DIR")
    i.add_argument("--label", help="the study's label (in both languages)")
    i.add_argument("--date", help="study date (default: from the DICOM)")
    i.add_argument("--lesion", type=lesion_arg, action="append", default=[],
                   metavar="ID=X,Y,Z[,R]",
                   help=f"a lesion VOI (radius default {DEFAULT_LESION_RADIUS_MM:g} mm)")
    i.add_argument("--liver", type=point_arg, metavar="X,Y,Z",
                   help="centre of the 3 cm liver reference sphere")
    i.add_argument("--mediastinum", type=point_arg, metavar="X,Y,Z",
                   help="centre of the 3 cm mediastinal blood-pool sphere")
    _series_options(i)
    sub.add_parser("selftest", help="measure synthetic series of every vendor path")
    return p


def _f(v: float) -> str:
    return f"{v:.2f}"


def _print_measure(out: dict, lines: list[str]) -> None:
    g = out["global"]
    print(f"series {out['series']['uid']} ({out['series']['manufacturer'] or '?'})")
    for line in lines:
        print(f"  {line}")
    print(f"global SUVmax {_f(g['suv_max'])} (SULmax {_f(g['sul_max'])}) at "
          f"{g['suv_max_position']}; global SULpeak {_f(g['sul_peak'])} at "
          f"{g['sul_peak_position']}")
    for s in out["spheres"]:
        print(f"sphere {s['center']} r {s['radius_mm']:g} mm: SUVmax {_f(s['suv_max'])} "
              f"SULmax {_f(s['sul_max'])} SULpeak {_f(s['sul_peak'])}")
    if "liver" in out:
        lv = out["liver"]
        print(f"liver {lv['center']}: SULmean {_f(lv['sul_mean'])} SD {_f(lv['sul_sd'])}")


def cmd_measure(args) -> int:
    from desktop.core.dicom.study import load, summary  # pydicom and numpy only now

    loaded = load(args.folder, uid=args.series, lbm_formula=args.lbm, weight_kg=args.weight,
                  height_cm=args.height, sex=args.sex)
    out = summary(loaded, args.sphere, args.liver)
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        _print_measure(out, loaded.passport.lines())
    return 0


def _body_overrides(args, loaded_inputs, patient) -> dict:
    header = {"weight_kg": loaded_inputs.weight_kg, "height_cm": loaded_inputs.height_cm,
              "sex": loaded_inputs.sex}
    out = {}
    for key, flag in (("weight_kg", args.weight), ("height_cm", args.height), ("sex", args.sex)):
        if flag is not None:
            out[key] = flag
        elif header[key] is None and getattr(patient, key) is not None:
            out[key] = getattr(patient, key)
    return out


def cmd_import(store, args) -> int:
    from desktop.core import casefile
    from desktop.core.dicom import series, suv
    from desktop.core.dicom.study import calibrate_volume, to_pet_study

    case, revision = store.load(args.code)
    try:
        date = PartialDate.parse_iso(args.date) if args.date else None
    except DateError as e:
        raise DicomError("bad_value", tag="--date", value=args.date, why=str(e)) from None
    info = series.choose_series(series.find_series(args.folder), args.folder, args.series)
    volume = series.read_series(info)
    inputs = suv.read_inputs(volume.headers, volume.files[0].name)
    loaded = calibrate_volume(volume, lbm_formula=args.lbm,
                              **_body_overrides(args, inputs, case.patient))
    label = Text(args.label, args.label) if args.label else None
    study = to_pet_study(loaded, args.lesion, liver=args.liver, mediastinum=args.mediastinum,
                         label=label, date=date)
    case.pet_studies.append(study)
    casefile.from_document(casefile.to_document(case), source=args.code)  # the file rules
    store.save(case, base_revision=revision)  # a change made meanwhile is not lost
    _print_study(args.code, len(case.pet_studies), study)
    return 0


def _print_study(code: str, number: int, study) -> None:
    print(f"{code}: PET study {number} added, {study.date.iso()}"
          + (f" — {study.label.en}" if study.label.en else ""))
    for les in study.lesions:
        print(f"  lesion {les.id}: SULmax {les.sul_max:.2f} SULpeak {les.sul_peak:.2f} "
              f"SUVmax {les.suv_max:.2f}")
    if study.liver_sul_mean is not None:
        print(f"  liver: SULmean {study.liver_sul_mean:.2f} SD {study.liver_sul_sd:.2f} "
              f"SUVmax {study.liver_suv_max:.2f}")
    if study.mediastinum_suv_max is not None:
        print(f"  mediastinum: SUVmax {study.mediastinum_suv_max:.2f}")
    print(f"  MIP image: {len(study.image.data) // 1024} KiB PNG")


def cmd_selftest(args) -> int:
    from desktop.core.dicom import selftest

    outcomes = selftest.run()
    for o in outcomes:
        print(f"{'PASS' if o.passed else 'FAIL'}  {o.path:<14} {o.description}\n"
              f"      {o.detail}")
    failed = sum(not o.passed for o in outcomes)
    print(f"{len(outcomes) - failed}/{len(outcomes)} vendor paths passed")
    return 1 if failed else 0


def run(store, args) -> int:
    """Run ``pet`` with the parsed ``args``; only ``import`` touches the library."""
    if args.pet_command == "measure":
        return cmd_measure(args)
    if args.pet_command == "import":
        return cmd_import(store, args)
    return cmd_selftest(args)
