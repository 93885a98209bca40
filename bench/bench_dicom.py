"""How long a real-size PET series takes: find + read 200 slices of 200×200 (target < 5 s),
SUV, global SUVmax/SULpeak, and the MIP picture (target < 1 s).

Run: .venv/bin/python bench/bench_dicom.py [slices] [size]. Prints figures; asserts nothing.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from desktop.core.dicom import measure, mip, series, synthetic
from desktop.core.dicom.study import calibrate_volume


def main(slices: int = 200, size: int = 200) -> None:
    grid = synthetic.Grid((slices, size, size), 4.0, 3.27)
    with tempfile.TemporaryDirectory(prefix="bench-dicom-") as tmp:
        t0 = time.perf_counter()
        synthetic.write_series(Path(tmp), "bqml", grid=grid)
        t_write = time.perf_counter() - t0
        mb = sum(f.stat().st_size for f in Path(tmp).rglob("*.dcm")) / 1e6

        t0 = time.perf_counter()
        found = series.find_series(tmp)
        t_find = time.perf_counter() - t0
        t0 = time.perf_counter()
        volume = series.read_series(found[0])
        t_read = time.perf_counter() - t0
        t0 = time.perf_counter()
        loaded = calibrate_volume(volume)
        t_suv = time.perf_counter() - t0
        t0 = time.perf_counter()
        top, peak = measure.global_hotspots(loaded.suv, loaded.geometry)
        t_peak = time.perf_counter() - t0
        t0 = time.perf_counter()
        png = mip.mip_png(loaded.suv, loaded.geometry)
        t_mip = time.perf_counter() - t0

    print(f"series: {slices} slices × {size}×{size}, {mb:.1f} MB on disk "
          f"(written in {t_write:.2f} s)")
    print(f"find PET series (headers only): {t_find:.2f} s")
    print(f"read + order + rescale volume:  {t_read:.2f} s")
    print(f"  → find + read: {t_find + t_read:.2f} s (target < 5 s)")
    print(f"SUV (passport + scale):         {t_suv:.3f} s")
    print(f"global SUVmax + SULpeak:        {t_peak:.3f} s "
          f"(SUVmax {top.value:.2f}, SUVpeak {peak.value:.2f})")
    print(f"MIP coronal + sagittal → PNG:   {t_mip:.3f} s, {len(png) / 1024:.0f} KiB "
          "(target < 1 s)")


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:3]]
    main(*args)
