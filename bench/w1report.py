"""Summarise bench/w1.sh's rows: best rep per runner, ms/test, ratios to the Jupiter empty floor."""
import sys

n = int(sys.argv[1])
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[2]) if l.strip()]
best = {}
order = []
bad = []
for name, rep, wall, suites, tests, rc, failures in rows:
    wall, suites, tests, rc, failures = int(wall), int(suites), int(tests), int(rc), int(failures)
    if rc != 0 or failures or tests != n:
        bad.append(f"{name} rep {rep}: rc={rc}, {tests} tests run, {failures} failed")
    if name not in best:
        order.append(name)
        best[name] = (wall, suites, tests)
    else:
        w, s, t = best[name]
        best[name] = (min(w, wall), min(s, suites), t)

print(f"\nW1, N={n:,} tests in {max(1, n // 100)} classes (best of the reps; ms per test = time / N)")
print(f"{'runner':18} {'wall s':>8} {'ms/test':>8} {'x floor':>8}   {'suites s':>8} {'ms/test':>8} {'x floor':>8}")
floor = best.get("jupiter-empty")
for name in order:
    w, s, t = best[name]
    rw = f"{w / floor[0]:.2f}" if floor else "-"
    rs = f"{s / floor[1]:.2f}" if floor and floor[1] else "-"
    print(f"{name:18} {w / 1000:8.2f} {w / n:8.3f} {rw:>8}   {s / 1000:8.2f} {s / n:8.3f} {rs:>8}")
if floor and "loop-harness" in best:
    w, s, _ = best["loop-harness"]
    print(f"\nratio loop-harness / jupiter-empty: {w / floor[0]:.2f}x wall (surefire:test), "
          f"{s / floor[1]:.2f}x sum of suite times   (target <= 1.2x)")
body = best.get("jupiter-body")
if body and floor and "loop-harness" in best:
    w, s, _ = best["loop-harness"]
    print(f"W1's own code on Jupiter (jupiter-body, the bound for any engine): {body[0] / floor[0]:.2f}x wall, "
          f"{body[1] / floor[1]:.2f}x suites of the floor; loop-harness / jupiter-body: "
          f"{w / body[0]:.2f}x wall, {s / body[1]:.2f}x suites")
bare = best.get("bare-body")
if bare and floor:
    print(f"W1's own code on a bare engine (bare-body, the bound for any JUnit Platform engine): "
          f"{bare[0] / floor[0]:.2f}x wall, {bare[1] / floor[1]:.2f}x suites of the floor")
    if "loop-harness" in best:
        w, s, _ = best["loop-harness"]
        print(f"  per test above bare-body: loop-harness {(w - bare[0]) / n:.3f} ms wall, {(s - bare[1]) / n:.3f} ms suites")
    for e in ("bare-empty-1", "bare-empty", "jupiter-empty-6"):
        if e in best:
            print(f"  {e:16} {best[e][0] / floor[0]:.2f}x wall, {best[e][1] / floor[1]:.2f}x suites of the floor")
    if "hier-body" in best:
        h = best["hier-body"]
        print(f"  hier-body (bare-body on JUnit's HierarchicalTestEngine): {(h[0] - bare[0]) / n:+.3f} ms wall, "
              f"{(h[1] - bare[1]) / n:+.3f} ms suites per test against bare-body")
if "pytest-asyncio" in best and "loop-harness" in best:
    print(f"ratio loop-harness / pytest-asyncio, wall: {best['loop-harness'][0] / best['pytest-asyncio'][0]:.2f}x"
          "   (target <= 0.67x)")
if "loop-harness-vertx" in best and "jupiter-vertx" in best:
    vw, vs, _ = best["loop-harness-vertx"]
    jw, js, _ = best["jupiter-vertx"]
    line = (f"\nratio vertx-junit5 / loop-harness-vertx, per test: {jw / vw:.1f}x wall, "
            f"{js / vs:.1f}x sum of suite times")
    if floor and floor[1]:
        # What each costs per test on top of the runner's own (the Jupiter empty-test floor); when
        # the Vert.x provider's run is not above the floor, the floor's noise is all there is to see.
        def above(j, v, f):
            return f"{(j - f) / (v - f):.1f}x" if v - f > 0.02 * f and j > f else "n/a (at the floor)"
        line += (f"; above the floor: {above(jw, vw, floor[0])} wall, "
                 f"{above(js, vs, floor[1])} suites")
    print(line + "   (target >= 10x)")
    vb = best.get("bare-vertx-body")
    if vb and floor and floor[1]:
        print(f"  the Vert.x W1 body on a bare engine (bare-vertx-body, one shared context): "
              f"{vb[0] / n:.3f} ms/test wall, {vb[1] / n:.3f} suites; vertx-junit5 / it above the floor: "
              f"{above(jw, vb[0], floor[0])} wall, {above(js, vb[1], floor[1])} suites (the most any engine can reach)")
if bad:
    print("\nWARNING, runs that did not pass all N tests:\n  " + "\n  ".join(bad))
    sys.exit(1)
