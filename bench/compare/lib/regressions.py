"""Alternating A/B rounds of bench harnesses; see bench/compare/regressions.sh for what is measured and how to run it.

Usage: regressions.py A_DLL B_DLL ROUNDS QUICK HARNESS...
"""
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

TICKS = os.sysconf("SC_CLK_TCK")

# CPU of a phase = CPU when the harness printed the end line minus CPU when it printed the start line (None: process start).
# Each regex matches the first such line after the start line. Harnesses print a phase's figures right after measuring it.
PHASES = {
    "tracking": [
        ("cpu s: start-up + log-batch 500 metrics (API, store, naive)", None, r"^log-batch,"),
        ("cpu s: seed runs", r"^\s+ratio baseline/API", r"^runs/search over"),
        ("cpu s: search newest 1,000 (API + store samples)", r"^runs/search over", r"newest 1,000.*runs returned"),
        ("cpu s: search filtered + ordered (API + store samples)", r"ratio serializer/writer", r"^\s+filter .*runs returned"),
    ],
    "tracking-engines": [
        ("cpu s: start-up + log-batch SQLite and PostgreSQL", None, r"^log-batch,"),
        ("cpu s: search, both engines", r"^seeded .* on PostgreSQL", r"^runs/search tags\.team"),
    ],
}

TIMING = re.compile(r"^(\s*)(.*?)\s+median\s+([\d.]+) ms\s+p95\s+([\d.]+) ms\s+min\s+([\d.]+) ms")
PERCENTILES = re.compile(r"^(\s*)(.*?)\s+p50\s+([\d.]+) us\s+p99\s+([\d.]+) us")
RATIO = re.compile(r"^\s*ratio (.*)$")
SEED = re.compile(r"^(\S+) seed \d+: ([\d.]+) s wall, ([\d.]+) CPU-s")
AUC = re.compile(r"^\s+(\w+)\s+(0\.\d+) ± ")


def clean(text, label=False):
    """A header or label without the parts that change from run to run (seconds, sizes in parentheses, counts after ':')."""
    text = re.sub(r"\s*\([^)]*\d[^)]*\)", "", text.strip())
    if label:
        return text
    # Long headers (a search's filter text) keep their start and end so that names stay unique and short.
    text = text.split(": ")[0].strip()
    return text if len(text) <= 44 else text[:24] + "…" + text[-19:]


def run_once(dll, harness, quick, log_path):
    """Runs one harness process; returns (figures, lines). CPU is sampled from /proc at every line it prints."""
    args = ["dotnet", dll, harness] + (["--quick"] if quick else [])
    started = time.monotonic()
    with open(log_path, "w") as log:
        proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1)
        stamped = []
        for line in proc.stdout:
            stamped.append((cpu_of(proc.pid), line.rstrip("\n")))
            log.write(line)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        tail = "\n".join(l for _, l in stamped[-4:])
        print(f"{harness} ({dll}) exited {proc.returncode}; log {log_path}:\n{tail}", flush=True)
        return None
    figures = {"cpu s: whole process": usage.ru_utime + usage.ru_stime, "wall s: whole process": time.monotonic() - started}
    figures.update(parse([l for _, l in stamped]))
    figures.update(phase_cpu(harness, stamped))
    return figures


