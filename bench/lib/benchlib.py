#!/usr/bin/env python3
"""bench/run's arithmetic and reporting, kept out of bash.

    benchlib.py probe BASE_URL                 one GET of each body size and one POST; exit 1 if wrong
    benchlib.py h2load SUMMARY LOG             h2load's counts and per-request percentiles as H2LOAD_JSON
    benchlib.py line RECORD_JSON CLK_TCK       one human line per measured run (progress on stderr)
    benchlib.py table META RUNS_JSONL OUT      the table (stdout) and the results JSON
    benchlib.py jfr JFR_TOOL RECORDING OUT     top frames, allocation and GC of a recording
"""
import json
import re
import statistics
import subprocess
import sys
import urllib.request
from collections import Counter

PROXIES = ("ferry", "nginx", "haproxy")
THROUGHPUT = ("W1", "W2", "W3", "W4", "W5", "W6")
# A1: the access log's cost, as ratios of Ferry with the log on to Ferry with it off.
A1_SIDES = ("log-off", "log-on")
A1_TARGET = 0.90  # req/s on ÷ off: the log costs less than 10% of throughput
# A logged run whose access log lines differ from wrk's requests by more than this is invalid:
# a log that drops lines (or never writes them) would look cheap.
LOG_LINES_TOLERANCE = 0.01
# A run where other processes used more than this share of one CPU is flagged "disturbed".
DISTURBED_PCT = 10.0


# ------------------------------------------------------------------ probe
def probe(base):
    checks = [("GET", "/", 13), ("GET", "/64k", 65536), ("GET", "/1m", 1048576), ("POST", "/sink", 3)]
    for method, path, length in checks:
        data = b"x" * 1048576 if method == "POST" else None
        req = urllib.request.Request(base + path, data=data, method=method)
        try:
            with urllib.request.urlopen(req, timeout=10) as resp:
                status, body = resp.status, resp.read()
        except OSError as e:  # HTTPError included
            status, body = getattr(e, "code", str(e)), b""
        if status != 200 or len(body) != length:
            print(f"probe {method} {base}{path}: status {status}, {len(body)} bytes, "
                  f"expected 200 and {length}", file=sys.stderr)
            return 1
    return 0


# ------------------------------------------------------------------ h2load
def percentile(sorted_values, p):
    """Nearest-rank percentile of an ascending list."""
    if not sorted_values:
        return 0
    k = max(0, min(len(sorted_values) - 1, int(round(p / 100.0 * len(sorted_values) + 0.5)) - 1))
    return sorted_values[k]


def h2load(summary_path, log_path):
    text = open(summary_path).read()
    out = {"requests": 0, "failed": 0, "errored": 0, "timeouts": 0, "status_errors": 0}
    m = re.search(r"requests: (\d+) total, (\d+) started, (\d+) done, (\d+) succeeded, (\d+) failed, "
                  r"(\d+) errored, (\d+) timeout", text)
    if m:
        out.update(requests=int(m.group(4)), failed=int(m.group(5)), errored=int(m.group(6)),
                   timeouts=int(m.group(7)))
    m = re.search(r"status codes: (\d+) 2xx, (\d+) 3xx, (\d+) 4xx, (\d+) 5xx", text)
    if m:
        out["status_errors"] = int(m.group(2)) + int(m.group(3)) + int(m.group(4))
    m = re.search(r"finished in ([\d.]+)(m?s)", text)
    if m:
        secs = float(m.group(1)) / (1000 if m.group(2) == "ms" else 1)
        out["duration_us"] = int(secs * 1e6)
    durations = []
    with open(log_path) as f:
        for line in f:
            parts = line.split("\t")
            if len(parts) == 3:
                durations.append(int(parts[2]))
    durations.sort()
    for p, key in ((50, "p50_us"), (90, "p90_us"), (99, "p99_us"), (99.9, "p999_us")):
        out[key] = percentile(durations, p)
    out["max_us"] = durations[-1] if durations else 0
    out["logged"] = len(durations)
    print("H2LOAD_JSON " + json.dumps(out))


