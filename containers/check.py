#!/usr/bin/env python3
"""
Checks the container recipes without Docker or Apptainer (CI runs it; neither is needed):

- containers/Dockerfile parses (instructions with line continuations, JSON-form CMD), builds on
  the official Swift image for Debian (a `-bookworm` tag), installs what
  scripts/ensure-deps.sh installs (libgsl-dev, pkg-config), runs `make build` (the first step
  of `make fit`) and `make python` in a virtual environment first on PATH and runs README's first quick-start command, `make fit`, by default; its
  usage lines show `docker run ... make test`, README's second command;
- containers/nmmfit.def parses (header keys, %sections), bootstraps from the same image,
  installs the same Debian packages, runs `make build` and `make python` with pip in a virtual
  environment first on PATH (Debian 12's pip refuses other installs, PEP 668), and its runscript runs exactly the
  nmmfit command of the Makefile's `fit` target;
- README's quick start is still `make fit` and `make test`, and README has a Containers
  section naming both files.

Exit status 0 when every check holds, 1 with one line per failed check otherwise.
Run: python3 containers/check.py   (from anywhere)
"""

import json
import re
import shlex
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
failures = []


def check(ok, message):
    if not ok:
        failures.append(message)


def readme_quick_start():
    """The commands of README's first ```sh block under '## Quick start'."""
    text = (ROOT / "README.md").read_text()
    section = text.split("## Quick start", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.S).group(1)
    return [line.split("#", 1)[0].strip() for line in block.splitlines() if line.split("#", 1)[0].strip()]


def makefile_fit_command():
    """The nmmfit arguments of the Makefile's `fit` target (`$(SWIFT) run -c $(CONFIG) nmmfit ...`)."""
    text = (ROOT / "Makefile").read_text()
    recipe = re.search(r"^fit:.*\n\t(.*)$", text, re.M).group(1)
    words = shlex.split(recipe)
    return words[words.index("nmmfit") + 1:]


def dockerfile(path):
    """[(INSTRUCTION, arguments)] with comments dropped and continuation lines joined."""
    out, current = [], ""
    for raw in path.read_text().splitlines():
        line = raw.strip()
        if not current and (not line or line.startswith("#")):
            continue
        if line.startswith("#"):
            continue
        if line.endswith("\\"):
            current += line[:-1] + " "
            continue
        current += line
        word, _, rest = current.partition(" ")
        out.append((word.upper(), rest.strip()))
        current = ""
    check(not current, f"{path}: a continued line never ends")
    return out


def apptainer_definition(path):
    """(header {key: value}, sections {name: [lines]}) of an Apptainer definition file."""
    header, sections, name = {}, {}, None
    for raw in path.read_text().splitlines():
        line = raw.strip()
        if line.startswith("%"):
            name = line[1:].split()[0]
            sections[name] = []
        elif name is not None:
            if line and not line.startswith("#"):
                sections[name].append(line)
        elif line and not line.startswith("#"):
            key, sep, value = line.partition(":")
            check(sep == ":", f"{path}: header line '{line}' is not 'Key: value'")
            header[key.strip()] = value.strip()
    return header, sections


