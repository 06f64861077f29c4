"""Data export: CSV and JSON hold exactly what the records hold; failed writes leave nothing."""

import csv
import json
import os

import pytest

from kvviz.atomic_file import OutputError, write_atomic
from kvviz.core.config import ModelConfig
from kvviz.core.engine import Engine
from kvviz.core.metrics import metrics_row, write_csv, write_json
from kvviz.core.run import Run, RunSpec, build_run
from kvviz.core.serialize import record_to_dict


@pytest.fixture(scope="module")
def records():
    run = Run(Engine(ModelConfig(n_heads=4, n_kv_heads=2), "export me"))
    run.seek(5)
    return run.history


def test_csv_rows_equal_records(tmp_path, records):
    path = tmp_path / "m.csv"
    write_csv(records, path)
    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == len(records)
    for row, record in zip(rows, records, strict=True):
        assert int(row["step"]) == record.step and row["phase"] == record.phase.value
        assert int(row["cached_flops_total"]) == record.cached.flops.total
        assert int(row["uncached_flops_qk"]) == record.uncached.flops.qk
        assert float(row["cached_time_s"]) == record.cached.time_s
        assert int(row["cache_bytes_used"]) == record.cache_bytes_used
        assert {k: str(v) if v is not None else "" for k, v in metrics_row(record).items()} == row


def test_json_equals_records(tmp_path, records):
    path = tmp_path / "m.json"
    write_json(records, path)
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["prompt"] == "export me"
    assert document["config"] == records[0].config.to_dict()
    assert document["steps"] == [json.loads(json.dumps(record_to_dict(r))) for r in records]


def test_written_files_get_the_usual_permissions(tmp_path):
    path = write_atomic(tmp_path / "m.csv", lambda p: p.write_text("x"))
    mask = os.umask(0)
    os.umask(mask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~mask


def test_failed_write_leaves_no_partial_file(tmp_path):
    target = tmp_path / "out.csv"
    target.write_text("old")

    def explode(path):
        path.write_text("half")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        write_atomic(target, explode)
    assert target.read_text() == "old"
    assert os.listdir(tmp_path) == ["out.csv"]


def test_unwritable_paths_are_explained(tmp_path):
    with pytest.raises(OutputError, match="does not exist"):
        write_atomic(tmp_path / "missing" / "x.csv", lambda p: None)
    with pytest.raises(OutputError, match="is a folder"):
        write_atomic(tmp_path, lambda p: None)
    with pytest.raises(OutputError, match=r"(not writable|cannot create)"):
        write_atomic("/proc/kvviz-export.csv", lambda p: None)  # a folder no one, not even root, writes to


def test_a_run_without_the_uncached_pass_exports_not_computed_not_numbers(tmp_path):
    spec = RunSpec(config=ModelConfig(context_length=32), prompt="no reference", weights="random", uncached="off")
    run = build_run(spec)
    run.seek(2)
    write_csv(run.history, tmp_path / "m.csv")
    write_json(run.history, tmp_path / "m.json")
    with (tmp_path / "m.csv").open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        assert row["uncached_flops_total"] == row["uncached_time_s"] == row["max_abs_logit_diff"] == ""
        assert row["uncached_off"] == "switched off by the user"
        assert row["agreement"].startswith("uncached pass not computed (switched off by the user)")
    for step in json.loads((tmp_path / "m.json").read_text(encoding="utf-8"))["steps"]:
        assert step["uncached"] is None and step["recompute_max_abs_diff"] is None
        assert step["uncached_off"] == "switched off by the user"
