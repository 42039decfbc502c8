#!/usr/bin/env python3
"""Builds the benchmark table from deploy/local/bench.sh's raw results.

usage: report.py RAW_DIR OUT_DIR   -> prints the table, writes OUT_DIR/results.{json,md}

Every ratio is computed inside one run (scenario and floor measured minutes apart on the same
server), then reported as min / median / max over the runs; so are the absolute figures. A goal is
"met" on the median. Rows whose service is not on main say so and carry no number.
"""
import glob
import json
import os
import statistics
import sys

RAW, OUT = sys.argv[1], sys.argv[2]
meta = json.load(open(os.path.join(RAW, "meta.json")))
RUNS = meta["runs"]


def load(name, run):
    path = os.path.join(RAW, f"{name}.{run}.json")
    return json.load(open(path)) if os.path.exists(path) else None


def ghz(name, run):
    """rps, p50 ms, p99 ms, calls, non-OK calls of one ghz run."""
    r = load(name, run)
    if r is None:
        return None
    lat = {d["percentage"]: d["latency"] / 1e6 for d in r.get("latencyDistribution") or []}
    codes = r.get("statusCodeDistribution") or {}
    bad = sum(n for code, n in codes.items() if code != "OK")
    return {"rps": r["rps"], "p50": lat.get(50, 0.0), "p99": lat.get(99, 0.0),
            "calls": r["count"], "errors": bad, "codes": codes,
            "error_samples": list((r.get("errorDistribution") or {}).keys())[:3]}


def floor(name, run):
    r = load(name, run)
    if r is None:
        return None
    return {"rps": r["rps"], "p50": r["p50_ms"], "p99": r["p99_ms"], "calls": r["calls"],
            "errors": r["errors"], "codes": {}, "error_samples": []}


def serial(run):
    h, f = ghz("health", run), floor("floor_read", run)
    if not h or not f:
        return None
    # Health/Check, then the same primary-key read, one after the other: the costs add up.
    return {"rps": 1 / (1 / h["rps"] + 1 / f["rps"]), "p50": h["p50"] + f["p50"],
            "p99": h["p99"] + f["p99"], "calls": 0, "errors": 0, "codes": {}, "error_samples": []}


def triple(values):
    values = [v for v in values if v is not None]
    if not values:
        return None
    return {"min": min(values), "median": statistics.median(values), "max": max(values)}


rows = []


def row(scenario, service, goal, measure, ratio_of=None, kind=None, limit=None, note=""):
    """measure(run) -> figures; ratio_of(run, figures) -> ratio; kind: how the goal is read."""
    per_run = [measure(run) for run in range(1, RUNS + 1)]
    per_run = [p for p in per_run if p]
    entry = {"scenario": scenario, "service": service, "goal": goal, "note": note}
    if not per_run:
        entry["status"] = "not measured"
        rows.append(entry)
        return
    entry["rps"] = triple([p["rps"] for p in per_run])
    entry["p50_ms"] = triple([p["p50"] for p in per_run])
    entry["p99_ms"] = triple([p["p99"] for p in per_run])
    entry["calls"] = sum(p["calls"] for p in per_run)
    entry["errors"] = sum(p["errors"] for p in per_run)
    samples = [s for p in per_run for s in p["error_samples"]]
    if samples:
        entry["error_samples"] = samples[:3]
    if ratio_of:
        entry["ratio"] = triple([ratio_of(run) for run in range(1, RUNS + 1)])
    met = None
    if kind == "ratio_min" and entry.get("ratio"):
        met = entry["ratio"]["median"] >= limit
    elif kind == "ratio_max" and entry.get("ratio"):
        met = entry["ratio"]["median"] <= limit
    elif kind == "rps_min":
        met = entry["rps"]["median"] >= limit
    if met is not None:
        entry["met"] = met and entry["errors"] == 0
    rows.append(entry)
    return entry


def rps_ratio(a, b, fa=ghz, fb=ghz):
    def f(run):
        x, y = fa(a, run), fb(b, run)
        return x["rps"] / y["rps"] if x and y and y["rps"] else None
    return f


def cost_ratio(big, small):
    """Cost of a call on the big data over the cost on the small one (1/rps at the same load)."""
    def f(run):
        x, y = ghz(big, run), ghz(small, run)
        return y["rps"] / x["rps"] if x and y and x["rps"] else None
    return f


row("Health/Check, 16 in flight (floor)", "host", "floor", lambda r: ghz("health", r))
row("primary-key read, Connector/C++, 1 connection (floor)", "personnel", "floor",
    lambda r: floor("floor_read", r))
row("serial floor: Health/Check then the primary-key read", "personnel", "floor", serial)
row("single-row durable insert, 1 connection (floor)", "db", "floor",
    lambda r: floor("floor_insert", r))
gp = row("GetPerson, 16 in flight / serial floor", "personnel", ">= 0.80",
         lambda r: ghz("get_person", r),
         lambda r: (ghz("get_person", r)["rps"] / serial(r)["rps"]) if serial(r) else None,
         "ratio_min", 0.8)
