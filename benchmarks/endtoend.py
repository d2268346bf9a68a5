"""End to end: the CLI and the hand-written script on a JSONL file, in subprocesses, with peak RSS."""

from __future__ import annotations

import argparse
import importlib.util
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType
from typing import Any

from common import AS_OF, HERE, ROOT, SEED, fmt_rate, log, table

__all__ = ["section"]

POLICY_PATH = ROOT / "rules" / "startup-us-ca.yaml"


def write_jsonl(gen: ModuleType, n: int, path: Path) -> None:
    if path.exists() and path.with_suffix(".done").exists():
        log(f"reusing {path}")
        return
    log(f"writing {n:,} records to {path}")
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        gen.write_jsonl(gen.generate(n, SEED), f)
    path.with_suffix(".done").write_text(str(n))


def _time_cmd(cmd: list[str]) -> tuple[float, int | None]:
    """(wall seconds, peak RSS in KiB) of a command run to completion."""
    timer = shutil.which("time") if Path("/usr/bin/time").exists() else None
    timer = "/usr/bin/time" if Path("/usr/bin/time").exists() else timer
    with tempfile.NamedTemporaryFile("r", suffix=".time") as tf:
        full = [timer, "-f", "%M", "-o", tf.name, *cmd] if timer else cmd
        start = time.perf_counter()
        proc = subprocess.run(full, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        wall = time.perf_counter() - start
        if proc.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}): {proc.stderr[-2000:]}")
        if timer:
            lines = [ln for ln in Path(tf.name).read_text().split() if ln.strip().isdigit()]
            return wall, int(lines[-1]) if lines else None
    return wall, _rss_fallback(cmd)


def timed_rounds(cmds: dict[str, list[str]], repeat: int, records: int) -> tuple[dict[str, list[float]], dict[str, list[int]]]:
    """Wall seconds and peak RSS (KiB) of each command over ``repeat`` rounds, the order rotating between rounds."""
    walls: dict[str, list[float]] = {k: [] for k in cmds}
    rss: dict[str, list[int]] = {k: [] for k in cmds}
    keys = list(cmds)
    for round_ in range(repeat):
        for key in keys[round_ % len(keys) :] + keys[: round_ % len(keys)]:
            wall, peak = _time_cmd(cmds[key])
            walls[key].append(wall)
            if peak is not None:
                rss[key].append(peak)
            log(f"  round {round_ + 1}: {key} {wall:.1f} s, {records / wall:,.0f}/s, peak RSS {peak and peak // 1024} MiB")
    return walls, rss


def _rss_fallback(cmd: list[str]) -> int:
    """Peak RSS of one extra run, measured by a fresh parent whose only child is the command."""
    probe = "import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); " \
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"  # fmt: skip
    out = subprocess.run([sys.executable, "-c", probe, *cmd], cwd=ROOT, capture_output=True, text=True, check=True)
    return int(out.stdout.strip())


def cli_json_library() -> str:
    """The JSON library policyscore's readers use ("orjson" when it is installed and used, else "json")."""
    try:
        from policyscore.io import readers
    except ImportError:
        return "json"
    return "orjson" if getattr(readers, "_orjson", None) is not None else "json"


def cli_command() -> list[str] | None:
    """How to run the CLI, or None when it does not exist yet."""
    for cmd in ([sys.executable, "-m", "policyscore"], [shutil.which("policyscore") or "policyscore"]):
        try:
            proc = subprocess.run([*cmd, "score", "--help"], cwd=ROOT, capture_output=True, text=True, timeout=60)
        except (OSError, subprocess.SubprocessError):
            continue
        if proc.returncode == 0 and "--format" in proc.stdout:
            return cmd
    return None


def _cli_args(cli: list[str], path: Path, output: str) -> list[str]:
    return [*cli, "score", str(POLICY_PATH), str(path), "--format", "jsonl", "--as-of", AS_OF.isoformat(), "--output", output]


def _hw_args(path: Path, output: str, *extra: str) -> list[str]:
    return [sys.executable, str(HERE / "handwritten_e2e.py"), str(path), "--as-of", AS_OF.isoformat(), "--output", output, *extra]


