"""Drives Debian's chromium through the DevTools protocol (over --remote-debugging-pipe, no extra
package) against a running `workbench serve`, at 1280 and 390 px: changes the learning rate, runs,
watches the live chart gain points and the run's figures swap in, compares two runs, stops a run
and changes a cost calculator field. Writes one JSON object with what it measured (see
Tests/Fixtures/oracle_result.py); exits 1 when a check fails, naming the failures on standard error.

At 1280 px it also uploads a text on /lab/text.html, trains on it and watches the live points and
samples, stops (and reads what was kept), resumes to the end, and generates from the trained model on
/lab/generate.html, checking that every token's bars carry the probabilities of the JSON answer
(summing to at most 1); at 390 px it generates from the `serve --model` directory.

usage: lab_browser.py BASE_URL SCREENSHOT_FOLDER [TEXT_STEPS]
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
TEXT_STEPS = int(sys.argv[3]) if len(sys.argv) > 3 else 60
REPOSITORY = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
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


def upload(browser, selector, path):
    """Chooses the file `path` in the file input `selector`, as a person picking it would."""
    root = browser.send("DOM.getDocument")["root"]["nodeId"]
    node = browser.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    browser.send("DOM.setFileInputFiles", {"files": [path], "nodeId": node})


def click(browser, element_id):
    browser.eval(f"document.getElementById({json.dumps(element_id)}).click(); true")


def glossary_text():
    """The glossary's entries, joined: a UTF-8 text of about 100 kB to train on."""
    folder = os.path.join(REPOSITORY, "glossary")
    parts = []
    for name in sorted(os.listdir(folder)):
        if name.endswith(".md"):
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                parts.append(f.read())
    path = os.path.join(tempfile.mkdtemp(prefix="lab-text-"), "glossary.txt")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(parts))
    return path


BARS_MATCH_JSON = """(function () {
  var answer = window.lab.generation, charts = document.querySelectorAll('.lab-token-chart'), problems = [];
  if (!answer || charts.length !== answer.steps.length) return ['charts ' + charts.length + ' for ' + (answer ? answer.steps.length : 'no') + ' tokens'];
  charts.forEach(function (chart, i) {
    var rows = chart.querySelectorAll('.lab-prob-row'), step = answer.steps[i], sum = 0;
    if (rows.length !== step.top.length) problems.push('token ' + (i + 1) + ': ' + rows.length + ' bars for ' + step.top.length);
    rows.forEach(function (row, j) {
      var p = Number(row.getAttribute('data-probability')); sum += p;
      if (p !== step.top[j].probability || Number(row.getAttribute('data-token-id')) !== step.top[j].id) problems.push('token ' + (i + 1) + ' bar ' + (j + 1) + ' differs from the JSON');
      var bar = row.querySelector('.lab-bar'), track = row.querySelector('.lab-prob-track');
      var expected = p * track.clientWidth;
      if (Math.abs(bar.getBoundingClientRect().width - expected) > 1.5) problems.push('token ' + (i + 1) + ' bar ' + (j + 1) + ' is ' + bar.getBoundingClientRect().width + ' px, not ' + expected);
      if (p > 0.02 && bar.getBoundingClientRect().width < 1) problems.push('token ' + (i + 1) + ' bar ' + (j + 1) + ' is invisible');
    });
    if (sum > 1 + 1e-9) problems.push('token ' + (i + 1) + ': the bars sum to ' + sum);
    if (chart.querySelectorAll('.lab-prob-row.lab-chosen').length !== (step.top.some(function (t) { return t.id === step.id; }) ? 1 : 0)) problems.push('token ' + (i + 1) + ': the drawn token is not marked once');
  });
  return problems;
})()"""


def generate(browser, prompt, tokens, top_k, temperature=1):
    browser.eval(f"document.getElementById('lab-gen-prompt').value = {json.dumps(prompt)}; "
                 f"document.getElementById('lab-gen-tokens').value = '{tokens}'; "
                 f"document.getElementById('lab-gen-topk').value = '{top_k}'; "
                 f"document.getElementById('lab-gen-temperature').value = '{temperature}'; "
                 "window.lab.generation = null; document.getElementById('lab-gen-run').click(); true")
    return browser.wait("window.lab.generation !== null && document.querySelectorAll('.lab-token-chart').length > 0", 120)