row("GetPerson, 16 in flight / Health/Check", "personnel", ">= 0.50",
    lambda r: ghz("get_person", r), rps_ratio("get_person", "health"), "ratio_min", 0.5)
if gp and gp.get("p99_ms"):
    rows.append({"scenario": "GetPerson p99 (ms)", "service": "personnel", "goal": "<= 10 ms",
                 "p99_ms": gp["p99_ms"], "met": gp["p99_ms"]["median"] <= 10.0})
row("ListPersons page 1,000 vs page 1 (cost ratio)", "personnel", "<= 1.5",
    lambda r: ghz("list_deep", r), cost_ratio("list_deep", "list_first"), "ratio_max", 1.5,
    note="page size 100, keyset")
row("RecordTraining with request_id, 16 in flight / durable insert", "personnel", ">= 0.50",
    lambda r: ghz("record_training", r),
    rps_ratio("record_training", "floor_insert", fb=floor), "ratio_min", 0.5)
checks = json.load(open(os.path.join(RAW, "checks.json")))
sr = row("SubmitResponse, durable, unique respondents (calls/s)", "survey", ">= 1500/s",
         lambda r: ghz("submit_response", r),
         rps_ratio("submit_response", "floor_insert", fb=floor), "rps_min", 1500,
         note="ratio: to the durable insert")
if sr:
    ok = sum((ghz("submit_response", r) or {"codes": {}})["codes"].get("OK", 0)
             for r in range(1, RUNS + 1))
    stored = checks["responses_stored"]
    sr["check"] = f"acknowledged {ok}, stored {stored}"
    sr["integrity"] = stored == ok
    if stored != ok:
        sr["met"] = False
pa = row("RecordCommendation with request_id (calls/s)", "points", ">= 1000/s",
         lambda r: ghz("record_commendation", r),
         rps_ratio("record_commendation", "floor_insert", fb=floor), "rps_min", 1000,
         note="ratio: to the durable insert")
if pa:
    ok = sum((ghz("record_commendation", r) or {"codes": {}})["codes"].get("OK", 0)
             for r in range(1, RUNS + 1))
    pa["check"] = (f"acknowledged {ok}, entries {checks['entries_stored']}, "
                   f"balances off {checks['bad_balances']}")
    pa["integrity"] = checks["entries_stored"] == ok and checks["bad_balances"] == 0
    if not pa["integrity"]:
        pa["met"] = False
row("GetAssessmentStanding (reads personnel), 16 in flight / Health/Check", "assessment", "—",
    lambda r: ghz("assessment_standing", r), rps_ratio("assessment_standing", "health"))
row("GetSatisfactionRate, 100,000 vs 100 responses (cost ratio)", "survey", "<= 1.5",
    lambda r: ghz("rate_large", r), cost_ratio("rate_large", "rate_small"), "ratio_max", 1.5)
row("GetPointBalance, 100,000 vs 100 entries (cost ratio)", "points", "<= 1.5",
    lambda r: ghz("balance_large", r), cost_ratio("balance_large", "balance_small"), "ratio_max",
    1.5)

# Grading rows (bench.sh grading_scenarios): the requirement check through ghz; each round as
# raw/grading_round_<size>.RUN.json {"seconds", "auxiliaries", "entries", "pages"} from
# `auxpro-bench grading-round` (every page of ListRoundEntries at page_size 1000).
rc = row("requirement check for one person (reads 4 services), one in flight, p50", "grading",
         "p50 <= 5 ms", lambda r: ghz("requirement_check_1", r), note="one connection")
if rc and rc.get("p50_ms"):
    rc["met"] = rc["p50_ms"]["median"] <= 5.0 and rc["errors"] == 0
row("requirement check, 16 in flight / Health/Check", "grading", "—",
    lambda r: ghz("requirement_check", r), rps_ratio("requirement_check", "health"))


def round_row(title, goal, name, limit_of):
    runs = [load(name, r) for r in range(1, RUNS + 1)]
    runs = [x for x in runs if x]
    if not runs:
        rows.append({"scenario": title, "service": "grading", "goal": goal,
                     "status": "not measured"})
        return None
    value = triple([x["seconds"] for x in runs])
    limit = limit_of(value)
    entry = {"scenario": title, "service": "grading", "goal": goal, "value": value,
             "note": f"{runs[0]['auxiliaries']} persons read, {runs[0]['entries']} listed, "
                     f"{runs[0]['pages']} pages (s)"}
    if limit is not None:
        entry["met"] = value["median"] <= limit
    rows.append(entry)
    return value


small = round_row("grading round over 10,000 auxiliaries (s)", "<= 10 s", "grading_round_10k",
                  lambda v: 10.0)
round_row("grading round over 100,000 auxiliaries (s)", "<= 10 x the 10,000 round",
          "grading_round_100k", lambda v: 10.0 * small["median"] if small else None)

memory = json.load(open(os.path.join(RAW, "memory.json")))
rss_mb = memory["peak_rss_kb"] / 1024
rows.append({"scenario": "--target=all resident memory under the mixed load (MB)", "service": "host",
             "goal": "<= 150 MB", "value": {"min": rss_mb, "median": rss_mb, "max": rss_mb},
             "met": rss_mb <= 150, "note": "peak VmRSS, one mixed run"})
