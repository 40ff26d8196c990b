#!/usr/bin/env python3
"""Bytes allocated per request during one JFR recording: jfr_alloc.py FILE.jfr REQUESTS.

Sums, over every thread, the growth of jdk.ThreadAllocationStatistics (written at the recording's start and end)
and divides by REQUESTS; prints "<bytes>/req <MB total>" (or the total alone when REQUESTS is 0)."""
import json
import os
import subprocess
import sys


def main():
    path, requests = sys.argv[1], int(float(sys.argv[2]))
    jfr = os.path.join(os.environ.get("JAVA_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64"), "bin", "jfr")
    out = subprocess.run([jfr, "print", "--json", "--events", "jdk.ThreadAllocationStatistics", path],
                         capture_output=True, text=True, check=True).stdout
    low, high = {}, {}
    for e in json.loads(out)["recording"]["events"]:
        v = e["values"]
        tid = (v.get("thread") or {}).get("javaThreadId") or (v.get("thread") or {}).get("osName")
        a = int(v["allocated"])
        low[tid] = min(low.get(tid, a), a)
        high[tid] = max(high.get(tid, a), a)
    total = sum(high[t] - low[t] for t in high)
    if requests > 0:
        print("%d B/req (%.1f MB in %d requests)" % (total // requests, total / 1e6, requests))
    else:
        print("%.1f MB" % (total / 1e6))


if __name__ == "__main__":
    main()