# ------------------------------------------------------------------ per-run figures
def errors(load):
    return sum(load.get(k, 0) for k in ("connect_errors", "read_errors", "write_errors", "timeouts",
                                        "status_errors", "failed", "errored"))


def figures(rec, hz):
    """Derived figures of one run record (None where the run produced nothing)."""
    if rec.get("dead"):
        return {"valid": False, "why": "proxy not running"}
    if rec.get("kind") == "rss":
        return {"valid": rec.get("alive_after", True)}
    load = rec.get("load", {})
    if load.get("tool_failed"):
        return {"valid": False, "why": "load tool failed"}
    req = load.get("requests", 0)
    secs = load.get("duration_us", 0) / 1e6 or rec.get("wall_s", 0)
    wall = rec.get("wall_s") or secs or 1
    foreign = rec["busy_ticks"] - rec["proxy_ticks"] - rec["origin_ticks"] - rec["client_ticks"]
    f = {
        "requests": req,
        "rps": req / secs if secs else 0.0,
        # Not for R1: the workers that a reload retires take their CPU time with them.
        "cpu_us_per_req": rec["proxy_ticks"] * 1e6 / hz / req if req and rec["workload"] != "R1" else None,
        # The kernel's part (stime): the proxy's own code is the rest. Older records lack it.
        "sys_us_per_req": rec["proxy_sys_ticks"] * 1e6 / hz / req
        if req and rec["workload"] != "R1" and "proxy_sys_ticks" in rec else None,
        # The JIT compilers' part (a JVM's warm-up that the run paid for); 0 for native proxies.
        "jit_us_per_req": rec["proxy_jit_ticks"] * 1e6 / hz / req
        if req and rec["workload"] != "R1" and "proxy_jit_ticks" in rec else None,
        "upstream_conns": rec["upstream_conns"],
        "upstream_conns_steady": rec.get("upstream_conns_steady"),
        "active_opens": rec["active_opens"],
        "errors": errors(load),
        "p50_ms": load.get("p50_us", 0) / 1000.0,
        "p99_ms": load.get("p99_us", 0) / 1000.0,
        "foreign_cpu_pct": max(0.0, foreign * 100.0 / hz / wall),
        "steal_pct": rec["steal_ticks"] * 100.0 / hz / wall,
        "alive_after": rec.get("alive_after", True),
    }
    # R1: old workers exit with CPU time nobody can read, which would look like other processes.
    f["disturbed"] = rec["workload"] != "R1" and (f["foreign_cpu_pct"] > DISTURBED_PCT
                                                  or f["steal_pct"] > DISTURBED_PCT)
    # R1 counts failures as its result; everywhere else an error invalidates the run (BENCH.md).
    f["valid"] = req > 0 and f["alive_after"] and (rec["workload"] == "R1" or f["errors"] == 0)
    if not f["valid"]:
        f["why"] = "errors" if f["errors"] else ("proxy died" if not f["alive_after"] else "no requests")
    if "log_lines" in rec:
        f["log_lines"] = rec["log_lines"]
        f["log_lines_ratio"] = rec["log_lines"] / req if req else None
        if f["valid"] and abs(rec["log_lines"] - req) > LOG_LINES_TOLERANCE * req:
            f["valid"] = False
            f["why"] = f"access log has {rec['log_lines']:,} lines for {req:,} requests"
    return f


