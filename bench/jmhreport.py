"""Medians from a JMH JSON result: p50 of SampleTime benchmarks, median of SingleShotTime iterations."""
import json
import statistics
import sys

rows = json.load(open(sys.argv[1]))
print(f"\n{'benchmark':44} {'params':22} {'median':>12} {'p90':>12}  unit")
for r in rows:
    name = r["benchmark"].replace("dev.loopharness.bench.", "")
    params = ",".join(f"{k}={v}" for k, v in (r.get("params") or {}).items())
    m = r["primaryMetric"]
    unit = m["scoreUnit"]
    if r["mode"] == "sample":
        p = m["scorePercentiles"]
        med, p90 = p["50.0"], p["90.0"]
    else:
        raw = [x for fork in m["rawData"] for x in fork]
        med, p90 = statistics.median(raw), max(raw)
        unit += " (max)"
    print(f"{name:44} {params:22} {med:12.3f} {p90:12.3f}  {unit}")
