import sys
import pytest
from pathlib import Path

# the package from this checkout (tests run without installing it)
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def cli_path():
    """The nmmfit executable of the same build as the library under test (beside NMMFIT_LIB),
    else the repository's release, then debug build; skips when none is built."""
    import os
    from pathlib import Path
    candidates = []
    if os.environ.get("NMMFIT_LIB"):
        candidates.append(Path(os.environ["NMMFIT_LIB"]).resolve().parent / "nmmfit")
    repo = Path(__file__).resolve().parents[2]
    candidates += [repo / ".build" / "release" / "nmmfit", repo / ".build" / "debug" / "nmmfit"]
    for c in candidates:
        if c.is_file():
            return c
    pytest.skip("the nmmfit CLI is not built")
