#!/usr/bin/env python3
"""Validates JSON documents against nmmfit's schemas (JSON Schema draft 2020-12):

    python3 scripts/validate-json.py SCHEMA_NAME FILE [FILE ...]
    python3 scripts/validate-json.py --lines header|records SCHEMA_NAME FILE [FILE ...]

With --lines the files are JSON lines (a toys file): `header` validates the first line, `records`
every other line.

    python3 scripts/validate-json.py --serve

reads one request per line on stdin, {"schema": NAME, "files": [FILE, ...], "lines": null|"header"|
"records"}, and answers each with one line {"status": 0|1, "output": TEXT} (the same status and
error lines as a single run), loading the schemas once: the test suite validates its examples
through one such process instead of one Python start per example.

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


def check(folder, schemas, validators, name, paths, lines):
    """The error lines of `paths` against schema `name` (validators cached by name)."""
    if name not in validators:
        schema = json.load(open(os.path.join(folder, name + ".schema.json"), encoding="utf-8"))
        validators[name] = validator_for(schema, schemas)
    validator = validators[name]
    out = []
    for path in paths:
        for label, doc in documents(path, lines):
            for e in sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path)):
                where = "/".join(str(p) for p in e.absolute_path) or "(top)"
                out.append("%s: %s: %s" % (label, where, e.message))
    return out


def serve(folder):
    schemas, validators = all_schemas(folder), {}
    for line in sys.stdin:
        try:
            r = json.loads(line)
            errors = check(folder, schemas, validators, r["schema"], r["files"], r.get("lines"))
            answer = {"status": 1 if errors else 0, "output": "".join(e + "\n" for e in errors)}
        except Exception as e:  # a bad request or unreadable file: one failed answer, keep serving
            answer = {"status": 2, "output": "%s: %s\n" % (type(e).__name__, e)}
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


def main():
    folder = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "schemas")
    if sys.argv[1:] == ["--serve"]:
        serve(folder)
        return
    lines = None
    if len(sys.argv) > 2 and sys.argv[1] == "--lines":
        lines = sys.argv[2]
        del sys.argv[1:3]
        if lines not in ("header", "records"):
            sys.exit(__doc__)
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    errors = check(folder, all_schemas(folder), {}, sys.argv[1], sys.argv[2:], lines)
    for e in errors:
        print(e)
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
