"""Builds the engine library (libnmmfit_c, `swift build -c release --product nmmfit_c`) and puts it
into the package (nmmfit/_lib/), so that `pip install ./python` is the one install command.

Set NMMFIT_SKIP_SWIFT_BUILD=1 to package an already built library (then it is copied from
.build/release/ when present; or point NMMFIT_LIB at one at run time).
"""
import os
import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
LIB = "libnmmfit_c.dylib" if sys.platform == "darwin" else "libnmmfit_c.so"


class BuildWithEngine(build_py):
    def run(self):
        super().run()
        if (ROOT / "Package.swift").is_file():
            if not os.environ.get("NMMFIT_SKIP_SWIFT_BUILD"):
                subprocess.check_call(["swift", "build", "-c", "release", "--product", "nmmfit_c"], cwd=ROOT)
            built = ROOT / ".build" / "release" / LIB
            if built.is_file():
                # into the build tree only (the checkout keeps finding its own fresh .build/release)
                target = Path(self.build_lib) / "nmmfit" / "_lib"
                target.mkdir(parents=True, exist_ok=True)
                shutil.copy2(built, target / LIB)


setup(cmdclass={"build_py": BuildWithEngine})
