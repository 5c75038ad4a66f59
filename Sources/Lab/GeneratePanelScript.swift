/// The panel of `/lab/generate.html` (part of ``LabScript``): choose a model (`/api/checkpoints`;
/// `?checkpoint=<id>` preselects one), a prompt, the temperature, top-k, the number of tokens and
/// the seed; `POST /api/generate` answers every token with the most likely tokens and their
/// probabilities, drawn as one bar chart per token (bar length = probability), the token drawn marked.
enum GeneratePanelScript {
  static let javascript = #"""
  // A token as the page shows it: spaces and line ends made visible.
  function visible(token) {
    return token.replace(/ /g, "\u2423").replace(/\n/g, "\u21b5").replace(/\t/g, "\u21e5");
  }

  function generatePanel() {
    var model = make("select", { id: "lab-gen-model", name: "checkpoint" });
    var prompt = make("textarea", { id: "lab-gen-prompt", name: "prompt", rows: "3" });
    prompt.value = "The ";
    var temperature = make("input", { type: "number", id: "lab-gen-temperature", min: "0", step: "any", value: "0.8" });
    var topK = make("input", { type: "number", id: "lab-gen-topk", min: "1", step: "1", placeholder: "all tokens" });
    var tokens = make("input", { type: "number", id: "lab-gen-tokens", min: "1", max: "200", step: "1", value: "20" });
    var seed = make("input", { type: "number", id: "lab-gen-seed", min: "0", step: "1", value: "1" });
    var run = make("button", { type: "submit", id: "lab-gen-run", text: "Generate" });
    var form = make("form", { "class": "lab-form", id: "lab-gen-form" }, [
      labeled("model", model, "A lesson's checkpoint, one you trained, or a model given to workbench serve --model."),
      labeled("prompt", prompt, "The start of the text; the model continues it."),
      labeled("temperature", temperature, "0 always takes the most likely token; 1 samples the model's own distribution."),
      labeled("top-k", topK, "Keep only the k most likely tokens (empty: all)."),
      labeled("tokens", tokens, "How many tokens to write (at most 200)."),
      labeled("seed", seed, "The same seed, model and settings write the same text."),
      make("p", {}, [run])
    ]);
    var status = make("p", { "class": "lab-status", id: "lab-gen-status", role: "status", text: "Choose a model and press Generate." });
    var text = make("p", { "class": "lab-gen-text", id: "lab-gen-text" });
    var steps = make("div", { "class": "lab-token-charts", id: "lab-gen-steps" });
    var panel = make("section", { "class": "lab-panel", id: "lab-gen-panel" }, [
      make("h2", { text: "Generate with probabilities" }), form, status, make("h3", { text: "The text" }), text,
      make("h3", { text: "Each token and the tokens it was drawn among" }), steps
    ]);
    place(panel);

    var wanted = new URLSearchParams(location.search).get("checkpoint");
    call("/api/checkpoints").then(function (choices) {
      choices.forEach(function (c) { var o = make("option", { value: c.id, text: c.label }); if (c.id === wanted) o.selected = true; model.appendChild(o); });
      if (!choices.length) status.textContent = "There is no model yet: run the pretrain-finetune lesson, train on your own text, or start the lab with --model DIR.";
      lab.models = choices.length;
    });

    function chart(step) {
      var rows = step.top.map(function (t) {
        var bar = make("span", { "class": "lab-bar" });
        bar.style.width = (100 * t.probability) + "%";
        return make("div", { "class": "lab-prob-row" + (t.id === step.id ? " lab-chosen" : ""), "data-token-id": String(t.id), "data-probability": String(t.probability) }, [
          make("span", { "class": "lab-prob-label", text: visible(t.token) }),
          make("span", { "class": "lab-prob-track" }, [bar]),
          make("span", { "class": "lab-prob-value", text: (100 * t.probability).toFixed(1) + "%" })
        ]);
      });
      var shownSum = step.top.reduce(function (sum, t) { return sum + t.probability; }, 0);
      return make("figure", { "class": "lab-token-chart", id: "lab-token-" + step.index, "data-index": String(step.index) }, [
        make("figcaption", { text: "Token " + step.index + ": \u201c" + visible(step.token) + "\u201d, drawn with probability " + (100 * step.probability).toFixed(1) + "%" }),
        make("div", { "class": "lab-prob-rows" }, rows),
        make("small", { text: "These " + step.top.length + " tokens hold " + (100 * shownSum).toFixed(1) + "% of the probability." })
      ]);
    }

    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var body = { checkpoint: model.value, prompt: prompt.value, temperature: Number(temperature.value || "0.8"),
        top_k: topK.value === "" ? null : Number(topK.value), tokens: Number(tokens.value || "20"), seed: Number(seed.value || "1") };
      status.textContent = "Generating…";
      run.disabled = true;
      var started = Date.now();
      call("/api/generate", body).then(function (answer) {
        lab.generation = answer;
        text.textContent = "";
        text.appendChild(make("span", { "class": "lab-gen-prompt", text: answer.prompt }));
        answer.steps.forEach(function (step) {
          var token = make("a", { "class": "lab-gen-token", href: "#lab-token-" + step.index, title: (100 * step.probability).toFixed(1) + "%", text: step.token });
          text.appendChild(token);
        });
        steps.textContent = "";
        answer.steps.forEach(function (step) { steps.appendChild(chart(step)); });
        status.textContent = answer.steps.length + " tokens in " + ((Date.now() - started) / 1000).toFixed(1) + " s.";
      }).catch(function (error) { status.textContent = error.message; lab.generateError = error.message; })
        .then(function () { run.disabled = false; });
    });
  }

"""#
}