serving = triple([(load("serving", r) or {}).get("seconds") for r in range(1, RUNS + 1)])
rows.append({"scenario": "process start to SERVING, migrations applied (s)", "service": "host",
             "goal": "<= 2 s", "value": serving, "met": serving["median"] <= 2.0})
# Five processes (bench.sh five_processes): each service in its own auxpro-server.
row("five processes: Health/Check on the personnel process", "host", "shows the hops",
    lambda r: ghz("health_5p", r))
row("five processes: GetPerson / Health/Check of its process", "personnel", "shows the hops",
    lambda r: ghz("get_person_5p", r), rps_ratio("get_person_5p", "health_5p"),
    note="ratio to the one-process row: see the next")
row("five processes: GetPerson calls/s / one process", "personnel", "shows the hops",
    lambda r: ghz("get_person_5p", r), rps_ratio("get_person_5p", "get_person"))
row("five processes: requirement check, one in flight, p50", "grading", "shows the hops",
    lambda r: ghz("requirement_check_1_5p", r),
    lambda r: ((ghz("requirement_check_1_5p", r) or {}).get("p50", 0) /
               ghz("requirement_check_1", r)["p50"]) if ghz("requirement_check_1", r) and
    ghz("requirement_check_1", r)["p50"] else None,
    note="ratio: p50 to the one-process check's")
row("five processes: requirement check, 16 in flight", "grading", "shows the hops",
    lambda r: ghz("requirement_check_5p", r),
    rps_ratio("requirement_check_5p", "requirement_check"),
    note="ratio: calls/s to the one-process check")


def fmt3(t, f="{:.0f}"):
    if not t:
        return ""
    return "/".join(f.format(t[k]) for k in ("min", "median", "max"))


def cells(e):
    if "status" in e:
        return [e["scenario"], e["service"], e["goal"], e["status"], "", "", "", ""]
    ratio = fmt3(e.get("ratio"), "{:.2f}") if e.get("ratio") else fmt3(e.get("value"), "{:.2f}")
    met = "" if "met" not in e else ("yes" if e["met"] else "NO")
    extra = "; ".join(x for x in (e.get("check", ""), e.get("note", "")) if x)
    errors = "" if "errors" not in e else str(e["errors"])
    return [e["scenario"], e["service"], e["goal"], ratio, fmt3(e.get("rps")),
            fmt3(e.get("p50_ms"), "{:.2f}"), fmt3(e.get("p99_ms"), "{:.2f}"),
            f"{met} {errors and 'errors ' + errors} {extra}".strip()]


HEAD = ["scenario", "service", "goal", "ratio or value (min/med/max)", "calls/s (min/med/max)",
        "p50 ms", "p99 ms", "met / notes"]
table = [cells(e) for e in rows]
widths = [max(len(r[i]) for r in table + [HEAD]) for i in range(len(HEAD))]
print()
print(f"auxpro benchmark {meta['date']} ({'smoke' if meta['smoke'] else 'full'}, {RUNS} runs)")
for r in [HEAD] + table:
    print("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip())
print(f"machine: {meta['machine']}; kernel {meta['kernel']}")
print(f"versions: {meta['versions']}")
print(f"settings: {meta['settings']}; commit {meta['commit']} ({meta['build']})")

os.makedirs(OUT, exist_ok=True)
json.dump({"meta": meta, "rows": rows}, open(os.path.join(OUT, "results.json"), "w"), indent=2,
          ensure_ascii=False)
with open(os.path.join(OUT, "results.md"), "w") as md:
    md.write(f"Run {meta['date']} ({'smoke' if meta['smoke'] else 'full'}, {RUNS} runs), "
             f"commit {meta['commit']} ({meta['build']}).\n\n")
    md.write("| " + " | ".join(HEAD) + " |\n|" + "---|" * len(HEAD) + "\n")
    for r in table:
        md.write("| " + " | ".join(c.replace("|", "/") for c in r) + " |\n")
    md.write(f"\nMachine: {meta['machine']}; kernel {meta['kernel']}.  \n")
    md.write(f"Versions: {meta['versions']}.  \nSettings: {meta['settings']}.\n")
missing = [e["scenario"] for e in rows if e.get("errors")]
if missing:
    print("calls failed in: " + "; ".join(missing), file=sys.stderr)

# --check (the smoke test): every scenario of every service on main measured, no call failed.
if "--check" in sys.argv[3:]:
    unmeasured = [e["scenario"] for e in rows
                  if e.get("status") == "not measured" or (e.get("errors") or 0) > 0]
    unmeasured += [e["scenario"] + " (acknowledged writes missing or balances off)"
                   for e in rows if e.get("integrity") is False]
    if unmeasured:
        print("CHECK FAILED: not measured or calls failed: " + "; ".join(unmeasured),
              file=sys.stderr)
        sys.exit(1)
    print(f"check: {len(rows)} rows, every scenario measured, no call failed")
