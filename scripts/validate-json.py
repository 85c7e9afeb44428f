#!/usr/bin/env python3
"""Validates JSON documents against nmmfit's schemas (JSON Schema draft 2020-12):

    python3 scripts/validate-json.py SCHEMA_NAME FILE [FILE ...]
    python3 scripts/validate-json.py --lines header|records SCHEMA_NAME FILE [FILE ...]

With --lines the files are JSON lines (a toys file): `header` validates the first line, `records`
every other line.

SCHEMA_NAME is the file name in schemas/ without .schema.json (e.g. fit). References between the
schemas (e.g. fit-element → fit) are resolved from schemas/ itself, never fetched. Prints one
line per error (file, JSON path, message) and exits 1 when any document is invalid, 0 otherwise.
Needs the Python package jsonschema (pip install jsonschema, or Debian python3-jsonschema).
"""
import glob, json, os, sys

from jsonschema import Draft202012Validator


def all_schemas(folder):
    schemas = {}
    for path in glob.glob(os.path.join(folder, "*.schema.json")):
        schema = json.load(open(path, encoding="utf-8"))
        Draft202012Validator.check_schema(schema)
        schemas[schema["$id"]] = schema
    return schemas


def validator_for(schema, schemas):
    try:  # jsonschema >= 4.18
        from referencing import Registry, Resource
        registry = Registry().with_resources((i, Resource.from_contents(s)) for i, s in schemas.items())
        return Draft202012Validator(schema, registry=registry)
    except ImportError:  # older jsonschema (e.g. Debian bookworm's 4.10)
        from jsonschema import RefResolver
        return Draft202012Validator(schema, resolver=RefResolver(schema["$id"], schema, store=schemas))


def documents(path, lines):
    """(label, document) pairs of a file: the whole file, or lines of a JSON-lines file."""
    if lines is None:
        yield path, json.load(open(path, encoding="utf-8"))
        return
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if (number == 1) == (lines == "header"):
                yield "%s:%d" % (path, number), json.loads(line)


def main():
    lines = None
    if len(sys.argv) > 2 and sys.argv[1] == "--lines":
        lines = sys.argv[2]
        del sys.argv[1:3]
        if lines not in ("header", "records"):
            sys.exit(__doc__)
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    folder = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "schemas")
    schema = json.load(open(os.path.join(folder, sys.argv[1] + ".schema.json"), encoding="utf-8"))
    validator = validator_for(schema, all_schemas(folder))
    bad = 0
    for path in sys.argv[2:]:
        for label, doc in documents(path, lines):
            for e in sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path)):
                bad += 1
                where = "/".join(str(p) for p in e.absolute_path) or "(top)"
                print("%s: %s: %s" % (label, where, e.message))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
