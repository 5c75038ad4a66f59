/// The panel of `/lab/text.html` (part of ``LabScript``): upload a text (`POST /api/texts`), choose
/// the model size, steps, tokenizer and seed, train (`POST /api/train`), watch the training and
/// held-out loss and the samples arrive, Stop (and read what was kept), Resume, and go on to generate
/// from the trained model. A page opened later shows the newest training run and resumes it.
enum TextPanelScript {
  static let javascript = #"""
  function textPanel() {
    var file = make("input", { type: "file", id: "lab-text-file", accept: ".txt,.md,.csv,.json,.html,.py,.swift,text/*" });
    var uploaded = make("p", { "class": "lab-status", id: "lab-text-upload-status", role: "status" });
    var choice = make("select", { id: "lab-text-choice", name: "text" });
    function select(id, values, chosen) {
      var node = make("select", { id: id, name: id });
      values.forEach(function (v) { var o = make("option", { value: v[0], text: v[1] }); if (v[0] === chosen) o.selected = true; node.appendChild(o); });
      return node;
    }
    var size = select("lab-text-size", [["tiny", "tiny: 2 layers, width 64, context 64"], ["small", "small: 4 layers, width 128, context 128"], ["medium", "medium: 6 layers, width 256, context 256"]], "tiny");
    var steps = make("input", { type: "number", id: "lab-text-steps", min: "1", step: "1", value: "200" });
    var tokenizer = select("lab-text-tokenizer", [["char", "characters: one token per character"], ["bpe", "byte-level BPE (as GPT-2's)"]], "char");
    var merges = make("input", { type: "number", id: "lab-text-merges", min: "1", step: "1", value: "200", disabled: "disabled" });
    var seed = make("input", { type: "number", id: "lab-text-seed", min: "0", step: "1", value: "1" });
    var train = make("button", { type: "submit", id: "lab-text-train", text: "Train" });
    var stop = make("button", { type: "button", id: "lab-text-stop", text: "Stop", disabled: "disabled" });
    var resume = make("button", { type: "button", id: "lab-text-resume", text: "Resume", disabled: "disabled" });
    var form = make("form", { "class": "lab-form", id: "lab-text-form" }, [
      labeled("text", choice, "A text you uploaded; the last tenth is held out to measure the validation loss."),
      labeled("model size", size, "Bigger models learn more of your text and take longer per step."),
      labeled("steps", steps, "Optimizer steps, each on 16 windows of the text."),
      labeled("tokenizer", tokenizer, "Characters need no training; BPE learns merges of frequent byte pairs from your text."),
      labeled("BPE merges", merges, "Tokens BPE adds to the 256 bytes (with the BPE tokenizer)."),
      labeled("seed", seed, "Draws the first weights and the windows: the same seed gives the same run."),
      make("p", {}, [train, document.createTextNode(" "), stop, document.createTextNode(" "), resume])
    ]);
    var status = make("p", { "class": "lab-status", id: "lab-text-status", role: "status", text: "Upload a text, then press Train." });
    var kept = make("p", { "class": "lab-kept", id: "lab-text-kept" });
    var canvas = make("canvas", { "class": "lab-chart", id: "lab-text-chart" });
    var samples = make("ul", { "class": "lab-samples", id: "lab-text-samples" });
    var results = make("div", { "class": "lab-results", id: "lab-text-results" });
    var panel = make("section", { "class": "lab-panel", id: "lab-text-panel" }, [
      make("h2", { text: "Your own text" }),
      make("p", { "class": "lab-field" }, [make("label", { "for": "lab-text-file", text: "Upload a UTF-8 text file " }), file]), uploaded,
      form, status, kept, canvas, make("h3", { text: "What the model writes as it learns" }), samples, results
    ]);
    place(panel);
    var chart = new Chart(canvas);
    chart.draw();
    var limit = 0, source = null, shown = null, lastEvent = 0;
    lab.samples = 0;

    function listTexts(select) {
      return call("/api/texts").then(function (answer) {
        limit = answer.limit;
        choice.textContent = "";
        answer.texts.forEach(function (t) { choice.appendChild(make("option", { value: String(t.text), text: t.name + " (" + t.bytes + " bytes)" })); });
        if (select !== undefined) choice.value = String(select);
        else if (answer.texts.length) choice.selectedIndex = answer.texts.length - 1;
        return answer;
      });
    }
    file.addEventListener("change", function () {
      var chosen = file.files[0];
      if (!chosen) return;
      if (limit && chosen.size > limit) { uploaded.textContent = chosen.name + " has " + chosen.size + " bytes; the lab takes texts of at most " + limit + " bytes."; return; }
      uploaded.textContent = "Uploading " + chosen.name + "…";
      fetch("/api/texts?name=" + encodeURIComponent(chosen.name), { method: "POST", headers: { "Content-Type": "application/octet-stream" }, body: chosen })
        .then(function (response) {
          return response.json().then(function (value) { if (!response.ok) throw new Error(value.error || ("HTTP " + response.status)); return value; });
        })
        .then(function (text) {
          uploaded.textContent = "Uploaded " + text.name + " (" + text.bytes + " bytes) as text " + text.text + ".";
          lab.uploaded = text.text;
          return listTexts(text.text);
        })
        .catch(function (error) { uploaded.textContent = error.message; lab.uploadError = error.message; });
    });
    tokenizer.addEventListener("change", function () { merges.disabled = tokenizer.value !== "bpe"; });

    function buttons(state, resumable) {
      train.disabled = state === "running"; stop.disabled = state !== "running"; resume.disabled = !(state === "stopped" && resumable);
    }
    // Draws one event of run `number`; `live` when it just happened (its delay to the chart is measured).
    function apply(number, type, event, live) {
      if (type === "start") {
        status.textContent = "Run " + number + ": " + (event.step > 0 ? "resuming after step " + event.step + ", " : "") + "training " + event.parameters +
          " parameters on " + event.training_tokens + " tokens (" + event.validation_tokens + " held out), vocabulary " + event.vocabulary + ", context " + event.context + ".";
      } else if (type === "progress") {
        chart.line("training loss").points.push([event.step, event.loss]);
        chart.draw();
        lab.points += 1;
        if (live && typeof event.time === "number") lab.latencies.push(Date.now() - event.time * 1000);
        status.textContent = "Run " + number + ": step " + event.step + (event.total ? " of " + event.total : "") + ", training loss " + number_(event.loss) + " nats per token.";
      } else if (type === "evaluation") {
        if (typeof event.losses.validation === "number") { chart.line("validation loss (held out)", true).points.push([event.step, event.losses.validation]); chart.draw(); }
      } else if (type === "sample") {
        samples.appendChild(sampleItem(event));
        lab.samples += 1;
      } else if (type === "saved") {
        lab.saved = event.step;
      } else if (type === "finished") {
        results.appendChild(make("p", { id: "lab-text-summary", text: "Validation loss on the whole held-out text: " + number_(event.validation_before) + " before training, " +
          number_(event.validation_after) + " after (nats per token); " + number_(event.bits_per_byte_after) + " bits per byte; a model that ignores context scores " + number_(event.unigram_baseline) + "." }));
      } else if (type === "end") {
        lab.state = event.state;
        status.textContent = "Run " + number + " " + event.state + (event.error ? ": " + event.error : ".");
        kept.textContent = event.note || "";
        buttons(event.state, event.resumable);
        var model = event.checkpoint || ((event.kept || []).indexOf("model/checkpoint.safetensors") >= 0 ? "run:" + number + "/model/checkpoint.safetensors" : null);
        if (model) {
          lab.checkpoint = model;
          results.appendChild(make("p", {}, [make("a", { href: "/lab/generate.html?checkpoint=" + encodeURIComponent(model), id: "lab-text-generate", text: "Generate from this model" })]));
        }
        if (event.loss) results.appendChild(make("figure", { "class": "lab-figure" }, [make("img", { src: event.loss, alt: "The training and validation loss of run " + number, id: "lab-text-loss" })]));
      }
    }
    function number_(value) { return typeof value === "number" ? number(value) : "—"; }

    // Shows run `number`: its events so far, then (while it runs) each new one.
    function show(number, clear) {
      if (source) { source.close(); source = null; }
      if (clear) { chart.clear(); samples.textContent = ""; results.textContent = ""; kept.textContent = ""; lab.samples = 0; lastEvent = 0; }
      shown = number; lab.run = number;
      return call("/api/runs/" + number).then(function (run) {
        results.textContent = "";
        // Only the last end counts (a resumed run has the end of each stop before it), and none while it runs.
        var lastEnd = run.state === "running" ? -1 : Math.max.apply(null, [0].concat(run.events.filter(function (e) { return e.type === "end"; }).map(function (e) { return e.id; })));
        run.events.forEach(function (e) { if (e.id > lastEvent) { lastEvent = e.id; if (e.type !== "end" || e.id === lastEnd) apply(number, e.type, e.data, false); } });
        lab.state = run.state;
        buttons(run.state, run.resumable);
        if (run.state !== "running") return;
        source = new EventSource("/api/runs/" + number + "/events?after=" + lastEvent);
        ["start", "progress", "evaluation", "sample", "saved", "stopped", "finished", "end"].forEach(function (type) {
          source.addEventListener(type, function (message) {
            var id = Number(message.lastEventId);
            if (id <= lastEvent) return;
            lastEvent = id;
            apply(number, type, JSON.parse(message.data), true);
            if (type === "end") { source.close(); source = null; }
          });
        });
      });
    }

    form.addEventListener("submit", function (e) {
      e.preventDefault();
      if (!choice.value) { status.textContent = "Upload a text first."; return; }
      status.textContent = "Checking the text and the options…";
      var body = { text: Number(choice.value), size: size.value, steps: Number(steps.value || "200"), seed: Number(seed.value || "1"),
        tokenizer: tokenizer.value === "bpe" ? "bpe:" + (merges.value || "200") : "char" };
      lab.points = 0;
      call("/api/train", body).then(function (started) { return show(started.run, true); })
        .catch(function (error) { status.textContent = error.message; lab.trainError = error.message; });
    });
    stop.addEventListener("click", function () {
      if (shown === null) return;
      call("/api/runs/" + shown + "/stop", {}).catch(function (error) { status.textContent = error.message; });
    });
    resume.addEventListener("click", function () {
      if (shown === null) return;
      status.textContent = "Resuming run " + shown + "…";
      kept.textContent = "";
      var number = shown;
      call("/api/runs/" + number + "/resume", {}).then(function () { return show(number, false); })
        .catch(function (error) { status.textContent = error.message; });
    });
    window.addEventListener("resize", function () { chart.draw(); });
    listTexts().then(function () { return call("/api/runs"); }).then(function (runs) {
      var running = runs.filter(function (r) { return r.state === "running"; })[0];
      var mine = runs.filter(function (r) { return r.kind === "text"; });
      if (running && running.kind !== "text") { status.textContent = "Run " + running.run + " (" + running.lesson + ") is in progress."; train.disabled = true; return; }
      var latest = running || mine[mine.length - 1];
      if (latest) { choice.value = String(latest.text); show(latest.run, true); }
    });
  }

"""#
}