def line(rec_json, hz):
    rec = json.loads(rec_json)
    f = figures(rec, int(hz))
    head = f"  {rec['workload']} {rec['proxy']:<7} #{rec['round']}:"
    if rec.get("kind") == "rss":
        print(f"{head} RSS {rec['rss0_kb']} kB idle, {rec['rss1k_kb']} kB with 1,000, "
              f"{rec['rss10k_kb']} kB with {rec.get('big', 10000):,} connections ({rec['held']})"
              + (f"; live heap {rec['heap0_kb']} / {rec['heap1k_kb']} / {rec['heap10k_kb']} kB"
                 if rec.get("heap0_kb") else ""))
    elif "rps" not in f:
        print(f"{head} {f.get('why')}")
    else:
        cpu = f"{f['cpu_us_per_req']:.1f}" if f["cpu_us_per_req"] else "-"
        if f["sys_us_per_req"] is not None:
            jit = f["jit_us_per_req"]
            cpu += f" ({f['sys_us_per_req']:.1f} kernel" + (f", {jit:.1f} JIT)" if jit else ")")
        print(f"{head} {f['rps']:>9,.0f} req/s  {cpu:>6} us/req  p99 {f['p99_ms']:.2f} ms  "
              f"{f['upstream_conns']} upstream conns"
              + (f" ({f['upstream_conns_steady']} steady)" if f.get("upstream_conns_steady") is not None else "")
              + f"  {f['errors']} errors  "
              f"other CPU {f['foreign_cpu_pct']:.0f}%{'  DISTURBED' if f['disturbed'] else ''}"
              + (f"  {rec['reloads_logged']}/{rec['reloads_sent']} reloads logged" if "reloads_sent" in rec else "")
              + (f"  log lines {rec['log_lines']:,} vs {f['requests']:,} requests" if "log_lines" in rec else "")
              + ("" if f["valid"] else "  INVALID: " + f.get("why", "")))


# ------------------------------------------------------------------ the table
def spread(values):
    """'median (min–max)' of a list, or '-'."""
    if not values:
        return None
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "n": len(values)}


def fmt_spread(s, digits=2, unit=""):
    if not s:
        return "-"
    if s["n"] == 1:
        return f"{s['median']:.{digits}f}{unit}"
    return f"{s['median']:.{digits}f}{unit} ({s['min']:.{digits}f}–{s['max']:.{digits}f})"


def fmt_num(v, digits=0):
    if v is None:
        return "-"
    return f"{v:,.{digits}f}"


