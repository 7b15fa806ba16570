#!/usr/bin/env python3
"""Runs the wall-time benches several times and prints errwire's time over the hand-written one.

Usage: python3 scripts/bench_ratios.py [rounds]

Each round runs every group once (criterion): the bodies (`benches/envelopes.rs`), then reading
back and the middleware (`benches/instructions.rs`, its `wall` mode, the operations whose
instructions `scripts/instructions.py` counts). A group's ratio is errwire's median time over the
hand-written median time of the same round, and the table shows the median ratio over the
rounds, so that the drift of a busy machine falls on both sides alike.
"""

import json
import pathlib
import statistics
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
CRITERION = ROOT / "target" / "criterion"
BODIES = ["problem-unit", "problem-struct", "flat-unit", "flat-struct"]
READS = [f"read-{envelope}-{kind}" for envelope in ["problem", "flat", "nested", "jsonapi", "legacy"]
         for kind in ["unit", "struct"]]
REQUESTS = [f"{framework}-{request}" for framework in ["axum", "actix"]
            for request in ["ok", "error", "404"]]
# Each bench, the arguments after `--` that run it, and its groups.
BENCHES = [
    ("envelopes", ["--warm-up-time", "2", "--measurement-time", "5", "--noplot"], BODIES),
    ("instructions", ["wall"], READS + REQUESTS),
]


def median_ns(group: str, function: str) -> float:
    estimates = CRITERION / group / function / "new" / "estimates.json"
    return json.loads(estimates.read_text())["median"]["point_estimate"]


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    times = {group: [] for _, _, groups in BENCHES for group in groups}
    for round_number in range(1, rounds + 1):
        print(f"round {round_number}/{rounds}", file=sys.stderr)
        for bench, arguments, groups in BENCHES:
            subprocess.run(
                ["cargo", "bench", "--quiet", "--bench", bench, "--", *arguments],
                cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
            )
            for group in groups:
                times[group].append(
                    (median_ns(group, "errwire"), median_ns(group, "hand-written")))

    print("| group | errwire | hand-written | ratio |")
    print("|---|---:|---:|---:|")
    for group, pairs in times.items():
        ratio = statistics.median(ours / theirs for ours, theirs in pairs)
        ours = statistics.median(ours for ours, _ in pairs)
        theirs = statistics.median(theirs for _, theirs in pairs)
        print(f"| {group} | {ours:.0f} ns | {theirs:.0f} ns | {ratio:.2f} |")


if __name__ == "__main__":
    main()
