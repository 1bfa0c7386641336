#!/usr/bin/env python3
"""NEWS2 baseline: the Royal College of Physicians' NEWS2 chart in plain Python.

Scores the same observation sets as Vigil's Swift `NEWS2Calculator` (generated
by the same SplitMix64 algorithm from the same seed, see README.md) and prints
the elapsed scoring time and a checksum of the results, so the two can be run
side by side and their results compared exactly.

Plain Python on purpose: functions, if-chains, tuples; no numpy, no tricks.

    python3 news2.py                      # 1,000,000 sets, seed 2026
    python3 news2.py --count 10000        # fewer sets
    python3 news2.py --dump 5             # print the first 5 sets and their scores
"""

import argparse
import json
import math
import sys
import time

MASK64 = (1 << 64) - 1

# Missing values are None. Oxygen: "air" / "oxygen". Consciousness: "A", "C", "V", "P", "U".
RISK_NONE, RISK_LOW, RISK_LOW_MEDIUM, RISK_MEDIUM, RISK_HIGH = 0, 1, 2, 3, 4
RISK_NAMES = ["none", "low", "lowMedium", "medium", "high"]


class SplitMix64:
    """SplitMix64 (Steele, Lea, Flood 2014), as in Swift's NEWS2SampleGenerator."""

    def __init__(self, seed):
        self.state = seed & MASK64

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK64
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
        return z ^ (z >> 31)

    def below(self, n):
        """A number in 0..<n: the next 64 bits modulo n."""
        return self.next() % n


def generate(rng):
    """One observation set: (scale, rr, spo2, oxygen, sbp, pulse, consciousness, temp).

    Thirteen draws per set, always in this order (a value is drawn even when
    the parameter turns out missing):
      1. scale: 2 when below(5) == 0, else 1
      2-3. rr: missing when below(100) < 3; value (8 + below(73)) / 2      -> 4.0 ... 40.0 by 0.5
      4-5. spo2: missing when below(100) < 3; value (160 + below(41)) / 2  -> 80.0 ... 100.0 by 0.5
      6. oxygen: below(10) 0-1 -> oxygen, 2 -> missing, else air
      7-8. sbp: missing when below(100) < 3; value (140 + below(361)) / 2  -> 70.0 ... 250.0 by 0.5
      9-10. pulse: missing when below(100) < 3; value (60 + below(301)) / 2 -> 30.0 ... 180.0 by 0.5
      11. consciousness: below(20) 0 -> missing, 1 C, 2 V, 3 P, 4 U, else A
      12-13. temp: missing when below(100) < 3; value (3300 + below(901)) / 100 -> 33.00 ... 42.00 by 0.01
    """
    scale = 2 if rng.below(5) == 0 else 1
    rr_missing = rng.below(100) < 3
    rr = (8 + rng.below(73)) / 2
    spo2_missing = rng.below(100) < 3
    spo2 = (160 + rng.below(41)) / 2
    oxygen_draw = rng.below(10)
    oxygen = "oxygen" if oxygen_draw < 2 else (None if oxygen_draw == 2 else "air")
    sbp_missing = rng.below(100) < 3
    sbp = (140 + rng.below(361)) / 2
    pulse_missing = rng.below(100) < 3
    pulse = (60 + rng.below(301)) / 2
    consciousness_draw = rng.below(20)
    consciousness = None if consciousness_draw == 0 else ("ACVPU"[consciousness_draw] if consciousness_draw < 5 else "A")
    temp_missing = rng.below(100) < 3
    temp = (3300 + rng.below(901)) / 100
    return (
        scale,
        None if rr_missing else rr,
        None if spo2_missing else spo2,
        oxygen,
        None if sbp_missing else sbp,
        None if pulse_missing else pulse,
        consciousness,
        None if temp_missing else temp,
    )


def round_half_away(x):
    """x rounded to a whole number, halves away from zero (Python's round() rounds halves to even)."""
    a = abs(x)
    f = math.floor(a)
    if a - f >= 0.5:
        f += 1
    return math.copysign(f, x)


# The chart. Every value is first rounded to the chart's precision (whole
# numbers; temperature to 0.1 degC, compared in tenths), halves away from zero.

def score_rr(rr):
    r = round_half_away(rr)
    if r <= 8:
        return 3
    if r <= 11:
        return 1
    if r <= 20:
        return 0
    if r <= 24:
        return 2
    return 3


def score_spo2_scale1(spo2):
    s = round_half_away(spo2)
    if s <= 91:
        return 3
    if s <= 93:
        return 2
    if s <= 95:
        return 1
    return 0


