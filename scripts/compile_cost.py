#!/usr/bin/env python3
"""Compile cost of #[derive(ApiError)] against the same impl written by hand.

Generates two crates with one N-variant enum each (beside thiserror), builds their dependencies
once, then measures the CPU time of `cargo build` of each crate alone, several times, in the
debug and release profiles, and prints the ratios.

    python3 scripts/compile_cost.py [variants] [runs] [profiles, e.g. dev,release]
    python3 scripts/compile_cost.py [variants] --instructions [dev|release]

With `--instructions`, runs the compiler on each crate once under valgrind's callgrind instead
(debug profile unless `release`): the instructions rustc executes, the macros' runs included,
exact and the same on any machine with this toolchain, where CPU time moves with the machine's
load.
"""

import os
import re
import resource
import shlex
import pathlib
import statistics
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
WORK = ROOT / "target" / "compile-cost"
VARIANTS = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
INSTRUCTIONS = sys.argv[2:3] == ["--instructions"]
RUNS = int(sys.argv[2]) if len(sys.argv) > 2 and not INSTRUCTIONS else 5
PROFILES = sys.argv[3].split(",") if len(sys.argv) > 3 else ["dev", "release"]
INSTRUCTIONS_PROFILE = sys.argv[3] if INSTRUCTIONS and len(sys.argv) > 3 else "dev"



STATUSES = [
    (400, "BAD_REQUEST"), (401, "UNAUTHORIZED"), (402, "PAYMENT_REQUIRED"), (403, "FORBIDDEN"),
    (404, "NOT_FOUND"), (405, "METHOD_NOT_ALLOWED"), (406, "NOT_ACCEPTABLE"), (408, "REQUEST_TIMEOUT"),
    (409, "CONFLICT"), (410, "GONE"), (411, "LENGTH_REQUIRED"), (412, "PRECONDITION_FAILED"),
    (413, "PAYLOAD_TOO_LARGE"), (414, "URI_TOO_LONG"), (415, "UNSUPPORTED_MEDIA_TYPE"),
    (416, "RANGE_NOT_SATISFIABLE"), (417, "EXPECTATION_FAILED"), (421, "MISDIRECTED_REQUEST"),
    (422, "UNPROCESSABLE_ENTITY"), (423, "LOCKED"), (424, "FAILED_DEPENDENCY"), (426, "UPGRADE_REQUIRED"),
    (428, "PRECONDITION_REQUIRED"), (429, "TOO_MANY_REQUESTS"), (451, "UNAVAILABLE_FOR_LEGAL_REASONS"),
    (500, "INTERNAL_SERVER_ERROR"), (501, "NOT_IMPLEMENTED"), (502, "BAD_GATEWAY"),
    (503, "SERVICE_UNAVAILABLE"), (504, "GATEWAY_TIMEOUT"),
]


def status_of(i):
    return STATUSES[i % len(STATUSES)]


def derived():
    variants = []
    for i in range(VARIANTS):
        status, _ = status_of(i)
        expose = ", expose" if status >= 500 else ""
        variants.append(
            f'    #[error("internal {i}")]\n'
            f'    #[api(status = {status}, code = "error_{i}", message = "Error {i} on {{id}}"{expose})]\n'
            f"    E{i} {{ #[api(detail)] id: u64 }},\n"
        )
    return (
        "#[derive(Debug, thiserror::Error, errwire::ApiError)]\n"
        "pub enum Big {\n" + "".join(variants) + "}\n"
    )


