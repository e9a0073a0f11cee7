"""`make accuracy`: how a report is scored against its truth, the thresholds, and the sets it
finds (the real one only where it lies beside the checkout)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench import accuracy
from bench.accuracy import METADATA, REAL_STATUS, Score, Stored, score

TRUTH = {
    "agency": "望江县教育局", "year": 2022, "template": "2021", "script": "simplified",
    "region": {"province": "安徽省", "city": "安庆市", "county": "望江县", "adcode": "340827"},
    "published_on": "2023-01-15",
    "applications": {"new_received": {"natural_person": 4, "total": 4}},
    "review_litigation": {"admin_reconsideration": {"upheld": None, "total": 0}},
    "proactive": {"fees": {"amount_10k_yuan": 12.5}},
}


def stored(**changes: object) -> Stored:
    meta = {key: TRUTH[key] for key in METADATA if key in TRUTH}
    meta.update(TRUTH["region"])
    cells = {("applications", "new_received", "natural_person"): 4.0,
             ("applications", "new_received", "total"): 4.0,
             ("review_litigation", "admin_reconsideration", "upheld"): None,
             ("review_litigation", "admin_reconsideration", "total"): 0.0,
             ("proactive", "fees", "amount_10k_yuan"): 12.500000000001}
    cells.update(changes.pop("cells", {}))  # type: ignore[arg-type]
    meta.update(changes)
    return Stored(meta, "valid", cells, [])


def test_an_exact_report() -> None:
    s = score("r", "seed", TRUTH, stored(), "valid")
    assert (s.cells_right, s.cells_expected, s.extra) == (5, 5, 0)
    assert s.wrong_metadata == [] and s.exact


def test_wrong_absent_and_extra_cells_and_named_metadata() -> None:
    s = score("r", "seed", TRUTH, stored(
        agency="为", adcode="500200",
        cells={("applications", "new_received", "total"): 5.0,
               ("review_litigation", "admin_reconsideration", "upheld"): 0.0,
               ("applications", "carried_over", "total"): 1.0,
               ("applications", "carried_over", "natural_person"): None}), "flagged")
    # total 5 for 4, and 0 where the source is blank; a number the truth lacks is extra,
    # a NULL it lacks is not.
    assert (s.cells_right, s.cells_expected, s.extra) == (3, 5, 1)
    assert [m.split("=")[0] for m in s.wrong_metadata] == ["agency", "adcode"]
    assert s.status_expected == "flagged" and s.status_got == "valid" and not s.exact


def test_a_cell_the_warehouse_lacks_is_wrong_even_when_the_truth_is_blank() -> None:
    s = score("r", "seed", TRUTH, stored(), "valid")
    del_key = ("review_litigation", "admin_reconsideration", "upheld")
    missing = stored()
    del missing.cells[del_key]
    assert score("r", "seed", TRUTH, missing, "valid").cells_right == s.cells_right - 1


def test_a_municipality_may_name_itself_as_city() -> None:
    truth = {**TRUTH, "region": {"province": "上海市", "city": None, "county": None,
                                 "adcode": "310000"}}
    for city in (None, "上海市"):
        s = score("r", "real", truth, stored(province="上海市", city=city, county=None,
                                             adcode="310000"), "valid")
        assert s.wrong_metadata == []
    s = score("r", "real", truth, stored(province="上海市", city="重庆市", county=None,
                                         adcode="310000"), "valid")
    assert [m.split("=")[0] for m in s.wrong_metadata] == ["city"]


def test_a_file_missing_from_the_warehouse_is_wrong_everywhere() -> None:
    s = score("r", "seed", TRUTH, None, "valid")
    assert s.status_got == "missing" and s.cells_right == 0
    assert len(s.wrong_metadata) == len(METADATA)


def test_thresholds_name_what_is_missed() -> None:
    assert accuracy._misses("real", 1.0, 1.0, True) == []
    assert accuracy._misses("real", 0.99, 1.0, False) == [
        "real: cells 99.000% < 100.0%", "real: not every status as expected"]
    # The synthetic set has no metadata or status threshold.
    assert accuracy._misses("synthetic", 0.999, 0.5, False) == []
    assert accuracy._misses("synthetic", 0.9989, 1.0, True) == [
        "synthetic: cells 99.890% < 99.9%"]


def test_the_seeds_are_read_exactly(tmp_path: Path, seed_dir: Path, golden_dir: Path) -> None:
    scores = accuracy.measure_seeds(seed_dir, golden_dir, tmp_path)
    assert [s.name for s in scores] == sorted(p.stem for p in golden_dir.glob("*.json"))
    assert sum(s.cells_expected for s in scores) == 992
    assert all(s.exact for s in scores), [s for s in scores if not s.exact]


def test_without_the_real_set_it_says_so_in_one_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("REALWORLD_DIR", str(tmp_path / "nowhere"))
    monkeypatch.chdir(tmp_path)  # no seeds here either: only the real set is asked for
    assert accuracy.main(["--only", "real", "--json", str(tmp_path / "scores.json")]) == 0
    assert json.loads((tmp_path / "scores.json").read_text(encoding="utf-8")) == {}
    out = capsys.readouterr().out.strip().split("\n")
    assert out[0] == (f"real reports not found at {tmp_path / 'nowhere'} "
                      "(set REALWORLD_DIR): not measured")
    assert out[-1] == "every threshold met"


def test_a_small_synthetic_set_is_scored_per_kind(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # One round: every kind once.
    scores = accuracy.measure_synthetic(len(accuracy.DAMAGES) + 1, 0, tmp_path)
    kinds = {s.kind.split("/")[1] for s in scores}
    assert kinds == {"none", *accuracy.DAMAGES}
    undamaged = [s for s in scores if s.kind.endswith("/none")]
    assert undamaged and all(s.exact for s in undamaged)
    accuracy.print_set("synthetic", scores, by_report=False)
    table = capsys.readouterr().out
    assert "  none " in table and "  not_a_report " in table and "  layout pipes " in table


def test_the_real_set_matches_the_status_table(realworld_dir: Path) -> None:
    goldens = {p.stem: json.loads(p.read_text(encoding="utf-8"))
               for p in (realworld_dir / "golden").glob("*.json")}
    assert set(REAL_STATUS) <= set(goldens)
    for golden in goldens.values():
        assert (realworld_dir / "raw" / golden["file"]).is_file()


def test_every_score_is_written_as_json(tmp_path: Path, seed_dir: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(accuracy, "measure_seeds", lambda raw, golden, work: [
        Score("000", "seed", 198, 198, 0, status_expected="valid", status_got="valid")])
    out = tmp_path / "scores.json"
    assert accuracy.main(["--only", "seeds", "--json", str(out)]) == 0
    (seed,) = json.loads(out.read_text(encoding="utf-8"))["seeds"]
    assert (seed["name"], seed["cells_right"], seed["cells_expected"]) == ("000", 198, 198)


def test_scores_of_a_set_add_up() -> None:
    scores = [Score("a", "k", 3, 4, 1), Score("b", "k", 2, 2, 0)]
    assert accuracy._cells(scores) == (5, 7)


def test_an_issue_the_truth_names_must_be_in_the_warehouse() -> None:
    truth = {**TRUTH, "issues": ["parse_ocr_digit", "parse_group_subtotal"]}
    found = stored()
    found.issue_codes.update({"parse_ocr_digit", "parse_row_aligned"})
    s = score("r", "synthetic", truth, found, "valid")
    assert s.issues_missing == ["parse_group_subtotal"] and not s.exact
    found.issue_codes.add("parse_group_subtotal")
    assert score("r", "synthetic", truth, found, "valid").exact


def test_an_unscored_cell_is_neither_right_wrong_nor_extra() -> None:
    key = ["applications", "new_received", "total"]
    truth = {**TRUTH, "unscored": [key]}
    s = score("r", "synthetic", truth, stored(cells={tuple(key): 9.0}), "valid")
    assert (s.cells_right, s.cells_expected, s.extra) == (4, 4, 0) and s.exact
