"""Toys files written from Python say where their toys came from, as the CLI's do: the header's
``provenance`` (command, data_digests, spec_overrides); a sharded study's command leaves out the
shard arguments and the file written, so that the shards, their merge and one run agree."""
import hashlib
import json
from pathlib import Path

import nmmfit

DATA = Path(__file__).resolve().parents[2] / "data"


def header(path):
    return json.loads(Path(path).read_text().splitlines()[0])


def test_coverage_shards_carry_the_study_provenance_and_each_run_its_request(tmp_path):
    shards = [str(tmp_path / f"c{i}.jsonl") for i in range(2)]
    for i, f in enumerate(shards):
        nmmfit.write_coverage_toys(f, 1e-11, toys=10, shard=i, nshards=2, seed=5, threads=1)
    p = header(shards[1])["provenance"]
    assert p["command"].startswith("nmmfit (Python package): coverage {")
    args = json.loads(p["command"].split(" ", 4)[4])
    assert "shard" not in args and "nshards" not in args and "write_toys" not in args and args["seed"] == 5
    assert header(shards[0])["provenance"] == p
    run = header(shards[1])["runs"][0]
    assert json.loads(run["command"].split(" ", 4)[4])["shard"] == 1
    # every digest is the file's SHA-256
    assert p["data_digests"]
    for name, digest in p["data_digests"].items():
        assert hashlib.sha256((DATA / name).read_bytes()).hexdigest() == digest, name
    merged = str(tmp_path / "m.jsonl")
    nmmfit.merge_toys(shards, merged)
    assert header(merged)["provenance"] == p


def test_saved_compare_toys_record_the_request_and_its_spec_changes(tmp_path):
    f = str(tmp_path / "compare.jsonl")
    nmmfit.compare("mu_nu", toys=5, seed=4, threads=1, save_toys=f,
                   overrides=["xenon1t_sr1.exposure_tonne_year=0.65"])
    p = header(f)["provenance"]
    assert p["spec_overrides"] == ["xenon1t_sr1.exposure_tonne_year=0.65"]
    assert set(p["data_digests"]) >= {"xenon1t_sr1/dataset.json", "xenon1t_sr1/binned.csv"}
    # the request without the file's own name (a resumed file equals an uninterrupted one)
    assert p["command"].startswith("nmmfit (Python package): compare {") and '"save_toys"' not in p["command"]


def test_significance_sensitivity_and_interval_files_record_the_request(tmp_path):
    m = nmmfit.Model()
    sig, sens, fc = str(tmp_path / "q0.jsonl"), str(tmp_path / "limits.jsonl"), tmp_path / "fc"
    m.significance(toys=20, seed=3, save_toys=sig)
    m.sensitivity(toys=5, seed=2, save_toys=sens)
    m.interval(method="feldman-cousins", toys=20, grid_points=3, seed=4, toys_dir=str(fc), threads=1)
    point = sorted(fc.iterdir())[0]
    for f, command in [(sig, "significance"), (sens, "sensitivity"), (point, "interval")]:
        p = header(f)["provenance"]
        assert p["command"].startswith(f"nmmfit (Python package): {command} {{"), f
        # the file's own name is left out, so a resumed file equals an uninterrupted one
        assert str(tmp_path) not in p["command"], f
        assert set(p["data_digests"]) >= {"xenon1t_sr1/dataset.json"}, f