def score_spo2_scale2(spo2, on_oxygen):
    s = round_half_away(spo2)
    if s <= 83:
        return 3
    if s <= 85:
        return 2
    if s <= 87:
        return 1
    if s <= 92 or not on_oxygen:
        return 0
    if s <= 94:
        return 1
    if s <= 96:
        return 2
    return 3


def score_sbp(sbp):
    s = round_half_away(sbp)
    if s <= 90:
        return 3
    if s <= 100:
        return 2
    if s <= 110:
        return 1
    if s <= 219:
        return 0
    return 3


def score_pulse(pulse):
    p = round_half_away(pulse)
    if p <= 40:
        return 3
    if p <= 50:
        return 1
    if p <= 90:
        return 0
    if p <= 110:
        return 1
    if p <= 130:
        return 2
    return 3


def score_temp(temp):
    t = round_half_away(temp * 10)
    if t <= 350:
        return 3
    if t <= 360:
        return 1
    if t <= 380:
        return 0
    if t <= 390:
        return 1
    return 2


def score(scale, rr, spo2, oxygen, sbp, pulse, consciousness, temp,
          baseline_oxygen="air", baseline_consciousness="A"):
    """(total, risk, missing count, assumed count) of one observation set."""
    missing = 0
    assumed = 0
    if oxygen is None:
        oxygen = baseline_oxygen
        assumed += 1
    if consciousness is None:
        consciousness = baseline_consciousness
        assumed += 1
    on_oxygen = oxygen == "oxygen"
    subs = []
    if rr is None:
        missing += 1
    else:
        subs.append(score_rr(rr))
    if spo2 is None:
        missing += 1
    elif scale == 2:
        subs.append(score_spo2_scale2(spo2, on_oxygen))
    else:
        subs.append(score_spo2_scale1(spo2))
    subs.append(2 if on_oxygen else 0)
    if sbp is None:
        missing += 1
    else:
        subs.append(score_sbp(sbp))
    if pulse is None:
        missing += 1
    else:
        subs.append(score_pulse(pulse))
    subs.append(0 if consciousness == "A" else 3)
    if temp is None:
        missing += 1
    else:
        subs.append(score_temp(temp))
    total = sum(subs)
    if total == 0:
        risk = RISK_NONE
    elif total >= 7:
        risk = RISK_HIGH
    elif total >= 5:
        risk = RISK_MEDIUM
    elif 3 in subs:
        risk = RISK_LOW_MEDIUM
    else:
        risk = RISK_LOW
    return total, risk, missing, assumed


# The checksum is FNV-1a (64-bit) over one value per set, in order:
# total * 8 + risk rank (none 0, low 1, lowMedium 2, medium 3, high 4).
FNV_OFFSET = 0xCBF29CE484222325
FNV_PRIME = 0x100000001B3


def main():
    parser = argparse.ArgumentParser(description="Score generated NEWS2 observation sets in plain Python.")
    parser.add_argument("--count", type=int, default=1_000_000, help="observation sets to score")
    parser.add_argument("--seed", type=int, default=2026, help="SplitMix64 seed")
    parser.add_argument("--chunk", type=int, default=100_000, help="sets generated (untimed) before each timed batch")
    parser.add_argument("--dump", type=int, default=0, help="print the first N sets and their scores, then stop")
    args = parser.parse_args()

    rng = SplitMix64(args.seed)
    if args.dump:
        for _ in range(args.dump):
            s = generate(rng)
            total, risk, missing, assumed = score(*s)
            print(json.dumps({"set": list(s), "total": total, "risk": RISK_NAMES[risk],
                              "missing": missing, "assumed": assumed}))
        return

    checksum = FNV_OFFSET
    total_sum = 0
    partial = 0
    elapsed = 0.0
    done = 0
    while done < args.count:
        n = min(args.chunk, args.count - done)
        batch = [generate(rng) for _ in range(n)]  # untimed
        start = time.perf_counter()
        for s in batch:
            total, risk, missing, _ = score(*s)
            checksum = ((checksum ^ (total * 8 + risk)) * FNV_PRIME) & MASK64
            total_sum += total
            if missing:
                partial += 1
        elapsed += time.perf_counter() - start
        done += n

    rate = args.count / elapsed if elapsed > 0 else float("inf")
    print(f"news2.py: scored {args.count:,} sets in {elapsed:.3f} s ({rate:,.0f} sets/s); "
          f"seed {args.seed}; checksum 0x{checksum:016x}; sum of totals {total_sum}; partial {partial}")
    print(json.dumps({"name": "news2-python", "sets": args.count, "seed": args.seed, "seconds": elapsed,
                      "checksum": f"0x{checksum:016x}", "totalSum": total_sum, "partial": partial}))


if __name__ == "__main__":
    sys.exit(main())
