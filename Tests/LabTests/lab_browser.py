"""Drives Debian's chromium through the DevTools protocol (over --remote-debugging-pipe, no extra
package) against a running `workbench serve`, at 1280 and 390 px: changes the learning rate, runs,
watches the live chart gain points and the run's figures swap in, compares two runs, stops a run
and changes a cost calculator field. Writes one JSON object with what it measured (see
Tests/Fixtures/oracle_result.py); exits 1 when a check fails, naming the failures on standard error.

usage: lab_browser.py BASE_URL SCREENSHOT_FOLDER
"""
import base64
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

BASE, SHOTS = sys.argv[1].rstrip("/"), sys.argv[2]
os.makedirs(SHOTS, exist_ok=True)
failures = []


def check(condition, what):
    if not condition:
        failures.append(what)
    return condition


class Browser:
    def __init__(self):
        chromium = shutil.which("chromium") or shutil.which("chromium-browser")
        self.profile = tempfile.mkdtemp(prefix="lab-browser-")
        to_browser_read, self.to_browser = os.pipe()
        self.from_browser, from_browser_write = os.pipe()

        def pipes():
            os.dup2(to_browser_read, 3)
            os.dup2(from_browser_write, 4)

        self.process = subprocess.Popen(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
             "--disable-extensions", "--disable-dev-shm-usage", "--remote-debugging-pipe",
             "--user-data-dir=" + self.profile, "about:blank"],
            pass_fds=(3, 4), preexec_fn=pipes, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_browser_read)
        os.close(from_browser_write)
        self.buffer = b""
        self.next_id = 0
        self.session = None

    def send(self, method, params=None, session=True):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session and self.session:
            message["sessionId"] = self.session
        os.write(self.to_browser, json.dumps(message).encode() + b"\0")
        while True:
            while b"\0" not in self.buffer:
                chunk = os.read(self.from_browser, 1 << 16)
                if not chunk:
                    raise RuntimeError("chromium closed its pipe")
                self.buffer += chunk
            raw, self.buffer = self.buffer.split(b"\0", 1)
            reply = json.loads(raw)
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})

    def open(self, width):
        target = self.send("Target.createTarget", {"url": "about:blank"}, session=False)["targetId"]
        self.session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True}, session=False)["sessionId"]
        self.send("Runtime.enable")
        self.send("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 500})

    def go(self, path):
        self.send("Page.navigate", {"url": BASE + path})
        self.wait("document.readyState === 'complete'", 30)

    def eval(self, expression):
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True})
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait(self, expression, seconds):
        deadline = time.time() + seconds
        while time.time() < deadline:
            try:
                if self.eval(expression):
                    return True
            except RuntimeError:
                pass
            time.sleep(0.05)
        return False

    def screenshot(self, name):
        data = self.send("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})["data"]
        path = os.path.join(SHOTS, name)
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))
        return path

    def screenshot_of(self, selector, name):
        """A screenshot of the element `selector` alone (for the README)."""
        box = self.eval(f"(function () {{ var e = document.querySelector({json.dumps(selector)}); e.scrollIntoView(); "
                        "var r = e.getBoundingClientRect(); return {x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: r.height}; })()")
        box["scale"] = 1
        data = self.send("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True, "clip": box})["data"]
        path = os.path.join(SHOTS, name)
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))
        return path

    def close(self):
        self.process.kill()
        self.process.wait()
        shutil.rmtree(self.profile, ignore_errors=True)


def run(browser, lr, quick=True, finish=True):
    """Sets the learning rate, presses Run, and waits for the chart to gain points (and the run to end)."""
    browser.eval(f"document.getElementById('lab-option-lr').value = '{lr}'; "
                 f"document.getElementById('lab-quick').checked = {'true' if quick else 'false'}; "
                 "window.lab.points = 0; document.getElementById('lab-run').click(); true")
    gained = browser.wait("window.lab.points >= 2", 120)
    if finish:
        browser.wait("window.lab.state !== 'running'", 300)
    return gained