def summarise(meta, records):
    hz = meta["clk_tck"]
    by = {}  # (workload, proxy) -> {round: (record, figures)}
    retried = Counter((r["workload"], r["proxy"]) for r in records if r.get("superseded"))
    for rec in records:
        if rec.get("superseded"):
            continue
        by.setdefault((rec["workload"], rec["proxy"]), {})[rec["round"]] = (rec, figures(rec, hz))
    workloads = [w for w in meta["workloads"].split(",")]
    proxies = [p for p in PROXIES if p in meta["proxies"].split(",")]
    # A1 runs Ferry whatever --proxies says, and its ratios go in Ferry's column.
    if set(workloads) == {"A1"}:
        proxies = ["ferry"]
    elif "A1" in workloads and "ferry" not in proxies:
        proxies.insert(0, "ferry")
    rows = []  # (id, metric, {proxy: text}, ratio_vs_nginx, ratio_vs_haproxy, notes)
    summary = {}

    def per_proxy(wl, key, valid_only=True):
        out = {}
        for p in proxies:
            vals = [f[key] for r, f in by.get((wl, p), {}).values()
                    if f.get(key) is not None and (f["valid"] or not valid_only)]
            out[p] = spread(vals)
        return out

    def ratios(wl, key, other, this="ferry"):
        vals = []
        for rnd, (r, f) in by.get((wl, this), {}).items():
            o = by.get((wl, other), {}).get(rnd)
            if o and f["valid"] and o[1]["valid"] and f.get(key) and o[1].get(key):
                vals.append(f[key] / o[1][key])
        return spread(vals)

    def notes(wl, names=None):
        parts = []
        for p in names or proxies:
            runs = list(by.get((wl, p), {}).values())
            bad = [f for r, f in runs if not f["valid"]]
            dist = [f for r, f in runs if f.get("disturbed")]
            errs = sum(f.get("errors", 0) for r, f in runs)
            if bad or errs:
                parts.append(f"{p}: {len(bad)}/{len(runs)} invalid, {errs} errors")
            if dist:
                parts.append(f"{p}: {len(dist)}/{len(runs)} disturbed")
            if retried[(wl, p)]:
                parts.append(f"{p}: {retried[(wl, p)]} disturbed runs repeated")
        return "; ".join(parts)

    for wl in workloads:
        if wl in THROUGHPUT:
            s = {m: per_proxy(wl, m) for m in ("rps", "cpu_us_per_req", "sys_us_per_req", "upstream_conns",
                                               "upstream_conns_steady", "p99_ms")}
            rr = {o: ratios(wl, "rps", o) for o in ("nginx", "haproxy")}
            cr = {o: ratios(wl, "cpu_us_per_req", o) for o in ("nginx", "haproxy")}
            note = notes(wl)
            rows.append((wl, "req/s", {p: fmt_num(v and v["median"]) for p, v in s["rps"].items()},
                         fmt_spread(rr["nginx"]), fmt_spread(rr["haproxy"]), note))
            rows.append((wl, "proxy CPU µs/req", {p: fmt_num(v and v["median"], 1) for p, v in s["cpu_us_per_req"].items()},
                         fmt_spread(cr["nginx"]), fmt_spread(cr["haproxy"]), ""))
            if any(s["sys_us_per_req"].values()):
                rows.append((wl, "… of which kernel", {p: fmt_num(v and v["median"], 1)
                                                       for p, v in s["sys_us_per_req"].items()},
                             "", "", "stime: system calls and the TCP work they do"))
            rows.append((wl, "new upstream conns/run", {p: fmt_num(v and v["median"]) for p, v in s["upstream_conns"].items()},
                         "", "", ""))
            if any(s["upstream_conns_steady"].values()):
                rows.append((wl, "… of which in steady state", {p: fmt_num(v and v["median"])
                                                               for p, v in s["upstream_conns_steady"].items()},
                             "", "", "from 2 s after the start to 1 s before the end"))
            if wl == "W5":
                pr = {o: ratios(wl, "p99_ms", o) for o in ("nginx", "haproxy")}
                rows.append((wl, "p99 ms (wrk)", {p: fmt_num(v and v["median"], 2) for p, v in s["p99_ms"].items()},
                             fmt_spread(pr["nginx"]), fmt_spread(pr["haproxy"]), ""))
            summary[wl] = {"per_proxy": s, "rps_ratio": rr, "cpu_ratio": cr, "notes": note}
        elif wl == "L1":
            s = {m: per_proxy(wl, m) for m in ("p50_ms", "p99_ms", "cpu_us_per_req")}
            pr = {o: ratios(wl, "p99_ms", o) for o in ("nginx", "haproxy")}
            note = notes(wl)
            rows.append((wl, "p50 ms at 20k req/s", {p: fmt_num(v and v["median"], 2) for p, v in s["p50_ms"].items()},
                         "", "", ""))
            rows.append((wl, "p99 ms at 20k req/s", {p: fmt_num(v and v["median"], 2) for p, v in s["p99_ms"].items()},
                         fmt_spread(pr["nginx"]), fmt_spread(pr["haproxy"]), note))
            rows.append((wl, "proxy CPU µs/req", {p: fmt_num(v and v["median"], 1) for p, v in s["cpu_us_per_req"].items()},
                         "", "", ""))
            summary[wl] = {"per_proxy": s, "p99_ratio": pr, "notes": note}
        elif wl == "R1":
            failed, p99, died = {}, {}, {}
            for p in proxies:
                runs = list(by.get((wl, p), {}).values())
                failed[p] = sum(f.get("errors", 0) for r, f in runs)
                p99[p] = spread([f["p99_ms"] for r, f in runs if "p99_ms" in f])
                died[p] = sum(1 for r, f in runs if not f.get("alive_after", True) or r.get("dead"))
            rows.append((wl, "failed requests, all runs", {p: str(failed[p]) for p in proxies}, "", "",
                         "; ".join(f"{p} died {n}×" for p, n in died.items() if n)))
            logged = {p: sum(r.get("reloads_logged", 0) for r, f in by.get((wl, p), {}).values()) for p in proxies}
            sent = {p: sum(r.get("reloads_sent", 0) for r, f in by.get((wl, p), {}).values()) for p in proxies}
            rows.append((wl, "reloads logged / signalled", {p: f"{logged[p]} / {sent[p]}" for p in proxies}, "", "", ""))
            rows.append((wl, "p99 ms during reloads", {p: fmt_num(p99[p] and p99[p]["median"], 2) for p in proxies},
                         "", "", ""))
            summary[wl] = {"failed": failed, "p99_ms": p99, "died": died, "reloads_logged": logged,
                           "reloads_sent": sent}
        elif wl == "A1":
            # Per-run ratios of the two runs of one round, as Ferry ÷ nginx pairs them.
            # The line counts of invalid runs too: they are what made them invalid.
            s = {m: {p: spread([f[m] for r, f in by.get((wl, p), {}).values()
                                if f.get(m) and (f["valid"] or m == "log_lines_ratio")])
                     for p in A1_SIDES} for m in ("rps", "cpu_us_per_req", "log_lines_ratio")}
            rr = ratios(wl, "rps", "log-off", this="log-on")
            cr = ratios(wl, "cpu_us_per_req", "log-off", this="log-on")
            met = None if not rr else rr["median"] >= A1_TARGET
            note = "; ".join(n for n in (
                f"target: the log costs < 10% of throughput (ratio ≥ {A1_TARGET:.2f})"
                + ("" if met is None else (": met" if met else ": NOT met")),
                notes(wl, A1_SIDES)) if n)

            def on_off(m, digits):
                return (f"on {fmt_num(s[m]['log-on'] and s[m]['log-on']['median'], digits)}, "
                        f"off {fmt_num(s[m]['log-off'] and s[m]['log-off']['median'], digits)}")
            rows.append((wl, "req/s, access log on ÷ off", {"ferry": fmt_spread(rr)}, "", "",
                         f"{note}; medians {on_off('rps', 0)}"))
            rows.append((wl, "proxy CPU µs/req, access log on ÷ off", {"ferry": fmt_spread(cr)}, "", "",
                         f"medians {on_off('cpu_us_per_req', 1)}"))
            rows.append((wl, "access log lines ÷ requests", {"ferry": fmt_spread(s["log_lines_ratio"]["log-on"], 3)},
                         "", "", f"more than {LOG_LINES_TOLERANCE:.0%} off invalidates a run"))
            summary[wl] = {"per_side": s, "rps_ratio": rr, "cpu_ratio": cr, "target_rps_ratio": A1_TARGET,
                           "target_met": met, "notes": note}
        elif wl == "M1":
            kb = {}
            for p in proxies:
                rec = by.get((wl, p), {}).get(1)
                if rec:
                    r = rec[0]
                    kb[p] = {"idle_mb": r["rss0_kb"] / 1024.0,
                             "kb_per_conn_1k": (r["rss1k_kb"] - r["rss0_kb"]) / 1000.0,
                             "kb_per_conn_10k": (r["rss10k_kb"] - r["rss0_kb"]) / r.get("big", 10000),
                             "big": r.get("big", 10000),
                             "heap_kb_per_conn_1k": (r.get("heap1k_kb", 0) - r.get("heap0_kb", 0)) / 1000.0,
                             "heap_kb_per_conn_10k": (r.get("heap10k_kb", 0) - r.get("heap0_kb", 0)) / r.get("big", 10000),
                             "held": r["held"]}
            for key, label in (("kb_per_conn_1k", "KB/idle conn (1,000)"), ("kb_per_conn_10k", "KB/idle conn (10,000; HAProxy 9,000)")):
                ratio = lambda o: (f"{kb['ferry'][key] / kb[o][key]:.2f}"
                                   if "ferry" in kb and o in kb and kb[o][key] > 0 else "-")
                rows.append((wl, label, {p: fmt_num(kb[p][key], 2) if p in kb else "-" for p in proxies},
                             ratio("nginx"), ratio("haproxy"),
                             "; ".join(f"{p}: {v['held']}" for p, v in kb.items() if not v["held"].startswith("ok"))))
            if "ferry" in kb:
                rows.append((wl, "Ferry live heap KB/idle conn (1,000 / 10,000)",
                             {"ferry": f"{kb['ferry']['heap_kb_per_conn_1k']:.2f} / {kb['ferry']['heap_kb_per_conn_10k']:.2f}"},
                             "", "", "after a full GC; in the RSS above"))
            rows.append((wl, "RSS idle, MB", {p: fmt_num(kb[p]["idle_mb"], 1) if p in kb else "-" for p in proxies},
                         "", "", ""))
            summary[wl] = kb
    return rows, summary, proxies