def manual():
    """The impls the derive writes for `derived()`, written by hand against the same runtime."""
    variants, statuses, codes, messages, details, catalog = [], [], [], [], [], []
    for i in range(VARIANTS):
        _, status = status_of(i)
        variants.append(f'    #[error("internal {i}")]\n    E{i} {{ id: u64 }},\n')
        statuses.append(f"            Big::E{i} {{ .. }} => StatusCode::{status},\n")
        codes.append(f'            Big::E{i} {{ .. }} => Some(Code::Str("error_{i}")),\n')
        messages.append(f'            Big::E{i} {{ id }} => write!(f, "Error {i} on {{id}}"),\n')
        details.append(f'            Big::E{i} {{ id }} => visitor.detail_u64("id", *id),\n')
        catalog.append(
            f'    CatalogEntry::new("E{i}", StatusCode::{status}).with_code(Code::Str("error_{i}"))'
            f'.with_message("Error {i} on {{id}}").with_fields(ID),\n'
        )
    return f"""use core::fmt;
use errwire::catalog::{{Catalog, CatalogEntry, FieldEntry, JsonType}};
use errwire::http::StatusCode;
use errwire::{{ApiError, Code, DetailFields, DetailVisitor, Details, Envelope, Problem}};

#[derive(Debug, thiserror::Error)]
pub enum Big {{
{"".join(variants)}}}

impl ApiError for Big {{
    fn status(&self) -> StatusCode {{
        match self {{
{"".join(statuses)}        }}
    }}

    fn code(&self) -> Option<Code> {{
        match self {{
{"".join(codes)}        }}
    }}

    fn fmt_message(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {{
        match self {{
{"".join(messages)}        }}
    }}

    fn details(&self) -> Details<'_> {{
        Details::Fields(self)
    }}

    fn as_error(&self) -> Option<&(dyn std::error::Error + 'static)> {{
        Some(self)
    }}

    fn catalog() -> &'static Catalog {{
        &CATALOG
    }}
}}

const ID: &[FieldEntry] = &[FieldEntry::new("id", JsonType::Integer).with_detail("id")];

const CATALOG: Catalog = Catalog::new("Big", Problem::DYN).with_entries(&[
{"".join(catalog)}]);

impl DetailFields for Big {{
    fn visit_details(&self, visitor: &mut dyn DetailVisitor) {{
        match self {{
{"".join(details)}        }}
    }}
}}
"""


def write_crate(name, source):
    crate = WORK / name
    (crate / "src").mkdir(parents=True, exist_ok=True)
    (crate / "Cargo.toml").write_text(
        f'[package]\nname = "{name}"\nversion = "0.0.0"\nedition = "2024"\n\n'
        f'[dependencies]\nerrwire = {{ path = "{ROOT / "runtime"}" }}\nthiserror = "2"\n\n[workspace]\n'
    )
    (crate / "src" / "lib.rs").write_text(source)
    return crate


def build_once(crate, env, profile):
    """The CPU time (user and system) of building `crate` alone: steadier than wall time on a
    machine that does other work."""
    (crate / "src" / "lib.rs").touch()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(["cargo", "build", "-q", "--profile", profile], cwd=crate, env=env, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def instructions(crate, env, profile):
    """The instructions rustc executes building `crate` alone, under callgrind."""
    subprocess.run(["cargo", "build", "-q", "--profile", profile], cwd=crate, env=env, check=True)
    (crate / "src" / "lib.rs").touch()
    verbose = subprocess.run(["cargo", "build", "-v", "--profile", profile], cwd=crate, env=env,
                             check=True, capture_output=True, text=True).stderr
    command = [line for line in verbose.splitlines() if "Running `" in line][-1]
    command = command.split("Running `", 1)[1].rstrip("`")
    (crate / "src" / "lib.rs").touch()
    result = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *shlex.split(command)],
        cwd=crate, env=env, capture_output=True, text=True, check=True,
    )
    return int(re.search(r"Collected : (\d+)", result.stderr).group(1))


def main():
    crates = {"derive": write_crate("cost_derive", derived()), "hand-written": write_crate("cost_manual", manual())}
    env = dict(os.environ, CARGO_TARGET_DIR=str(WORK / "target"), CARGO_INCREMENTAL="0")
    if INSTRUCTIONS:
        profile = INSTRUCTIONS_PROFILE
        counts = {name: instructions(crate, env, profile) for name, crate in crates.items()}
        print(f"{VARIANTS} variants, {profile} build of each crate alone, rustc instructions (callgrind):")
        for name, count in counts.items():
            print(f"  {name:<13} {count / 1e9:.2f} G")
        print(f"  ratio         {counts['derive'] / counts['hand-written']:.3f}")
        return
    for profile in PROFILES:
        for crate in crates.values():
            subprocess.run(["cargo", "build", "-q", "--profile", profile], cwd=crate, env=env, check=True)
        # Interleaved, so that the machine's load drifts over both alike.
        samples = {name: [] for name in crates}
        for _ in range(RUNS):
            for name, crate in crates.items():
                samples[name].append(build_once(crate, env, profile))
        print(f"{VARIANTS} variants, {RUNS} interleaved {profile} builds of each crate alone, CPU seconds (median, min):")
        for name, times in samples.items():
            print(f"  {name:<13} {statistics.median(times):.2f} s  {min(times):.2f} s")
        derive, hand = (samples["derive"], samples["hand-written"])
        print(f"  ratio         {statistics.median(derive) / statistics.median(hand):.2f}    {min(derive) / min(hand):.2f}")


if __name__ == "__main__":
    main()
