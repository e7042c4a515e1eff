#!/usr/bin/python3
"""Load and report of the soak test (tests/soak/soak.sh); standard library only.

  soakload.py load URL KEY BODY_FILE CONNECTIONS STOP_FILE OUT_CSV
      keeps CONNECTIONS kept-alive connections busy (the next request as soon as the
      answer is in) until STOP_FILE exists, then writes one line per request to OUT_CSV:
      sent_epoch,status,served_by,latency_ms,detail  (status 0: the connection broke;
      detail: the start of a failed answer's body)
  soakload.py report OUT_CSV PHASES_FILE KILLS RSS_START_KB RSS_END_KB
      prints requests sent, failed, split error, p99 latency and rolloutd's memory, and
      exits 1 when a request failed beyond the counted kill cases (one 502 per killed
      instance), when the split is off by more than $SPLIT_TOLERANCE percentage points
      (default 3) or when rolloutd grew by more than $MAX_RSS_GROWTH_MB (default 64).

PHASES_FILE has one line per acknowledged traffic change: "EPOCH name=pct name=pct ...".
"""

import csv
import http.client
import os
import sys
import threading
import time


def load(url, key, body_file, connections, stop_file, out_csv):
    host_port = url.split("//", 1)[1].split("/", 1)[0]
    host, port = host_port.rsplit(":", 1)
    with open(body_file, "rb") as f:
        body = f.read()
    headers = {"Authorization": "Bearer " + key, "Content-Type": "application/json"}
    records = []
    lock = threading.Lock()

    def worker():
        mine = []
        conn = None
        while not os.path.exists(stop_file):
            if conn is None:
                conn = http.client.HTTPConnection(host, int(port), timeout=30)
            sent = time.time()
            started = time.perf_counter()
            try:
                conn.request("POST", "/score", body, headers)
                answer = conn.getresponse()
                data = answer.read()
                status = answer.status
                detail = "" if status == 200 else data[:200].decode("utf-8", "replace")
                served = answer.getheader("azureml-model-deployment", "")
                if answer.getheader("Connection", "").lower() == "close":
                    conn.close()
                    conn = None
            except (OSError, http.client.HTTPException):
                status, served = 0, ""
                detail = "connection broke"
                conn.close()
                conn = None
            mine.append((sent, status, served, (time.perf_counter() - started) * 1000.0, detail))
        with lock:
            records.extend(mine)

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    records.sort()
    with open(out_csv, "w", newline="") as f:
        writer = csv.writer(f)
        for sent, status, served, latency, detail in records:
            writer.writerow([f"{sent:.6f}", status, served, f"{latency:.3f}", detail])


def percentile(values, fraction):
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def report(out_csv, phases_file, kills, rss_start_kb, rss_end_kb):
    with open(out_csv, newline="") as f:
        rows = [(float(r[0]), int(r[1]), r[2], float(r[3]), r[4]) for r in csv.reader(f)]
    phases = []
    with open(phases_file) as f:
        for line in f:
            parts = line.split()
            if parts:
                split = {}
                for item in parts[1:]:
                    name, pct = item.split("=")
                    split[name] = int(pct)
                phases.append((float(parts[0]), split))

    sent = len(rows)
    by_status = {}
    details = {}
    for _, status, _, _, detail in rows:
        by_status[status] = by_status.get(status, 0) + 1
        if status != 200:
            details[detail] = details.get(detail, 0) + 1
    failed = sent - by_status.get(200, 0)
    bad_gateway = by_status.get(502, 0)
    allowed = min(bad_gateway, kills)
    unexplained = failed - allowed

    # Split error: in each phase (from 1 s after the change was acknowledged, so answers
    # routed before it are out, to the next change), the share of answers each deployment
    # was chosen for (its azureml-model-deployment header, whatever the status) against its
    # traffic percentage; phases with fewer than 200 answers are too short.
    worst = 0.0
    weighted = 0.0
    counted = 0
    for i, (start, split) in enumerate(phases):
        end = phases[i + 1][0] if i + 1 < len(phases) else float("inf")
        served = [r[2] for r in rows if start + 1.0 <= r[0] < end and r[2]]
        total = sum(split.values())
        if len(served) < 200 or total == 0:
            continue
        error = max(abs(100.0 * served.count(name) / len(served) - 100.0 * pct / total)
                    for name, pct in split.items())
        worst = max(worst, error)
        weighted += error * len(served)
        counted += len(served)

    latencies = [r[3] for r in rows if r[1] == 200]
    duration = (rows[-1][0] - rows[0][0]) if len(rows) > 1 else 0.0
    growth_mb = (rss_end_kb - rss_start_kb) / 1024.0
    tolerance = float(os.environ.get("SPLIT_TOLERANCE", "3"))
    max_growth = float(os.environ.get("MAX_RSS_GROWTH_MB", "64"))

    print(f"requests sent      {sent} in {duration:.0f} s ({sent / max(duration, 1):.0f}/s)")
    print(f"answers by status  " + " ".join(f"{k}:{v}" for k, v in sorted(by_status.items())))
    print(f"failed             {failed} ({allowed} of them 502 of the {kills} instance kill(s), "
          f"allowed; {unexplained} not allowed)")
    print(f"split error        max {worst:.2f} pp, mean {weighted / max(counted, 1):.2f} pp "
          f"over {counted} answers in {len(phases)} traffic phase(s)")
    print(f"latency            p50 {percentile(latencies, 0.50):.1f} ms, "
          f"p99 {percentile(latencies, 0.99):.1f} ms, max {max(latencies, default=0):.1f} ms")
    print(f"rolloutd RSS       start {rss_start_kb / 1024:.1f} MB, end {rss_end_kb / 1024:.1f} MB "
          f"({growth_mb:+.1f} MB)")
    problems = []
    if sent == 0:
        problems.append("no request was sent")
    if unexplained > 0:
        problems.append(f"{unexplained} request(s) failed beyond the counted kill cases")
    if worst > tolerance:
        problems.append(f"split error {worst:.2f} pp exceeds {tolerance} pp")
    if growth_mb > max_growth:
        problems.append(f"rolloutd grew by {growth_mb:.1f} MB (more than {max_growth} MB)")
    for detail, count in sorted(details.items(), key=lambda item: -item[1])[:5]:
        print(f"  {count} x {detail}")
    for p in problems:
        print("FAIL: " + p)
    print("soak: " + ("FAILED" if problems else "passed"))
    return 1 if problems else 0


def main(argv):
    if len(argv) == 8 and argv[1] == "load":
        load(argv[2], argv[3], argv[4], int(argv[5]), argv[6], argv[7])
        return 0
    if len(argv) == 7 and argv[1] == "report":
        return report(argv[2], argv[3], int(argv[4]), int(argv[5]), int(argv[6]))
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
