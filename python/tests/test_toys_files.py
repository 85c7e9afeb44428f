"""Toys files of interval, significance and sensitivity from Python (``toys_dir``, ``save_toys``,
``from_toys``): the CLI's numbers for the same seeds and files, a file cut short resumed to the
uninterrupted numbers and bytes, and bad files refused with an error naming them.

The CLI runs in a child process here only to produce the reference (test_cli_parity.py)."""
import json
import re
import shutil
from pathlib import Path

import pytest

from test_cli_parity import cli_json, same

import nmmfit
from nmmfit import NMMFitError

# a small Feldman–Cousins construction: 5 points on 0…4 × 10⁻¹¹ μB (the XENON1T interval
# [1.60, 3.05] × 10⁻¹¹ μB holds two of them), 12 toys each, one refinement point at each end
FC = dict(method="feldman-cousins", toys=12, seed=2, grid_points=5, grid_max_muB=4e-11, refine=1)
FC_CLI = ["interval", "--method", "feldman-cousins", "--toys", "12", "--seed", "2", "--grid-points", "5", "--grid-max", "4e-11",
          "--refine", "1"]


def same_toys(a: Path, b: Path) -> bool:
    """Two toys files of one study with the same toys, byte for byte, and the same header but for
    its ``provenance`` (the command line that wrote each: the CLI's, or the Python request)."""
    ha, *ra = Path(a).read_bytes().split(b"\n", 1)
    hb, *rb = Path(b).read_bytes().split(b"\n", 1)
    da, db = json.loads(ha), json.loads(hb)
    assert "command" in da["provenance"] and "command" in db["provenance"]
    assert da["provenance"]["data_digests"] == db["provenance"]["data_digests"]
    da.pop("provenance"), db.pop("provenance")
    return da == db and ra == rb


