"""Load test of `workbench serve` on loopback: starts the lab, starts a quick run, opens 50
event-stream clients on it and sends 2,000 page requests, then measures the idle server's CPU.
Prints the figures as JSON; exits 1 on any error, a 99th-percentile page latency of 50 ms or more,
or idle CPU of 1% of a core or more. Every loop is bounded and only 127.0.0.1 is contacted.

usage: lab_load.py WORKBENCH REPOSITORY
"""
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

WORKBENCH, REPOSITORY = sys.argv[1], sys.argv[2]
STREAMS, PAGES, PAGE_THREADS = 50, 2000, 4
PAGES_SERVED = ["/", "/lessons/training-loop.html", "/cost.html", "/site.css", "/lab/lab.js"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpu_seconds(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def peak_memory_kib(pid):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return None


port = free_port()
folder = tempfile.mkdtemp(prefix="lab-load-")
server = subprocess.Popen([WORKBENCH, "serve", "--port", str(port), "--output", folder], cwd=REPOSITORY,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
errors = []
try:
    deadline = time.time() + 300
    while time.time() < deadline:
        line = server.stdout.readline()
        if not line or "The lab is at" in line:
            break
    threading.Thread(target=lambda: server.stdout.read(), daemon=True).start()

    def request(connection, method, path, body=None):
        headers = {"Content-Type": "application/json"} if body is not None else {}
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, response.read()

    control = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    status, body = request(control, "POST", "/api/runs", json.dumps({"lesson": "training-loop", "quick": True}))
    if status != 201:
        errors.append(f"starting a run: {status} {body[:200]!r}")
    stream_events = []

    def follow():
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            connection.request("GET", "/api/runs/1/events")
            response = connection.getresponse()
            if response.status != 200:
                errors.append(f"event stream: {response.status}")
                return
            text = response.read().decode()
            events = [b for b in text.split("\n\n") if b.startswith("id: ")]
            stream_events.append(len(events))
            if "event: end" not in text:
                errors.append("an event stream ended without the run's end")
        except Exception as error:  # noqa: BLE001 - every failure is an error of the test
            errors.append(f"event stream: {error}")

    streams = [threading.Thread(target=follow) for _ in range(STREAMS)]
    for t in streams:
        t.start()
    latencies = []
    lock = threading.Lock()

    def pages(count):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        for i in range(count):
            path = PAGES_SERVED[i % len(PAGES_SERVED)]
            started = time.perf_counter()
            try:
                status, _ = request(connection, "GET", path)
            except Exception as error:  # noqa: BLE001
                errors.append(f"GET {path}: {error}")
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                continue
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                latencies.append(elapsed)
            if status != 200:
                errors.append(f"GET {path}: {status}")

    workers = [threading.Thread(target=pages, args=(PAGES // PAGE_THREADS,)) for _ in range(PAGE_THREADS)]
    started = time.time()
    for t in workers:
        t.start()
    for t in workers:
        t.join(120)
    pages_seconds = time.time() - started
    for t in streams:
        t.join(300)
    latencies.sort()
    p99 = latencies[int(0.99 * (len(latencies) - 1))] if latencies else None
    peak = peak_memory_kib(server.pid)
    time.sleep(2)
    before = cpu_seconds(server.pid)
    time.sleep(10)
    idle = (cpu_seconds(server.pid) - before) / 10 * 100
    report = {
        "page_requests": len(latencies), "page_p50_ms": statistics.median(latencies) if latencies else None, "page_p99_ms": p99,
        "pages_seconds": round(pages_seconds, 2), "event_streams": len(stream_events),
        "events_per_stream": sorted(set(stream_events)), "errors": errors[:10], "error_count": len(errors),
        "server_peak_memory_mib": round(peak / 1024, 1) if peak else None, "idle_cpu_percent_of_a_core": round(idle, 3),
    }
    print(json.dumps(report))
    ok = not errors and len(latencies) == PAGES and len(stream_events) == STREAMS and p99 is not None and p99 < 50 and idle < 1
    sys.exit(0 if ok else 1)
finally:
    server.send_signal(2)
    try:
        server.wait(15)
    except subprocess.TimeoutExpired:
        server.kill()
