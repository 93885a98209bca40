"""The PET tab heads with the criteria of the disease: a lymphoma's badge is Lugano, with
the physician's read beside it and PERCIST only as a line marked secondary."""

from __future__ import annotations

from tests.board.cases import lymphoma_case
from tests.gui.pet.test_pet_view import make_view


def test_lymphoma_badge_is_lugano_with_the_read_and_percist_secondary(qtbot):
    view = make_view(qtbot, lymphoma_case())
    badge = view.findChild(object, "petResponseBadge").text()
    assert badge.startswith("CMR (Deauville/Lugano 2014)")
    details = view.lugano.text()
    assert "Physician's read: complete metabolic response (CMR), Deauville 3" in details
    assert "Secondary, not the criteria for this disease" in details and "PERCIST" in details
    assert "PERCIST" not in badge


def test_explicit_percist_says_the_disagreement(qtbot):
    case = lymphoma_case()
    case.pet_criteria = "percist"
    view = make_view(qtbot, case)
    assert view.findChild(object, "petResponseBadge").text().startswith("PMR (PERCIST 1.0)")
    assert "Computed PMR, read as CMR" in view.lugano.text()