def cpu_of(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICKS
    except (OSError, IndexError, ValueError):
        return None


def phase_cpu(harness, stamped):
    figures = {}
    for name, start, end in PHASES.get(harness, []):
        begin, at = 0.0, 0
        if start is not None:
            at = next((i for i, (_, l) in enumerate(stamped) if re.search(start, l)), None)
            if at is None or stamped[at][0] is None:
                continue
            begin = stamped[at][0]
        stop = next((i for i in range(at, len(stamped)) if re.search(end, stamped[i][1])), None)
        if stop is not None and stamped[stop][0] is not None:
            figures[name] = stamped[stop][0] - begin
    return figures


def parse(lines):
    """Every figure a harness prints, named by its label under its headers (indentation gives the nesting)."""
    figures, headers, seeds = {}, [], {}
    for line in lines:
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip())
        m = TIMING.match(line) or PERCENTILES.match(line)
        if m:
            path = " / ".join([h for i, h in headers if i < indent] + [clean(m.group(2), label=True)])
            if TIMING.match(line):
                figures[f"ms median: {path}"] = float(m.group(3))
                figures[f"ms min: {path}"] = float(m.group(5))
            else:
                figures[f"us p50: {path}"] = float(m.group(3))
                figures[f"us p99: {path}"] = float(m.group(4))
            continue
        m = RATIO.match(line)
        if m:
            path = " / ".join(h for i, h in headers if i < indent)
            previous = ""
            for piece in re.split(r"[,;]", m.group(1)):
                found = re.search(r"^(.*?)\s*([\d.]+)x(\s*\(\w+\))?", piece.strip())
                if not found:
                    continue
                name = found.group(1).strip(" :") or previous + (found.group(3) or " #2")
                previous = name
                figures[f"x (harness's own ratio): {path} / {name}"] = float(found.group(2))
            continue
        m = SEED.match(line)
        if m:
            seeds.setdefault(m.group(1), []).append((float(m.group(2)), float(m.group(3))))
            continue
        m = AUC.match(line)
        if m and headers:
            figures[f"test AUC: {headers[-1][1]} / {m.group(1)}"] = float(m.group(2))
            continue
        # Any other line is a header for the lines indented below it.
        headers = [(i, h) for i, h in headers if i < indent] + [(indent, clean(line))]
    for dataset, values in seeds.items():
        figures[f"cpu s per training (mean over seeds): {dataset}"] = statistics.mean(c for _, c in values)
        figures[f"wall s per training (mean over seeds): {dataset}"] = statistics.mean(w for w, _ in values)
    return figures


def listed(dll):
    out = subprocess.run(["dotnet", dll, "list"], capture_output=True, text=True, check=True).stdout
    return {l.split()[0] for l in out.splitlines()[1:] if l.startswith("  ")}


def main():
    a_dll, b_dll, rounds, quick = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4] == "1"
    wanted = sys.argv[5:]
    have = {"A": listed(a_dll), "B": listed(b_dll)}
    harnesses = []
    for h in wanted:
        missing = [side for side in "AB" if h not in have[side]]
        if missing:
            print(f"{h}: not in build {' and '.join(missing)}; skipped")
        else:
            harnesses.append(h)
    logs = tempfile.mkdtemp(prefix="churnops-regressions-logs-")
    print(f"{rounds} alternating rounds{' (--quick)' if quick else ''}; harness logs in {logs}", flush=True)
    results = {h: {"A": [], "B": []} for h in harnesses}
    failed = set()
    for r in range(1, rounds + 1):
        order = "AB" if r % 2 == 1 else "BA"
        for h in harnesses:
            for side in order:
                if h in failed:
                    continue
                dll = a_dll if side == "A" else b_dll
                figures = run_once(dll, h, quick, os.path.join(logs, f"{h}-{side}-{r}.log"))
                if figures is None:
                    failed.add(h)
                    print(f"{h}: build {side} failed in round {r}; no figures for it")
                    continue
                results[h][side].append(figures)
                print(f"round {r} {h} {side}: {figures['wall s: whole process']:.1f} s wall, {figures['cpu s: whole process']:.1f} s cpu", flush=True)
    for h in harnesses:
        if h not in failed:
            report(h, results[h]["A"], results[h]["B"])
    if failed:
        raise SystemExit(f"failed: {' '.join(sorted(failed))}")


def report(harness, a_runs, b_runs):
    print(f"\n== {harness}: B/A = median of {len(a_runs)} per-round ratios [min..max]; A and B = medians")
    names = [n for n in a_runs[0] if all(n in run for run in a_runs + b_runs)]
    only = sorted({n for run in a_runs + b_runs for n in run} - set(names))
    width = max(len(n) for n in names)
    # CPU first: on a busy machine those are the figures that mean something.
    for name in sorted(names, key=lambda n: (not n.startswith("cpu"), n)):
        a = [run[name] for run in a_runs]
        b = [run[name] for run in b_runs]
        ratios = [y / x for x, y in zip(a, b) if x > 0]
        spread = f"{statistics.median(ratios):6.2f}x [{min(ratios):.2f}..{max(ratios):.2f}]" if ratios else "     -"
        flag = "  <-- B slower/larger" if ratios and min(ratios) > 1.10 and not name.startswith(("test AUC", "x ")) else ""
        print(f"  {name:<{width}}  A {statistics.median(a):10.3f}  B {statistics.median(b):10.3f}  B/A {spread}{flag}")
    for name in only:
        print(f"  {name}: only in {'A' if name in a_runs[0] else 'B'}")


if __name__ == "__main__":
    main()
