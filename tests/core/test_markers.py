from desktop.core.markers import DIM, NEGATIVE, POSITIVE, parse_markers


def rows(text):
    return [(m.name, m.status) for m in parse_markers(text)]


def test_seed_immunophenotypes_read_as_written():
    assert rows("CD45dim/CD19+/CD10+/CD34+/CD38+/CD22+/CD20+/CD13+/sIgM-/cytIgM-/cytCD79a+") == [
        ("CD45", DIM), ("CD19", POSITIVE), ("CD10", POSITIVE), ("CD34", POSITIVE),
        ("CD38", POSITIVE), ("CD22", POSITIVE), ("CD20", POSITIVE), ("CD13", POSITIVE),
        ("sIgM", NEGATIVE), ("cytIgM", NEGATIVE), ("cytCD79a", POSITIVE)]


def test_other_written_forms():
    assert rows("CD34+/-, TdT negative; CD20 (+)") == [
        ("CD34", DIM), ("TdT", NEGATIVE), ("CD20", POSITIVE)]
    marker = parse_markers("CD22+ (immunohistochemistry)")[0]
    assert (marker.name, marker.status, marker.note) == ("CD22", POSITIVE, "immunohistochemistry")


def test_nothing_is_guessed():
    assert rows("HLA-DR") == [("HLA-DR", None)]
    assert parse_markers(None) == [] and parse_markers("") == []
