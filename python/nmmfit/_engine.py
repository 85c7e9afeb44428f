"""Loading the Swift engine (``libnmmfit_c``) in process and calling it with JSON requests.

The library is found, in this order, at:

1. ``$NMMFIT_LIB`` (a path to ``libnmmfit_c.so`` / ``.dylib``);
2. ``nmmfit/_lib/`` inside this package (where ``pip install ./python`` and ``make python`` put it);
3. ``.build/release/`` then ``.build/debug/`` of the repository this package sits in.
"""
from __future__ import annotations

import ctypes
import json
import math
import os
import sys
import threading
import warnings
from pathlib import Path
from typing import Any

_NAMES = ["libnmmfit_c.dylib"] if sys.platform == "darwin" else ["libnmmfit_c.so"]
_lock = threading.Lock()
_lib: ctypes.CDLL | None = None


class NMMFitNote(UserWarning):
    """A note from the engine about a request that succeeded, e.g. an explicit ``cl`` that
    replaced a different confidence level saved in the spec."""


class NMMFitError(RuntimeError):
    """An error reported by the engine (bad input, a failed fit, …); ``kind`` is its type
    (``"input"`` for bad input)."""

    def __init__(self, message: str, kind: str = "input"):
        super().__init__(message)
        self.kind = kind


def library_path() -> Path:
    """The path of the engine library that is (or would be) loaded."""
    env = os.environ.get("NMMFIT_LIB")
    if env:
        p = Path(env)
        if not p.is_file():
            raise NMMFitError(f"NMMFIT_LIB={env}: no such file (point it at libnmmfit_c.so)")
        return p
    here = Path(__file__).resolve().parent
    candidates = [here / "_lib" / n for n in _NAMES]
    root = here.parent.parent
    for config in ("release", "debug"):
        candidates += [root / ".build" / config / n for n in _NAMES]
    for c in candidates:
        if c.is_file():
            return c
    raise NMMFitError(
        "the nmmfit engine library (libnmmfit_c) was not found; build and install it with "
        "`make python` in the repository, or set NMMFIT_LIB to its path. Looked at: "
        + ", ".join(str(c) for c in candidates)
    )


def _load() -> ctypes.CDLL:
    global _lib
    with _lock:
        if _lib is None:
            lib = ctypes.CDLL(str(library_path()))
            lib.nmmfit_call.argtypes = [ctypes.c_char_p]
            lib.nmmfit_call.restype = ctypes.c_void_p
            lib.nmmfit_free.argtypes = [ctypes.c_void_p]
            lib.nmmfit_free.restype = None
            lib.nmmfit_abi_version.restype = ctypes.c_int32
            if lib.nmmfit_abi_version() != 1:
                raise NMMFitError(f"libnmmfit_c has interface version {lib.nmmfit_abi_version()}, this package needs 1")
            _lib = lib
        return _lib


def _finite(x: Any) -> Any:
    """Turns the engine's "NaN"/"Infinity"/"-Infinity" strings back into floats."""
    if isinstance(x, str):
        return {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}.get(x, x)
    if isinstance(x, list):
        if not any(isinstance(v, (str, list, dict)) for v in x):
            return x  # a numeric column: nothing to convert
        return [_finite(v) for v in x]
    if isinstance(x, dict):
        return {k: _finite(v) for k, v in x.items()}
    return x


def call(command: str, **args: Any) -> Any:
    """Sends one request to the engine, in this process, and returns its result (decoded JSON).

    Keys whose value is None are left out (the engine's default applies). A result that is a
    dict carries ``provenance`` (``tool_version``, ``commit``, ``command``: this request,
    ``data_digests``: SHA-256 of every data file read, and ``spec_overrides``,
    ``digitised_datasets`` where they apply), as the CLI's ``--json`` outputs do.
    Raises :class:`NMMFitError` with the engine's message when the request fails.
    """
    lib = _load()
    request = json.dumps({"command": command, "args": {k: v for k, v in args.items() if v is not None}})
    ptr = lib.nmmfit_call(request.encode("utf-8"))
    if not ptr:
        raise NMMFitError("the engine returned no answer", kind="internal")
    try:
        text = ctypes.string_at(ptr).decode("utf-8")
    finally:
        lib.nmmfit_free(ptr)
    answer = json.loads(text)
    if not answer.get("ok"):
        err = answer.get("error", {})
        raise NMMFitError(err.get("message", "unknown error"), kind=err.get("type", "internal"))
    for note in answer.get("notes", []):
        warnings.warn(note, NMMFitNote, stacklevel=2)
    result = _finite(answer["result"])
    # where the answer came from, as in every --json output of the CLI: tool_version, commit,
    # command (this request), data_digests (SHA-256 of every data file read), spec_overrides, …
    if isinstance(result, dict) and answer.get("provenance") and "provenance" not in result:
        result["provenance"] = answer["provenance"]
    return result
