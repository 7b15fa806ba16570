#!/usr/bin/env python3
"""Runs the envelope benches several times and prints errwire's time over the hand-written one.

Usage: python3 scripts/bench_ratios.py [rounds]

Each round runs every group once (criterion, `benches/envelopes.rs`); a group's ratio is
errwire's median time over the hand-written median time of the same round, and the table shows
the median ratio over the rounds, so that the drift of a busy machine falls on both sides alike.
"""

import json
import pathlib
import statistics
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
CRITERION = ROOT / "target" / "criterion"
GROUPS = ["problem-unit", "problem-struct", "flat-unit", "flat-struct"]


def median_ns(group: str, function: str) -> float:
    estimates = CRITERION / group / function / "new" / "estimates.json"
    return json.loads(estimates.read_text())["median"]["point_estimate"]


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    times = {group: [] for group in GROUPS}
    for round_number in range(1, rounds + 1):
        print(f"round {round_number}/{rounds}", file=sys.stderr)
        subprocess.run(
            ["cargo", "bench", "--quiet", "--bench", "envelopes", "--",
             "--warm-up-time", "2", "--measurement-time", "5", "--noplot"],
            cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
        )
        for group in GROUPS:
            times[group].append((median_ns(group, "errwire"), median_ns(group, "hand-written")))

    print("| body | errwire | hand-written | ratio |")
    print("|---|---:|---:|---:|")
    for group, pairs in times.items():
        ratio = statistics.median(ours / theirs for ours, theirs in pairs)
        ours = statistics.median(ours for ours, _ in pairs)
        theirs = statistics.median(theirs for _, theirs in pairs)
        print(f"| {group} | {ours:.0f} ns | {theirs:.0f} ns | {ratio:.2f} |")


if __name__ == "__main__":
    main()
