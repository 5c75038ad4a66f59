/// The lab's script, added to every page the lab serves: links to the lab's own pages in the site's
/// navigation; on a lesson page the "Run it yourself" panel (controls from `/api/lessons`, a live
/// loss chart fed by the run's event stream, samples and claims as they come, the run's figures and
/// page, what a stopped run kept, and a compare view of two runs); on the cost page the calculator;
/// on `/lab/text.html` training on your own text (``TextPanelScript``), on `/lab/generate.html`
/// generation with probabilities (``GeneratePanelScript``). Without the lab the static pages never load it.
enum LabScript {
  static let javascript = "(function () {\n" + shared + TextPanelScript.javascript + GeneratePanelScript.javascript + dispatch + "})();\n"

  /// What every panel uses (`make`, `call`, `number`, `place`, the `Chart`) and the lesson and cost panels.
  static let shared = #"""
  "use strict";
  // Read by the browser test: per drawn point, milliseconds from the training step to the chart.
  var lab = window.lab = { latencies: [], points: 0, run: null };
  var colours = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf"];

  function make(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (key) {
      if (key === "text") node.textContent = attributes[key];
      else node.setAttribute(key, attributes[key]);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }

  function call(path, body) {
    var options = body === undefined ? {} : { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) };
    return fetch(path, options).then(function (response) {
      return response.json().then(function (value) {
        if (!response.ok) throw new Error(value.error || ("HTTP " + response.status));
        return value;
      });
    });
  }

  function number(value) {
    if (typeof value !== "number") return String(value);
    if (value !== 0 && (Math.abs(value) >= 1e6 || Math.abs(value) < 1e-3)) return value.toExponential(3);
    return String(Math.round(value * 10000) / 10000);
  }

  // A form field: its label, the input, and a line of help under it.
  function labeled(label, input, help) {
    return make("p", { "class": "lab-field" }, [make("label", { "for": input.id, text: label + " " }), input, help ? make("small", { text: help }) : null]);
  }

  // Puts a panel under the page's heading (after its introduction, when one follows the heading).
  function place(panel) {
    var anchor = document.querySelector("main h1") || document.querySelector("h1");
    if (anchor && anchor.nextElementSibling && anchor.nextElementSibling.tagName === "P" && location.pathname.indexOf("/lab/") === 0) anchor = anchor.nextElementSibling;
    if (anchor && anchor.parentNode) anchor.parentNode.insertBefore(panel, anchor.nextSibling);
    else document.body.insertBefore(panel, document.body.firstChild);
  }

  // A loss chart: one line per series (a phase of a run), drawn on a canvas as wide as its box.
  function Chart(canvas) {
    this.canvas = canvas;
    this.series = [];
  }
  Chart.prototype.line = function (name, dashed) {
    var found = this.series.filter(function (s) { return s.name === name; })[0];
    if (found) return found;
    found = { name: name, points: [], colour: colours[this.series.length % colours.length], dashed: !!dashed };
    this.series.push(found);
    return found;
  };
  Chart.prototype.clear = function () { this.series = []; this.draw(); };
  Chart.prototype.draw = function () {
    var canvas = this.canvas, ratio = window.devicePixelRatio || 1;
    var width = canvas.clientWidth || 320, height = canvas.clientHeight || 220;
    canvas.width = width * ratio; canvas.height = height * ratio;
    var g = canvas.getContext("2d");
    g.setTransform(ratio, 0, 0, ratio, 0, 0);
    g.clearRect(0, 0, width, height);
    var all = [];
    this.series.forEach(function (s) { all = all.concat(s.points); });
    var left = 48, right = 8, top = 8, bottom = 24;
    g.strokeStyle = "#888"; g.fillStyle = getComputedStyle(canvas).color; g.font = "11px sans-serif";
    g.strokeRect(left, top, width - left - right, height - top - bottom);
    if (all.length === 0) { g.fillText("The loss appears here as the model trains.", left + 8, top + 20); return; }
    var xs = all.map(function (p) { return p[0]; }), ys = all.map(function (p) { return p[1]; }).filter(isFinite);
    var x0 = Math.min.apply(null, xs), x1 = Math.max.apply(null, xs), y0 = Math.min.apply(null, ys), y1 = Math.max.apply(null, ys);
    if (x1 === x0) x1 = x0 + 1;
    if (y1 === y0) y1 = y0 + 1;
    function px(x) { return left + (x - x0) / (x1 - x0) * (width - left - right); }
    function py(y) { return top + (1 - (y - y0) / (y1 - y0)) * (height - top - bottom); }
    g.fillText(number(y1), 2, top + 10); g.fillText(number(y0), 2, height - bottom);
    g.fillText("step " + x0, left, height - 6); g.fillText("step " + x1, width - right - 60, height - 6);
    this.series.forEach(function (s, index) {
      g.strokeStyle = s.colour; g.fillStyle = s.colour; g.lineWidth = 2;
      g.setLineDash(s.dashed ? [6, 4] : []);
      g.beginPath();
      s.points.forEach(function (p, i) { if (i === 0) g.moveTo(px(p[0]), py(p[1])); else g.lineTo(px(p[0]), py(p[1])); });
      g.stroke();
      s.points.forEach(function (p) { g.fillRect(px(p[0]) - 2, py(p[1]) - 2, 4, 4); });
      g.setLineDash([]);
      g.fillText(s.name, left + 8, top + 14 + 13 * index);
    });
  };