def table(meta_path, runs_path, out_path):
    meta = json.load(open(meta_path))
    records = [json.loads(l) for l in open(runs_path) if l.strip()]
    rows, summary, proxies = summarise(meta, records)
    hz = meta["clk_tck"]
    head = ["id", "metric"] + proxies + ["Ferry ÷ nginx", "Ferry ÷ HAProxy", "notes"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for wl, metric, vals, rn, rh, note in rows:
        lines.append("| " + " | ".join([wl, metric] + [vals.get(p, "-") for p in proxies] + [rn, rh, note]) + " |")
    dist = [r for r in records if figures(r, hz).get("disturbed") and not r.get("superseded")]
    repeated = sum(1 for r in records if r.get("superseded"))
    print()
    print(f"Ferry vs nginx {meta['versions']['nginx']} and HAProxy {meta['versions']['haproxy']} — "
          f"{meta['mode']} run {meta['stamp']}, commit {meta['commit']}, {meta['runs']} runs × "
          f"{meta['duration_s']} s per cell, {meta['layout']}")
    print("ratios: median of per-run ratios (min–max); CPU: proxy process utime+stime ÷ requests")
    print()
    print("\n".join(lines))
    print()
    print(f"load average before {meta['loadavg_before']}, after {meta['loadavg_after']}; "
          f"{len(dist)} of {len(records) - repeated} runs disturbed (other processes > {DISTURBED_PCT:.0f}% of a CPU), "
          f"{repeated} disturbed runs repeated")
    result = {"meta": meta, "summary": summary, "table": lines,
              "runs": [dict(r, figures=figures(r, hz)) for r in records]}
    with open(out_path, "w") as f:
        json.dump(result, f, indent=1, ensure_ascii=False)
        f.write("\n")


# ------------------------------------------------------------------ JFR
def class_name(fr):
    return fr["method"]["type"]["name"].replace("/", ".")


def frame_name(fr):
    return f"{class_name(fr)}.{fr['method']['name']}"


def jfr_events(tool, recording, events, depth):
    out = subprocess.run([tool, "print", "--json", "--stack-depth", str(depth), "--events", events, recording],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)["recording"]["events"]


def seconds(v):
    """JFR durations print as ISO-8601 ('PT0.0012S') or as numbers of nanoseconds."""
    if isinstance(v, (int, float)):
        return v / 1e9
    m = re.match(r"PT(?:(\d+)M)?([\d.]+)S", v or "")
    return (int(m.group(1) or 0) * 60 + float(m.group(2))) if m else 0.0


def jfr(tool, recording, results_path):
    samples = jfr_events(tool, recording, "jdk.ExecutionSample", 64)
    self_top, ferry_top, cls = Counter(), Counter(), Counter()
    for e in samples:
        frames = (e["values"].get("stackTrace") or {}).get("frames") or []
        if not frames:
            continue
        self_top[frame_name(frames[0])] += 1
        cls[class_name(frames[0])] += 1
        # The Ferry frame nearest the leaf: which of Ferry's methods the time is spent under.
        first_ferry = next((frame_name(f) for f in frames if class_name(f).startswith("dev.ferry")), None)
        ferry_top[first_ferry or "(no Ferry frame in the top 64)"] += 1
    n = sum(self_top.values()) or 1
    # Samples of threads in native code (syscalls: epoll_wait, read, write), beside the Java ones.
    native = Counter()
    for e in jfr_events(tool, recording, "jdk.NativeMethodSample", 1):
        frames = (e["values"].get("stackTrace") or {}).get("frames") or []
        thread = (e["values"].get("sampledThread") or {}).get("javaName") or "?"
        if frames:
            native[f"{frame_name(frames[0])}  [{thread}]"] += 1
    allocs = jfr_events(tool, recording, "jdk.ObjectAllocationSample", 1)
    alloc_total = sum(e["values"]["weight"] for e in allocs)
    alloc_by_class = Counter()
    for e in allocs:
        alloc_by_class[e["values"]["objectClass"]["name"]] += e["values"]["weight"]
    gcs = jfr_events(tool, recording, "jdk.GarbageCollection", 1)
    pauses = [seconds(e["values"].get("sumOfPauses")) for e in gcs]
    gc_names = Counter(e["values"].get("name") for e in gcs)

    results = json.load(open(results_path))
    ferry_requests = sum(r.get("load", {}).get("requests", 0) for r in results["runs"] if r["proxy"] == "ferry")
    warm = results["meta"].get("warm_requests_ferry", 0)
    total_requests = ferry_requests + warm

    def top(counter, k, total, unit=""):
        return [f"{v * 100.0 / total:5.1f}%  {name}" for name, v in counter.most_common(k)]

    print()
    print(f"JFR {recording}: {n} Java execution samples, {sum(native.values())} native samples")
    print("top frames (self):")
    print("\n".join("  " + l for l in top(self_top, 25, n)))
    print("top first Ferry frame on the stack (inclusive):")
    print("\n".join("  " + l for l in top(ferry_top, 15, n)))
    print("self samples by class:")
    print("\n".join("  " + l for l in top(cls, 12, n)))
    print("native samples (share of native samples):")
    print("\n".join("  " + l for l in top(native, 6, sum(native.values()) or 1)))
    if total_requests:
        print(f"allocation: ~{alloc_total / total_requests:,.0f} bytes per request "
              f"({alloc_total / 1e6:,.0f} MB sampled weight ÷ {total_requests:,} requests incl. warm-up)")
    print("allocation by class:")
    print("\n".join("  " + l for l in top(alloc_by_class, 12, alloc_total or 1)))
    if pauses:
        print(f"GC: {len(pauses)} collections ({', '.join(f'{k} {v}' for k, v in gc_names.items())}), "
              f"pauses total {sum(pauses) * 1000:.1f} ms, longest {max(pauses) * 1000:.2f} ms")
    else:
        print("GC: no collection during the recording")
    results["jfr"] = {
        "samples": n,
        "top_self": self_top.most_common(40),
        "top_first_ferry_frame": ferry_top.most_common(20),
        "by_class": cls.most_common(20),
        "native": native.most_common(10),
        "alloc_bytes_per_request": alloc_total / total_requests if total_requests else None,
        "alloc_by_class": alloc_by_class.most_common(20),
        "gc": {"count": len(pauses), "pause_total_ms": sum(pauses) * 1000,
               "pause_max_ms": max(pauses) * 1000 if pauses else 0, "collectors": dict(gc_names)},
    }
    with open(results_path, "w") as f:
        json.dump(results, f, indent=1, ensure_ascii=False)
        f.write("\n")


def main():
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "probe":
        sys.exit(probe(*args))
    elif cmd == "h2load":
        h2load(*args)
    elif cmd == "line":
        line(*args)
    elif cmd == "table":
        table(*args)
    elif cmd == "jfr":
        jfr(*args)
    else:
        sys.exit(f"unknown command {cmd}")


if __name__ == "__main__":
    main()
