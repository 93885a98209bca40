"""Volumes of interest as a user gives them: spheres in patient millimetres (LPS).

Plain data with no numpy, so that the command line can read ``--sphere`` and ``--lesion``
without loading the image stack's libraries.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Sphere:
    center: tuple[float, float, float]  # patient mm, LPS
    radius_mm: float


@dataclass(frozen=True)
class NamedVoi:
    """A lesion's sphere under the id that matches it across studies."""

    id: str
    sphere: Sphere