def main():
    quick = readme_quick_start()
    check(quick == ["make fit", "make test"], f"README quick start is {quick}, expected ['make fit', 'make test']")
    fit_args = makefile_fit_command()

    # Dockerfile
    dpath = ROOT / "containers" / "Dockerfile"
    ins = dockerfile(dpath)
    kinds = [k for k, _ in ins]
    known = {"ARG", "FROM", "RUN", "WORKDIR", "COPY", "ENV", "CMD", "LABEL", "ENTRYPOINT"}
    check(all(k in known for k in kinds), f"{dpath}: unknown instruction among {kinds}")
    args = dict(a.split("=", 1) for k, a in ins if k == "ARG" and "=" in a)
    image = args.get("SWIFT_IMAGE", "")
    froms = [a for k, a in ins if k == "FROM"]
    check(froms == ["${SWIFT_IMAGE}"], f"{dpath}: FROM is {froms}, expected ${{SWIFT_IMAGE}}")
    check(re.fullmatch(r"swift:6(\.\d+)*-bookworm", image) is not None, f"{dpath}: SWIFT_IMAGE '{image}' is not an official Swift 6 Debian (bookworm) image")
    runs = " && ".join(a for k, a in ins if k == "RUN")
    for pkg in ("libgsl-dev", "pkg-config"):
        check(pkg in runs, f"{dpath}: does not install {pkg} (scripts/ensure-deps.sh does)")
    check("make build" in runs, f"{dpath}: does not run `make build`")
    # pip on Debian 12 needs a virtual environment (PEP 668) for make test's modules and make python
    envs = " ".join(a for k, a in ins if k == "ENV")
    check("python3 -m venv /opt/nmmfit-venv" in runs and "PATH=/opt/nmmfit-venv/bin:" in envs,
          f"{dpath}: no virtual environment first on PATH (Debian 12's pip refuses installs outside one: make test, make python)")
    check("make python" in runs, f"{dpath}: does not run `make python` (README's Python install)")
    cmds = [a for k, a in ins if k == "CMD"]
    check(len(cmds) == 1, f"{dpath}: expected one CMD, found {len(cmds)}")
    if cmds:
        cmd = " ".join(json.loads(cmds[0]))
        check(cmd == quick[0], f"{dpath}: CMD runs '{cmd}', README's quick start begins with '{quick[0]}'")
    usage = [l for l in dpath.read_text().splitlines() if l.startswith("#") and "docker run" in l]
    check(any(l.split("#")[1].strip().endswith(quick[1]) for l in usage),
          f"{dpath}: no usage line runs README's '{quick[1]}' (docker run ... {quick[1]})")

    # Apptainer definition
    apath = ROOT / "containers" / "nmmfit.def"
    header, sections = apptainer_definition(apath)
    check(header.get("Bootstrap") == "docker", f"{apath}: Bootstrap is {header.get('Bootstrap')}, expected docker")
    check(header.get("From") == image, f"{apath}: From '{header.get('From')}' differs from the Dockerfile's image '{image}'")
    for s in ("files", "post", "environment", "runscript", "test"):
        check(s in sections, f"{apath}: no %{s} section")
    post = " ".join(sections.get("post", []))
    for pkg in ("libgsl-dev", "pkg-config"):
        check(pkg in post, f"{apath}: %post does not install {pkg}")
    check("make build" in post, f"{apath}: %post does not run `make build`")
    check("python3 -m venv /opt/nmmfit-venv" in post and "make python" in post,
          f"{apath}: %post does not create the virtual environment and run `make python`")
    check(any("PATH=/opt/nmmfit-venv/bin:" in l for l in sections.get("environment", [])),
          f"{apath}: %environment does not put the virtual environment first on PATH")
    run = sections.get("runscript", [])
    default = next((l for l in run if l.startswith("if ") and "set --" in l), "")
    default_args = shlex.split(default.split("set --", 1)[1].split(";")[0]) if default else []
    check(default_args == fit_args, f"{apath}: runscript's default arguments {default_args} are not the Makefile's fit command {fit_args}")
    check(any(l.startswith('exec nmmfit "$@"') for l in run), f"{apath}: runscript does not exec nmmfit with its arguments")
    test = " ".join(sections.get("test", []))
    check("nmmfit " + " ".join(fit_args) in test, f"{apath}: %test does not run the fit of `make fit`")

    # README documents both
    readme = (ROOT / "README.md").read_text()
    check("containers/Dockerfile" in readme and "containers/nmmfit.def" in readme, "README does not name containers/Dockerfile and containers/nmmfit.def")

    for f in failures:
        print(f"containers/check.py: {f}", file=sys.stderr)
    if not failures:
        print(f"containers: Dockerfile ({len(ins)} instructions, image {image}) and nmmfit.def ({len(sections)} sections) run README's {quick}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
