#!/usr/bin/env python3
"""Instruction counts of errwire's generated code against hand-written code (benches/instructions.rs).

Usage: python3 scripts/instructions.py [runs]

Builds the bench in release, checks that both sides write the same bytes, then runs each
operation of each side under `valgrind --tool=callgrind` with `runs` repetitions and with none:
the difference over `runs` (and over the number of errors, for the "all" operations) is the
exact instruction count of one operation, the same on any machine with the same toolchain.
Needs valgrind (Debian: `apt-get install valgrind`).
"""

import json
import re
import subprocess
import sys
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
OPERATIONS = [
    ("flat-unit", "`Flat` body, unit variant", 1),
    ("flat-struct", "`Flat` body, struct variant (`String`, `u64`, `Option<String>`)", 1),
    ("flat-collections", "`Flat` body, struct variant (`Vec<String>`, `BTreeMap`, `bool`)", 1),
    ("flat-all", "`Flat` body, every variant in turn", 100),
    ("problem-unit", "RFC 9457 body, unit variant", 1),
    ("problem-struct", "RFC 9457 body, struct variant", 1),
    ("problem-collections", "RFC 9457 body, struct variant (`Vec<String>`, `BTreeMap`, `bool`)", 1),
    ("problem-all", "RFC 9457 body, every variant in turn", 100),
    ("response-unit", "`to_response()` (RFC 9457), unit variant", 1),
    ("response-struct", "`to_response()` (RFC 9457), struct variant", 1),
    ("response-all", "`to_response()` (RFC 9457), every variant in turn", 100),
    ("status-all", "`status()`, every variant in turn", 100),
    ("code-all", "`code()`, every variant in turn", 100),
]


# A message in another locale than the default, against the same body in the default: the
# request's `Accept-Language` is `fr` on one side, `en` on the other.
LOCALE_OPERATIONS = [
    ("localized-unit", "`to_response_with`, unit variant (fixed message)", 1),
    ("localized-struct", "`to_response_with`, struct variant (message with two fields)", 1),
]


# Reading a response back into the typed variant (`from_response`), against a
# `#[derive(Deserialize)]` of the envelope's members and a `match` on the code.
READ_OPERATIONS = [
    (f"read-{envelope}-{kind}", f"{label}, {what}", 1)
    for envelope, label in [
        ("problem", "RFC 9457 (100 variants)"),
        ("flat", "`Flat`"),
        ("nested", "`Nested`"),
        ("jsonapi", "`JsonApi`"),
        ("legacy", "a custom envelope"),
    ]
    for kind, what in [("unit", "unit variant"), ("struct", "3-field variant")]
]

# A request through the middleware, against a pass-through middleware whose handlers write the
# same error responses by hand.
SERVE_OPERATIONS = [
    (f"{framework}-{kind}", f"{name}, {what}", 1)
    for framework, name in [("axum", "axum"), ("actix", "actix-web")]
    for kind, what in [
        ("ok", "a handler's 200"),
        ("error", "a handler's error"),
        ("404", "a path no route has (the framework's 404)"),
    ]
]


def bench_binary() -> str:
    output = subprocess.run(
        ["cargo", "bench", "--bench", "instructions", "--no-run", "--message-format=json"],
        cwd=ROOT, check=True, capture_output=True, text=True,
    ).stdout
    for line in output.splitlines():
        message = json.loads(line)
        if message.get("reason") == "compiler-artifact" and message["target"]["name"] == "instructions":
            if message.get("executable"):
                return message["executable"]
    sys.exit("the instructions bench was not built")


def instructions(binary: str, operation: str, side: str, runs: int) -> int:
    result = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", binary,
         operation, side, str(runs)],
        capture_output=True, text=True, check=True,
    )
    match = re.search(r"Collected : (\d+)", result.stderr)
    if not match:
        sys.exit(f"no count from callgrind:\n{result.stderr}")
    return int(match.group(1))


def table(binary: str, runs: int, operations, sides, columns, digits: int) -> None:
    """Prints the instructions of each operation on each of the two `sides`, and their ratio."""
    print(f"| operation | {columns[0]} (Ir) | {columns[1]} (Ir) | ratio |")
    print("|---|---:|---:|---:|")
    for operation, label, errors in operations:
        counts = []
        for side in sides:
            total = instructions(binary, operation, side, runs)
            base = instructions(binary, operation, side, 0)
            counts.append((total - base) / runs / errors)
        ratio = counts[1] / counts[0]
        print(f"| {label} | {counts[0]:,.0f} | {counts[1]:,.0f} | {ratio:.{digits}f} |")


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    binary = bench_binary()
    subprocess.run([binary, "check", "-", "-"], check=True)
    table(binary, runs, OPERATIONS, ("hand", "errwire"), ("hand-written", "errwire"), 2)
    print()
    table(binary, runs, LOCALE_OPERATIONS, ("default", "french"), ("default locale", "`fr`"), 3)
    print()
    table(binary, runs, READ_OPERATIONS, ("hand", "errwire"), ("hand-written", "errwire"), 3)
    print()
    table(binary, runs, SERVE_OPERATIONS, ("hand", "errwire"), ("hand-written", "errwire"), 3)


if __name__ == "__main__":
    main()
