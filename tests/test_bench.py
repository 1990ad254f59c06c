"""The benchmark runs end to end at a tiny size (so that it does not rot). No timing is asserted."""
from __future__ import annotations

import pytest

import json
import re

from kumppanuus.bench import run

from conftest import ROOT


@pytest.mark.build
def test_benchmark_runs_end_to_end_at_a_tiny_size(tmp_path):
    # Lighthouse runs only in `make bench` (it takes half a minute a page)
    results = run(sizes=(3,), runs=1, out_dir=tmp_path, root=ROOT, weight=True, lighthouse_runs=False, questions=2)
    saved = json.loads((tmp_path / "latest.json").read_text(encoding="utf-8"))
    assert saved["scaling"][0]["extra_cases"] == 3
    assert saved["build"]["runs"] == 1 and saved["pages"] > 30
    assert set(saved["page_weight"]) == {"home", "case", "steps"}
    assert all(w["requests"] > 0 and w["bytes"] > 0 for w in saved["page_weight"].values())
    assert saved["warm_rebuild_s"] is not None
    assert "lighthouse" not in saved
    assert set(saved["search_6_cases"]) == {"fi", "sv", "en"} and "search_9_cases" in saved
    assert {lang: q["questions"] for lang, q in saved["search_quality"].items()} == {"fi": 2, "sv": 2, "en": 2}
    table = (tmp_path / "latest.md").read_text(encoding="utf-8")
    assert "full 3-language build" in table and "+3 synthetic cases" in table
    assert results["pages"] == saved["pages"]


def test_the_committed_baseline_records_every_target():
    """bench/BASELINE.md is the record a reviewer reads: each target with a measured figure."""
    text = (ROOT / "bench" / "BASELINE.md").read_text(encoding="utf-8")
    for target in ("full 3-language build", "1,000 cases", "first view", "first query", "Lighthouse"):
        row = next((line for line in text.splitlines() if line.startswith("| ") and target in line), None)
        assert row, f"no row for {target!r}"
        assert re.search(r"\d", row.split("|")[2]), f"no measured figure for {target!r}: {row}"
        assert row.rstrip(" |").split("|")[-1].strip(), f"met or not is not said for {target!r}"