def own_text(browser, entry):
    """/lab/text.html: upload, train, see points and a sample, stop, resume, then generate from the result."""
    browser.go("/lab/text.html")
    check(browser.wait("document.getElementById('lab-text-file') !== null", 30), "the text panel appears")
    check(browser.eval("document.querySelectorAll('.lab-panel').length") == 1, "the text page has one panel")
    upload(browser, "#lab-text-file", glossary_text())
    check(browser.wait("window.lab.uploaded >= 1 && document.getElementById('lab-text-choice').value !== ''", 30), "the text uploads")
    browser.eval(f"document.getElementById('lab-text-steps').value = '{TEXT_STEPS}'; document.getElementById('lab-text-size').value = 'tiny'; "
                 "window.lab.latencies = []; window.lab.points = 0; true")
    click(browser, "lab-text-train")
    check(browser.wait("window.lab.points >= 3 && window.lab.samples >= 1", 180), "live loss points and a sample appear")
    click(browser, "lab-text-stop")
    check(browser.wait("window.lab.state === 'stopped' && !document.getElementById('lab-text-resume').disabled", 60), "Stop ends the run, resumable")
    entry["text_kept"] = browser.eval("document.getElementById('lab-text-kept').textContent")
    check("checkpoint.safetensors" in (entry["text_kept"] or ""), "the page says what Stop kept")
    entry["text_points_at_stop"] = browser.eval("window.lab.points")
    entry["screenshot_text_stopped"] = browser.screenshot("lab-text-stopped-1280.png")
    click(browser, "lab-text-resume")
    check(browser.wait("window.lab.state === 'finished'", 600), "Resume trains to the end")
    points = browser.eval("window.lab.points")
    check(points == TEXT_STEPS, f"the chart has every step once ({points} of {TEXT_STEPS})")
    check(browser.wait("document.getElementById('lab-text-loss') && document.getElementById('lab-text-loss').complete && document.getElementById('lab-text-loss').naturalWidth > 0", 30),
          "the run's loss figure loads")
    latencies = browser.eval("window.lab.latencies")
    entry["text_latency_ms_median"] = statistics.median(latencies) if latencies else None
    entry["text_samples"] = browser.eval("window.lab.samples")
    overflow = browser.eval("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    check(overflow <= 0, f"the text page has no horizontal overflow ({overflow} px)")
    entry["screenshot_text"] = browser.screenshot("lab-text-1280.png")
    entry["screenshot_text_panel"] = browser.screenshot_of("#lab-text-panel", "lab-text-panel-1280.png")
    checkpoint = browser.eval("window.lab.checkpoint")
    browser.eval("document.getElementById('lab-text-generate').click(); true")
    browser.wait("location.pathname === '/lab/generate.html' && document.readyState === 'complete'", 30)
    check(browser.wait(f"window.lab.models > 0 && document.getElementById('lab-gen-model').value === {json.dumps(checkpoint)}", 30),
          "the generate page opens with the trained model chosen")
    check(browser.eval("document.querySelectorAll('.lab-panel').length") == 1, "the generate page has one panel")
    check(generate(browser, "The ", 12, 5), "generating from the trained model answers")
    problems = browser.eval(BARS_MATCH_JSON)
    check(problems == [], f"the probability bars match the JSON: {problems}")
    entry["generated"] = browser.eval("window.lab.generation.continuation")
    entry["screenshot_generate"] = browser.screenshot("lab-generate-1280.png")
    entry["screenshot_generate_panel"] = browser.screenshot_of("#lab-gen-panel", "lab-generate-panel-1280.png")


def given_model(browser, width, entry):
    """/lab/generate.html with the `serve --model` directory."""
    browser.go("/lab/generate.html")
    check(browser.wait("window.lab.models > 0", 30), f"{width}: the generate page lists models")
    browser.eval("document.getElementById('lab-gen-model').value = 'model:1'; true")
    check(generate(browser, "The model", 6, 4, 0.8), f"{width}: generating from the --model directory answers")
    problems = browser.eval(BARS_MATCH_JSON)
    check(problems == [], f"{width}: the probability bars match the JSON: {problems}")
    overflow = browser.eval("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    check(overflow <= 0, f"{width}: the generate page has no horizontal overflow ({overflow} px)")
    entry["screenshot_generate_model"] = browser.screenshot(f"lab-generate-model-{width}.png")


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
        if width == 1280:
            own_text(browser, entry)
        given_model(browser, width, entry)
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
