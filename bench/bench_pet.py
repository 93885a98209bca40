"""How long classifying 100,000 PET study pairs takes (PERCIST, Deauville/Lugano, chart data).

Run: .venv/bin/python bench/bench_pet.py [pairs]. Prints figures; asserts nothing.
"""

from __future__ import annotations

import random
import sys
import time
from collections import Counter

from desktop.core.dates import PartialDate
from desktop.core.model import Lesion, Patient, PetStudy
from desktop.core.pet import compare_pair, metabolic_response

BASE_DATE = PartialDate(2019, 1, 15)
FOLLOW_DATE = PartialDate(2019, 5, 20)
PATIENT = Patient(sex="F", weight_kg=61.5, height_cm=168.0)


def _study(rng: random.Random, date: PartialDate, lesions: int, follow: bool) -> PetStudy:
    """A study with 1–4 lesions, values rounded to 2 decimals as reports give them."""
    found = []
    for i in range(lesions):
        peak = round(rng.uniform(0.5, 15.0), 2)
        found.append(Lesion(f"L{i}", sul_max=round(peak * rng.uniform(1.0, 1.4), 2),
                            sul_peak=peak))
    return PetStudy(date, liver_sul_mean=round(rng.uniform(1.2, 2.5), 2),
                    liver_sul_sd=round(rng.uniform(0.1, 0.4), 2),
                    liver_suv_max=round(rng.uniform(2.0, 3.5), 2),
                    mediastinum_suv_max=round(rng.uniform(1.2, 2.5), 2), lesions=found,
                    new_lesions=(rng.random() < 0.1) if follow else None)


def make_pairs(n: int, seed: int = 1) -> list[tuple[PetStudy, PetStudy]]:
    rng = random.Random(seed)
    return [(_study(rng, BASE_DATE, rng.randint(1, 4), False),
             _study(rng, FOLLOW_DATE, rng.randint(1, 4), True)) for _ in range(n)]


def _time(label: str, n: int, run) -> Counter:
    start = time.perf_counter()
    categories = Counter(run())
    seconds = time.perf_counter() - start
    print(f"{label:<54} {seconds:7.2f} s  {seconds / n * 1e6:7.1f} µs/pair")
    return categories


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    pairs = make_pairs(n)
    print(f"{n:,} study pairs, 1–4 lesions each (Python {sys.version.split()[0]})")
    percist = _time("PERCIST 1.0 only (metabolic_response)", n,
                    lambda: [metabolic_response(b, f).category for b, f in pairs])
    _time("everything (compare_pair: + Deauville/Lugano, chart)", n,
          lambda: [compare_pair(b, f, PATIENT).lugano.category for b, f in pairs])
    print("PERCIST categories:", dict(sorted(percist.items(), key=lambda kv: str(kv[0]))))


if __name__ == "__main__":
    main()