def e2e_sanity(cli: list[str], gen: ModuleType, workdir: Path) -> str:
    """The CLI and the hand-written script write the same customers with the same scores (untimed, small file)."""
    small = workdir / "e2e-sanity.jsonl"
    with open(small, "w", encoding="utf-8") as f:
        gen.write_jsonl(list(gen.generate(1500, SEED + 1)) + list(gen.edge_case_records()), f)
    outs = {}
    for name, cmd in (("cli", _cli_args(cli, small, str(workdir / "cli.out"))), ("hw", _hw_args(small, str(workdir / "hw.out")))):
        subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True)
        outs[name] = [json.loads(line) for line in (workdir / f"{name}.out").read_text().splitlines() if line.strip()]
    cli_rows = [(d["id"], d["score"], d["tier"], {f["id"]: f["points"] for f in d["factors"]}) for d in outs["cli"]]
    hw_rows = [(d["id"], d["score"], d["tier"], d["points"]) for d in outs["hw"]]
    if cli_rows != hw_rows:
        raise AssertionError(f"CLI and hand-written script outputs differ ({len(cli_rows)} vs {len(hw_rows)} rows)")
    sizes = (workdir / "cli.out").stat().st_size / max(1, len(cli_rows)), (workdir / "hw.out").stat().st_size / max(1, len(hw_rows))
    return (
        f"- CLI output == hand-written script output (id, score, tier, points) on {len(cli_rows):,} eligible of "
        f"{1500 + len(gen.edge_case_records()):,} records; bytes per output line: CLI {sizes[0]:,.0f} (full explanation), "
        f"hand-written {sizes[1]:,.0f}"
    )


def section(args: argparse.Namespace, gen: ModuleType, e2e_n: int) -> tuple[list[str], dict[str, Any]]:
    """The report section and, per command, (records/s, ratio vs the hand-written script, peak RSS in MiB)."""
    e2e: dict[str, Any] = {}
    report: list[str] = []
    if e2e_n > 0:
        cli = cli_command()
        path = args.data_dir / f"customers-{e2e_n}-seed{SEED}.jsonl"
        write_jsonl(gen, e2e_n, path)
        lib = cli_json_library()
        other = "json" if lib == "orjson" else "orjson"
        cmds: dict[str, list[str]] = {"hw": _hw_args(path, "/dev/null", "--json", lib)}
        labels_e2e = {"hw": f"hand-written script ({lib}, the CLI's JSON library)"}
        if cli is None:
            report += ["## End to end", "", "- the CLI (`policyscore score`) does not exist yet: skipped; hand-written script only", ""]
        else:
            with tempfile.TemporaryDirectory() as tmp:
                report += ["## End to end", "", e2e_sanity(cli, gen, Path(tmp))]
            cmds["cli"] = _cli_args(cli, path, "/dev/null")
            labels_e2e["cli"] = "`policyscore score ... --format jsonl` (full explanation per customer)"
        cmds["engine"] = _hw_args(path, "/dev/null", "--json", lib, "--scorer", "engine")
        labels_e2e["engine"] = f"same script ({lib}), engine `score_many(explain=False)` in place of the hand-written function"
        if other == "json" or importlib.util.find_spec("orjson") is not None:
            cmds["hw_other"] = _hw_args(path, "/dev/null", "--json", other)
            labels_e2e["hw_other"] = f"hand-written script with {other} (what the JSON library is worth)"
        log(f"timing end to end: {e2e_n:,} records x {args.e2e_repeat} rounds")
        walls, rss = timed_rounds(cmds, args.e2e_repeat, e2e_n)
        keys = list(cmds)
        base = e2e_n / statistics.median(walls["hw"])
        rows = []
        for key in keys:
            r = e2e_n / statistics.median(walls[key])
            e2e[key] = (r, r / base, max(rss[key]) / 1024 if rss[key] else None)
            rows.append(
                [
                    labels_e2e[key],
                    f"{e2e_n:,}",
                    f"{statistics.median(walls[key]):.1f} s",
                    fmt_rate(r),
                    f"{r / base:.3f}",
                    f"{e2e[key][2]:.0f} MiB" if e2e[key][2] else "?",
                ]
            )
        report += [
            "",
            f"File: {e2e_n:,} records, {path.stat().st_size / 2**20:,.0f} MiB of JSONL; output to /dev/null;"
            f" median of {args.e2e_repeat} interleaved round(s); peak RSS from `/usr/bin/time` (maximum over the rounds).",
            "",
            *table(["command", "records", "wall (median)", "records/s", "ratio vs hand-written", "peak RSS"], rows),
            "",
        ]
        if cli is not None:
            mem_sizes = sorted({1_000, *([args.memory] if args.memory else [])} - {e2e_n})
            mem: list[tuple[int, float | None]] = [(e2e_n, e2e["cli"][2])]
            for m in mem_sizes:
                mpath = args.data_dir / f"customers-{m}-seed{SEED}.jsonl"
                write_jsonl(gen, m, mpath)
                _, peak = _time_cmd(_cli_args(cli, mpath, "/dev/null"))
                mem.append((m, peak / 1024 if peak else None))
            mem_rows = [[f"{m:,}", f"{peak:.0f} MiB" if peak else "?"] for m, peak in sorted(mem)]
            report += ["Peak RSS of the CLI by input size (flat = streaming):", "", *table(["records", "CLI peak RSS"], mem_rows), ""]
    return report, e2e