def cut(path: Path, keep_lines: int) -> str:
    """Cuts a JSON-lines file after `keep_lines` lines and half of the next (as a killed run
    leaves it); returns the whole text it had."""
    text = path.read_text()
    lines = text.splitlines(keepends=True)
    assert len(lines) > keep_lines + 1
    path.write_text("".join(lines[:keep_lines]) + lines[keep_lines][: len(lines[keep_lines]) // 2])
    return text


@pytest.fixture(scope="module")
def fc(tmp_path_factory):
    """The construction with its point toys kept, from Python and from the CLI."""
    d = tmp_path_factory.mktemp("fc")
    py = nmmfit.interval(**FC, threads=2, toys_dir=d / "py")
    cli = cli_json(*FC_CLI, "--threads", "1", "--toys-dir", str(d / "cli"))
    return d, py, cli


def test_interval_toys_dir_equals_the_cli(fc):
    d, py, cli = fc
    assert py.method == "feldman-cousins" and py.raw["output"]["interval_method"] == "feldman-cousins"
    assert same(cli, py.raw["output"]) > 40
    names = sorted(p.name for p in (d / "cli").iterdir())
    assert names == sorted(p.name for p in (d / "py").iterdir())
    assert len(names) == len(py.feldman_cousins["points"]) >= 5
    for n in names:  # the same toys files, byte for byte
        assert same_toys(d / "py" / n, d / "cli" / n), n
        assert len((d / "py" / n).read_text().splitlines()) == 1 + 12


def test_interval_toys_dir_resumes_a_cut_point_file(fc, tmp_path):
    d, py, _ = fc
    shutil.copytree(d / "py", tmp_path / "dir")
    files = sorted((tmp_path / "dir").iterdir())
    whole = cut(files[2], 1 + 5)  # header and 5 of its 12 toys, then half a line
    files[-1].unlink()            # and one point not run at all
    again = nmmfit.interval(**FC, toys_dir=tmp_path / "dir")
    assert again.raw["output"] == py.raw["output"] and again.interval_muB == py.interval_muB
    assert files[2].read_text() == whole
    assert same_toys(files[-1], d / "py" / files[-1].name)


def test_interval_from_toys_equals_the_cli_and_digests_the_files(fc):
    d, _, _ = fc
    cli = cli_json("interval", "--method", "feldman-cousins", "--from-toys", str(d / "cli"))
    py = nmmfit.interval(from_toys=d / "cli")  # method: feldman-cousins with from_toys
    assert py.method == "feldman-cousins"
    assert same(cli, py.raw["output"]) > 40
    toy_files = py.raw["output"]["feldman_cousins"]["toy_files"]
    assert toy_files == cli["feldman_cousins"]["toy_files"] and len(toy_files) >= 5
    assert py.raw["provenance"]["data_digests"] == cli["data_digests"]
    assert set(toy_files) <= set(py.raw["provenance"]["data_digests"])
    # on a model handle too: the files this request read, beside the model's data files
    with nmmfit.Model() as m:
        assert m.interval(from_toys=toy_files).raw["provenance"]["data_digests"] == cli["data_digests"]


def test_significance_save_toys_and_from_toys_equal_the_cli(tmp_path):
    cli = cli_json("significance", "--toys", "16", "--seed", "3", "--threads", "1", "--save-toys", str(tmp_path / "cli.jsonl"))
    py = nmmfit.significance(16, 3, threads=2, save_toys=tmp_path / "py.jsonl")
    assert same(cli, py.raw["output"]) >= 8
    assert py.n_toys == cli["toys"] == 16 and py.p_value_toys == cli["p_value_toys"]
    assert py.toys["pValue"] == py.p_value_toys and py.toys_exceeding == cli["toys_exceeding"]
    assert same_toys(tmp_path / "py.jsonl", tmp_path / "cli.jsonl")
    cli_from = cli_json("significance", "--from-toys", str(tmp_path / "cli.jsonl"))
    py_from = nmmfit.significance(from_toys=tmp_path / "cli.jsonl")
    assert same(cli_from, py_from.raw["output"]) >= 8 and py_from.p_value_toys == py.p_value_toys
    assert py_from.raw["provenance"]["data_digests"] == cli_from["data_digests"]
    assert str(tmp_path / "cli.jsonl") in py_from.raw["provenance"]["data_digests"]


def test_significance_resumes_a_cut_save_toys_file(tmp_path):
    f = tmp_path / "q0.jsonl"
    whole = nmmfit.significance(16, 5, save_toys=f)
    text = cut(f, 1 + 6)
    again = nmmfit.significance(16, 5, save_toys=f)
    assert again.raw["output"] == whole.raw["output"] and f.read_text() == text
    # complete: read back, nothing run again
    assert nmmfit.significance(16, 5, save_toys=f).raw["output"] == whole.raw["output"] and f.read_text() == text


def test_sensitivity_save_toys_equals_the_cli_and_resumes(tmp_path):
    cli = cli_json("sensitivity", "--toys", "6", "--seed", "4", "--threads", "1", "--save-toys", str(tmp_path / "cli.jsonl"))
    py = nmmfit.sensitivity(toys=6, seed=4, threads=2, save_toys=tmp_path / "py.jsonl")
    assert same(cli, py.raw["output"]) >= 10 and py.toys == 6
    assert same_toys(tmp_path / "py.jsonl", tmp_path / "cli.jsonl")
    text = cut(tmp_path / "py.jsonl", 1 + 2)
    again = nmmfit.sensitivity(toys=6, seed=4, save_toys=tmp_path / "py.jsonl")
    assert again.raw["output"] == py.raw["output"] and list(again.band_muB) == list(py.band_muB)
    assert (tmp_path / "py.jsonl").read_text() == text
    # force starts afresh: the same study again, the same toys (the header names this request)
    shutil.copy(tmp_path / "py.jsonl", tmp_path / "before.jsonl")
    assert nmmfit.sensitivity(toys=6, seed=4, save_toys=tmp_path / "py.jsonl", force=True).raw["output"] == py.raw["output"]
    assert same_toys(tmp_path / "py.jsonl", tmp_path / "before.jsonl")


@pytest.fixture(scope="module")
def files(tmp_path_factory, fc):
    """A background-only q0 toys file, a sensitivity toys file and a t̃ point file."""
    d = tmp_path_factory.mktemp("files")
    nmmfit.significance(12, 7, save_toys=d / "q0.jsonl")
    nmmfit.sensitivity(toys=5, seed=7, save_toys=d / "sens.jsonl")
    return {"q0": d / "q0.jsonl", "sens": d / "sens.jsonl", "t": sorted((fc[0] / "py").iterdir())[1], "dir": d}


BAD = [
    # (what, call given the files, the file the message must name)
    ("t study as the significance's toys", lambda f: nmmfit.significance(from_toys=f["t"]), "t"),
    ("sensitivity file as the significance's toys", lambda f: nmmfit.significance(from_toys=f["sens"]), "sens"),
    ("q0 study as Feldman–Cousins toys", lambda f: nmmfit.interval(from_toys=f["q0"]), "q0"),
    ("another model's toys", lambda f: nmmfit.significance(from_toys=f["q0"], datasets="xenonnt_sr0"), "q0"),
    ("a save_toys file of another seed", lambda f: nmmfit.significance(12, 8, save_toys=f["q0"]), "q0"),
    ("a q0 file as the sensitivity's", lambda f: nmmfit.sensitivity(toys=5, seed=7, save_toys=f["q0"]), "q0"),
    ("a sensitivity file of other toys", lambda f: nmmfit.sensitivity(toys=6, seed=7, save_toys=f["sens"]), "sens"),
    ("a missing toys file", lambda f: nmmfit.significance(from_toys=f["dir"] / "missing.jsonl"), "missing"),
    ("a missing Feldman–Cousins file", lambda f: nmmfit.interval(from_toys=[f["t"], f["dir"] / "missing.jsonl"]), "missing"),
    ("a file as toys_dir", lambda f: nmmfit.interval(**FC, toys_dir=f["q0"]), "q0"),
]


@pytest.mark.parametrize("what,call,named", BAD, ids=[b[0] for b in BAD])
def test_bad_toys_files_raise_an_error_naming_the_file(files, what, call, named):
    before = {k: p.read_bytes() for k, p in files.items() if k != "dir"}
    path = files[named] if named in files else files["dir"] / f"{named}.jsonl"
    with pytest.raises(NMMFitError, match=re.escape(str(path))):
        call(files)
    # a refused file is left as it was
    assert {k: p.read_bytes() for k, p in files.items() if k != "dir"} == before


def test_arguments_that_would_not_act_are_refused(files):
    with pytest.raises(NMMFitError, match="from_toys"):
        nmmfit.significance(10, from_toys=files["q0"])
    with pytest.raises(NMMFitError, match="save_toys"):
        nmmfit.significance(save_toys=files["dir"] / "x.jsonl")
    with pytest.raises(NMMFitError, match="from_toys"):
        nmmfit.interval(method="wilks", from_toys=files["t"])
    with pytest.raises(NMMFitError, match="toys_dir"):
        nmmfit.interval(toys_dir=files["dir"] / "fc")
    with pytest.raises(NMMFitError, match="seed"):
        nmmfit.interval(seed=3, from_toys=files["t"])
    assert not (files["dir"] / "x.jsonl").exists() and not (files["dir"] / "fc").exists()