  // A model's sample as a list item: which model and when, then the text as written.
  function sampleItem(event) {
    var when = event.phase + (event.step === null || event.step === undefined ? "" : ", after step " + event.step);
    return make("li", { "class": "lab-sample" }, [make("span", { text: when + ":" }), make("pre", { text: event.text })]);
  }

  function runPanel(lessonID, controls) {
    var lesson = controls.lessons.filter(function (l) { return l.id === lessonID; })[0];
    if (!lesson) return;
    var fields = lesson.options.map(function (option) {
      var input = make("input", {
        type: "number", name: option.name, id: "lab-option-" + option.name, min: String(option.minimum),
        step: option.kind === "integer" ? "1" : "any", placeholder: option["default"] === null ? "lesson's own" : String(option["default"])
      });
      if (option.maximum !== null) input.setAttribute("max", String(option.maximum));
      return make("p", { "class": "lab-field" }, [
        make("label", { "for": input.id, text: option.flag + " " }), input, make("small", { text: option.help + " Must be " + option.range + "." })
      ]);
    });
    var seed = make("input", { type: "number", name: "seed", id: "lab-seed", min: "0", step: "1", value: "1" });
    var quick = make("input", { type: "checkbox", name: "quick", id: "lab-quick", checked: "checked" });
    var run = make("button", { type: "submit", id: "lab-run", text: "Run" });
    var stop = make("button", { type: "button", id: "lab-stop", text: "Stop", disabled: "disabled" });
    var form = make("form", { "class": "lab-form" }, fields.concat([
      make("p", { "class": "lab-field" }, [make("label", { "for": "lab-seed", text: "seed " }), seed]),
      make("p", { "class": "lab-field" }, [quick, make("label", { "for": "lab-quick", text: " quick (seconds, smaller model)" })]),
      make("p", {}, [run, document.createTextNode(" "), stop])
    ]));
    var status = make("p", { "class": "lab-status", id: "lab-status", role: "status", text: "Set the options and press Run." });
    var canvas = make("canvas", { "class": "lab-chart", id: "lab-chart" });
    var kept = make("p", { "class": "lab-kept", id: "lab-kept" });
    var samples = make("ul", { "class": "lab-samples", id: "lab-samples" });
    var claims = make("ul", { "class": "lab-claims", id: "lab-claims" });
    var results = make("div", { "class": "lab-results", id: "lab-results" });
    var compare = comparePanel(lessonID);
    var panel = make("section", { "class": "lab-panel", id: "lab-panel" }, [
      make("h2", { text: "Run it yourself" }), form, status, kept, canvas, samples, claims, results, compare.node
    ]);
    place(panel);
    var chart = new Chart(canvas);
    chart.draw();
    var source = null;

    function follow(number) {
      if (source) source.close();
      lab.run = number; lab.state = "running";
      chart.clear(); claims.textContent = ""; results.textContent = ""; samples.textContent = ""; kept.textContent = "";
      run.disabled = true; stop.disabled = false;
      source = new EventSource("/api/runs/" + number + "/events");
      source.addEventListener("progress", function (message) {
        var event = JSON.parse(message.data);
        chart.line(event.phase).points.push([event.step, event.loss]);
        chart.draw();
        lab.points += 1;
        if (typeof event.time === "number") lab.latencies.push(Date.now() - event.time * 1000);
        status.textContent = "Run " + number + ": " + event.phase + ", step " + event.step + " of " + event.total + ", loss " + number_(event.loss);
      });
      source.addEventListener("phase", function (message) {
        var event = JSON.parse(message.data);
        status.textContent = "Run " + number + ": " + event.phase + ": " + event.summary;
      });
      source.addEventListener("sample", function (message) {
        var event = JSON.parse(message.data);
        samples.appendChild(sampleItem(event));
        lab.samples = (lab.samples || 0) + 1;
      });
      source.addEventListener("claim", function (message) {
        var event = JSON.parse(message.data);
        claims.appendChild(make("li", { "class": event.passed ? "lab-pass" : "lab-fail", text: (event.passed ? "✔ " : "✘ ") + event.statement + " — " + event.detail }));
      });
      source.addEventListener("end", function (message) {
        var event = JSON.parse(message.data);
        source.close(); source = null;
        lab.state = event.state;
        run.disabled = false; stop.disabled = true;
        status.textContent = "Run " + number + " " + event.state + (event.error ? ": " + event.error : ".");
        if (event.note) kept.textContent = event.note;
        if (event.metrics) showResults(number, event);
        compare.refresh();
      });
    }
    function number_(value) { return number(value); }

    function showResults(runNumber, event) {
      call(event.metrics).then(function (result) {
        var figures = (result.plots || []).concat(result.films || []).map(function (plot) {
          return make("figure", { "class": "lab-figure" }, [
            make("img", { src: "/lab/runs/" + runNumber + "/" + lessonID + "/" + plot.file, alt: plot.alt || plot.caption || plot.file, loading: "lazy" }),
            make("figcaption", { text: plot.caption || plot.file })
          ]);
        });
        results.appendChild(make("h3", { text: "This run's figures" }));
        figures.forEach(function (f) { results.appendChild(f); });
        if (event.page) results.appendChild(make("p", {}, [make("a", { href: event.page, id: "lab-page", text: "Read the lesson quoting this run" })]));
        lab.figures = figures.length;
      });
    }

    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var options = {};
      lesson.options.forEach(function (option) {
        var value = form.elements[option.name].value;
        if (value !== "") options[option.name] = Number(value);
      });
      status.textContent = "Starting…";
      call("/api/runs", { lesson: lessonID, seed: Number(seed.value || "1"), quick: quick.checked, options: options })
        .then(function (started) { status.textContent = "Run " + started.run + " started."; follow(started.run); })
        .catch(function (error) { status.textContent = error.message; });
    });
    stop.addEventListener("click", function () {
      if (lab.run === null) return;
      call("/api/runs/" + lab.run + "/stop", {}).catch(function (error) { status.textContent = error.message; });
    });
    window.addEventListener("resize", function () { chart.draw(); });
    // A page opened while a run is in progress shows it (and follows it when it is this lesson's).
    call("/api/runs").then(function (runs) {
      var running = runs.filter(function (r) { return r.state === "running"; })[0];
      if (!running) return;
      if (running.lesson === lessonID) follow(running.run);
      else status.textContent = "Run " + running.run + " (" + (running.lesson || "training on " + running.name) + ") is in progress.";
    });
  }

  function comparePanel(lessonID) {
    var first = make("select", { id: "lab-compare-a", "aria-label": "first run" });
    var second = make("select", { id: "lab-compare-b", "aria-label": "second run" });
    var button = make("button", { type: "button", id: "lab-compare", text: "Compare" });
    var canvas = make("canvas", { "class": "lab-chart", id: "lab-compare-chart" });
    var table = make("div", { "class": "lab-table", id: "lab-compare-table" });
    var node = make("details", { "class": "lab-compare", id: "lab-compare-view" }, [
      make("summary", { text: "Compare two runs" }), make("p", {}, [first, document.createTextNode(" against "), second, document.createTextNode(" "), button]),
      canvas, table
    ]);
    var chart = new Chart(canvas);
    function label(r) {
      var options = Object.keys(r.options).map(function (k) { return k + " " + r.options[k]; }).join(", ");
      return "run " + r.run + ": seed " + r.seed + (options ? ", " + options : "") + (r.quick ? ", quick" : "") + " (" + r.state + ")";
    }
    function refresh() {
      return call("/api/runs").then(function (runs) {
        var mine = runs.filter(function (r) { return r.lesson === lessonID && r.state !== "running"; });
        [first, second].forEach(function (select, index) {
          select.textContent = "";
          mine.forEach(function (r) { select.appendChild(make("option", { value: String(r.run), text: label(r) })); });
          if (mine.length > 1) select.selectedIndex = index === 0 ? mine.length - 2 : mine.length - 1;
        });
      });
    }
    button.addEventListener("click", function () {
      node.open = true;
      var numbers = [first.value, second.value];
      Promise.all(numbers.map(function (n) { return call("/api/runs/" + n); })).then(function (details) {
        return Promise.all(details.map(function (d) {
          var end = d.events.filter(function (e) { return e.type === "end"; })[0];
          return end && end.data.metrics ? call(end.data.metrics).catch(function () { return null; }) : Promise.resolve(null);
        })).then(function (metrics) {
          chart.clear();
          details.forEach(function (d, index) {
            d.events.filter(function (e) { return e.type === "progress"; }).forEach(function (e) {
              chart.line("run " + d.run + ": " + e.data.phase, index === 1).points.push([e.data.step, e.data.loss]);
            });
          });
          chart.draw();
          var rows = [["", "run " + details[0].run, "run " + details[1].run]];
          rows.push(["settings", label(details[0]), label(details[1])]);
          var names = [];
          metrics.forEach(function (m) { (m ? m.metrics : []).forEach(function (x) { if (names.indexOf(x.name) < 0) names.push(x.name); }); });
          names.forEach(function (name) {
            rows.push([name].concat(metrics.map(function (m) {
              var found = m ? m.metrics.filter(function (x) { return x.name === name; })[0] : null;
              return found ? number(found.value) + " " + (found.unit || "") : "—";
            })));
          });
          var statements = [];
          metrics.forEach(function (m) { (m ? m.claims : []).forEach(function (c) { if (statements.indexOf(c.statement) < 0) statements.push(c.statement); }); });
          statements.forEach(function (statement) {
            rows.push([statement].concat(metrics.map(function (m) {
              var found = m ? m.claims.filter(function (c) { return c.statement === statement; })[0] : null;
              return found ? (found.passed ? "✔ holds" : "✘ fails") : "—";
            })));
          });
          table.textContent = "";
          table.appendChild(make("table", {}, rows.map(function (row, r) {
            return make("tr", {}, row.map(function (cell) { return make(r === 0 ? "th" : "td", { text: cell }); }));
          })));
          lab.compared = details.map(function (d) { return d.run; });
        });
      }).catch(function (error) { table.textContent = error.message; });
    });
    refresh();
    return { node: node, refresh: refresh };
  }

  function costPanel() {
    function field(name, labelText, input) {
      input.setAttribute("name", name); input.setAttribute("id", "lab-cost-" + name);
      return make("p", { "class": "lab-field" }, [make("label", { "for": "lab-cost-" + name, text: labelText + " " }), input]);
    }
    function select(values, chosen) {
      var node = make("select", {});
      values.forEach(function (v) { var o = make("option", { value: v, text: v === "" ? "(by parameters)" : v }); if (v === chosen) o.selected = true; node.appendChild(o); });
      return node;
    }
    var form = make("form", { "class": "lab-form", id: "lab-cost-form" }, [
      field("preset", "preset", select(["", "gpt-3", "llama-2-7b", "llama-2-70b", "llama-3.1-405b"], "gpt-3")),
      field("params", "parameters", make("input", { type: "text", value: "175B" })),
      field("tokens", "training tokens", make("input", { type: "text", value: "300B" })),
      field("gpu", "GPU", make("input", { type: "text", value: "h100-sxm" })),
      field("gpus", "GPUs", make("input", { type: "number", min: "1", value: "1024" })),
      field("price", "dollars per GPU-hour", make("input", { type: "number", min: "0", step: "any", placeholder: "catalogue price" })),
      field("zero", "ZeRO stage", select(["0", "1", "2", "3"], "1")),
      field("tp", "tensor-parallel size", make("input", { type: "number", min: "1", value: "8" })),
      field("pp", "pipeline-parallel size", make("input", { type: "number", min: "1", value: "16" })),
      field("dp", "data-parallel size", make("input", { type: "number", min: "1", value: "8" })),
      field("recompute", "recomputation", select(["none", "selective", "full"], "selective")),
      make("p", {}, [make("button", { type: "button", id: "lab-cost-layout", text: "Find a layout" })])
    ]);
    var status = make("p", { "class": "lab-status", id: "lab-cost-status", role: "status" });
    var bars = make("div", { "class": "lab-bars", id: "lab-cost-bars" });
    var bill = make("div", { "class": "lab-table", id: "lab-cost-bill" });
    var layouts = make("div", { "class": "lab-table", id: "lab-cost-layouts" });
    var panel = make("section", { "class": "lab-panel", id: "lab-cost-panel" }, [
      make("h2", { text: "Calculator" }), form, status, make("h3", { text: "Memory per GPU" }), bars, make("h3", { text: "The bill" }), bill, layouts
    ]);
    place(panel);
    function value(name) { return form.elements[name].value; }
    function numeric(name) { var v = value(name); return v === "" ? "" : Number(v); }
    function model() { return value("preset") ? { preset: value("preset") } : { params: value("params") }; }
    function rowsTable(rows) {
      return make("table", {}, rows.map(function (row) {
        return make("tr", {}, [make("th", { text: row.quantity }), make("td", { text: number(row.value) + (row.unit ? " " + row.unit : "") })]);
      }));
    }
    var pending = null, generation = 0;
    function recalculate() {
      var mine = ++generation;
      var memory = Object.assign(model(), { tp: numeric("tp"), pp: numeric("pp"), dp: numeric("dp"), zero: value("zero"), recompute: value("recompute"), gpu: value("gpu") });
      var train = { params: value("params"), tokens: value("tokens"), gpu: value("gpu"), gpus: numeric("gpus"), price: numeric("price") };
      Promise.all([call("/api/cost/memory", memory), call("/api/cost/train", train)]).then(function (answers) {
        if (mine !== generation) return;
        status.textContent = "";
        var rows = answers[0].memory, total = rows.filter(function (r) { return r.key === "total_bytes"; })[0].value;
        bars.textContent = "";
        rows.filter(function (r) { return r.unit === "bytes" && r.key !== "total_bytes"; }).forEach(function (r) {
          var bar = make("span", { "class": "lab-bar" }); bar.style.width = (100 * r.value / total) + "%";
          bars.appendChild(make("p", { "class": "lab-bar-row", "data-key": r.key }, [make("span", { text: r.quantity + ": " + (r.value / 1e9).toFixed(1) + " GB" }), bar]));
        });
        var fits = rows.filter(function (r) { return r.key === "fits"; })[0];
        bars.appendChild(make("p", { id: "lab-cost-total", text: "total " + (total / 1e9).toFixed(1) + " GB per GPU; " + fits.quantity + ": " + (fits.value ? "yes" : "no") }));
        bill.textContent = "";
        bill.appendChild(rowsTable(answers[1].estimate.concat(answers[1].bill)));
        lab.costUpdates = (lab.costUpdates || 0) + 1;
      }).catch(function (error) { if (mine === generation) status.textContent = error.message; });
    }
    form.addEventListener("input", function () { clearTimeout(pending); pending = setTimeout(recalculate, 150); });
    form.addEventListener("change", function () { clearTimeout(pending); pending = setTimeout(recalculate, 150); });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    document.getElementById("lab-cost-layout").addEventListener("click", function () {
      layouts.textContent = "Searching…";
      call("/api/cost/layout", Object.assign(model(), { gpus: numeric("gpus"), gpu: value("gpu"), "global-batch": 1536, top: 5 })).then(function (answer) {
        layouts.textContent = "";
        var keys = ["rank", "tp", "pp", "dp", "micro_batch", "zero", "recompute", "step_s", "mfu"];
        layouts.appendChild(make("h3", { text: "Best layouts" }));
        layouts.appendChild(make("table", { id: "lab-cost-layout-table" }, [make("tr", {}, keys.map(function (k) { return make("th", { text: k }); }))].concat(
          answer.layouts.layouts.map(function (l) { return make("tr", {}, keys.map(function (k) { return make("td", { text: number(l[k]) }); })); }))));
        layouts.appendChild(make("h3", { text: "Megatron-LM" })); layouts.appendChild(make("pre", { text: answer.megatron }));
        layouts.appendChild(make("h3", { text: "DeepSpeed" })); layouts.appendChild(make("pre", { text: answer.deepspeed }));
      }).catch(function (error) { layouts.textContent = error.message; });
    });
    recalculate();
  }

"""#

  /// Adds the lab's pages to the site's navigation and draws the panel of this page.
  static let dispatch = #"""
  var navigation = document.querySelector("header nav");
  if (navigation) {
    navigation.appendChild(make("a", { href: "/lab/text.html", id: "lab-nav-text", text: "Your text" }));
    navigation.appendChild(make("a", { href: "/lab/generate.html", id: "lab-nav-generate", text: "Generate" }));
  }
  var lessonPage = location.pathname.match(/^\/lessons\/([a-z0-9-]+)\.html$/);
  if (lessonPage) call("/api/lessons").then(function (controls) { runPanel(lessonPage[1], controls); });
  if (location.pathname === "/cost.html") costPanel();
  if (location.pathname === "/lab/text.html") textPanel();
  if (location.pathname === "/lab/generate.html") generatePanel();

"""#
}