report = {"widths": {}}
browser = Browser()
try:
    for width in (1280, 390):
        browser.open(width)
        browser.go("/lessons/training-loop.html")
        check(browser.wait("document.getElementById('lab-option-lr') !== null", 30), f"{width}: the run panel and its lr control appear")
        check(browser.eval("document.getElementById('lab-option-lr').getAttribute('min')") == "0", f"{width}: lr's range comes from the table")
        entry = {}
        check(run(browser, 0.005), f"{width}: the live chart gains points")
        check(browser.eval("window.lab.state") == "finished", f"{width}: the run finishes")
        check(browser.wait("window.lab.figures > 0 && Array.from(document.querySelectorAll('#lab-results img')).every(i => i.complete && i.naturalWidth > 0)", 30),
              f"{width}: the run's figures swap in and load")
        entry["points"] = browser.eval("window.lab.latencies.length")
        entry["overflow"] = browser.eval("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        check(entry["overflow"] <= 0, f"{width}: no horizontal overflow ({entry['overflow']} px)")
        entry["screenshot_run"] = browser.screenshot(f"lab-run-{width}.png")
        entry["screenshot_run_panel"] = browser.screenshot_of("#lab-panel", f"lab-run-panel-{width}.png")
        if width == 1280:
            check(run(browser, 0.05), "a second run gains points")
            browser.eval("document.getElementById('lab-compare-view').open = true; true")
            browser.wait("document.getElementById('lab-compare-a').options.length >= 2", 10)
            browser.eval("document.getElementById('lab-compare').click(); true")
            check(browser.wait("window.lab.compared && window.lab.compared.length === 2 && document.querySelectorAll('#lab-compare-table tr').length > 3", 20),
                  "the compare view shows two runs side by side")
            entry["compare_rows"] = browser.eval("document.querySelectorAll('#lab-compare-table tr').length")
            entry["screenshot_compare"] = browser.screenshot("lab-compare-1280.png")
            entry["screenshot_compare_view"] = browser.screenshot_of("#lab-compare-view", "lab-compare-view-1280.png")
            entry["screenshot_panel"] = browser.screenshot_of("#lab-panel form", "lab-panel-controls-1280.png")
            check(run(browser, 0.05, quick=False, finish=False), "a full run gains points")
            browser.eval("document.getElementById('lab-stop').click(); true")
            check(browser.wait("window.lab.state === 'stopped'", 60), "Stop ends the run as stopped")
            entry["screenshot_stopped"] = browser.screenshot("lab-stopped-1280.png")
        latencies = browser.eval("window.lab.latencies")
        entry["latency_ms_median"] = statistics.median(latencies) if latencies else None
        entry["latency_ms_max"] = max(latencies) if latencies else None
        browser.go("/cost.html")
        check(browser.wait("window.lab.costUpdates >= 1", 30), f"{width}: the calculator answers")
        before = browser.eval("document.getElementById('lab-cost-total').textContent")
        browser.eval("var f = document.getElementById('lab-cost-tp'); f.value = '4'; f.dispatchEvent(new Event('input', {bubbles: true})); true")
        check(browser.wait(f"document.getElementById('lab-cost-total').textContent !== {json.dumps(before)}", 30),
              f"{width}: changing the tensor-parallel size redraws the memory bars")
        entry["cost_before"], entry["cost_after"] = before, browser.eval("document.getElementById('lab-cost-total').textContent")
        browser.eval("document.getElementById('lab-cost-layout').click(); true")
        check(browser.wait("document.getElementById('lab-cost-layout-table') !== null", 60), f"{width}: Find a layout lists layouts")
        entry["screenshot_cost"] = browser.screenshot(f"lab-cost-{width}.png")
        overflow = browser.eval("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        check(overflow <= 0, f"{width}: the cost page has no horizontal overflow ({overflow} px)")
        report["widths"][str(width)] = entry
finally:
    browser.close()

all_latencies = [report["widths"][w]["latency_ms_median"] for w in report["widths"] if report["widths"][w].get("latency_ms_median") is not None]
report["failures"] = failures
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Fixtures"))  # when run by hand
from oracle_result import write_result  # noqa: E402

write_result(report)
for failure in failures:
    print(f"lab_browser.py: {failure}", file=sys.stderr)
sys.exit(1 if failures else 0)
