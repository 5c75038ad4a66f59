/// The style of the lab's panels, on top of the site's stylesheet (it follows its light and dark colours).
enum LabStyle {
  static let css = """
    .lab-panel { border: 2px solid #1f77b4; border-radius: 8px; padding: 0.5rem 1rem; margin: 1rem 0; max-width: 100%; box-sizing: border-box; }
    .lab-form { display: flex; flex-wrap: wrap; gap: 0.25rem 1.5rem; }
    .lab-field { margin: 0.25rem 0; min-width: 12rem; flex: 1 1 14rem; }
    .lab-field small { display: block; opacity: 0.8; }
    .lab-field input[type=number], .lab-field input[type=text], .lab-field select { width: 8rem; max-width: 100%; }
    .lab-chart { display: block; width: 100%; height: 240px; color: inherit; }
    .lab-claims { padding-left: 1.2rem; }
    .lab-pass { color: #2ca02c; }
    .lab-fail { color: #d62728; }
    .lab-figure img { max-width: 100%; height: auto; }
    .lab-table { overflow-x: auto; }
    .lab-table table { border-collapse: collapse; }
    .lab-table th, .lab-table td { border-bottom: 1px solid #8884; padding: 0.2rem 0.5rem; text-align: left; }
    .lab-bar-row { margin: 0.2rem 0; }
    .lab-bar { display: block; height: 0.8rem; background: #1f77b4; min-width: 2px; }
    .lab-panel pre { overflow-x: auto; white-space: pre; }
    .lab-samples { list-style: none; padding-left: 0; }
    .lab-sample { margin: 0.4rem 0; }
    .lab-sample pre { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0.2rem 0; padding: 0.3rem 0.5rem; border-left: 3px solid #1f77b4; }
    .lab-kept { border-left: 3px solid #ff7f0e; padding-left: 0.5rem; }
    .lab-kept:empty { display: none; }
    .lab-field #lab-gen-model, .lab-field #lab-text-choice, .lab-field #lab-text-size, .lab-field #lab-text-tokenizer { width: 100%; max-width: 22rem; }
    .lab-field textarea { width: 100%; max-width: 40rem; box-sizing: border-box; font: inherit; }
    .lab-gen-text { white-space: pre-wrap; overflow-wrap: anywhere; font-family: monospace; }
    .lab-gen-token { background: #1f77b422; border-radius: 3px; color: inherit; text-decoration: none; }
    .lab-gen-token:nth-child(odd) { background: #ff7f0e22; }
    .lab-token-charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); gap: 0.75rem; }
    .lab-token-chart { margin: 0; padding: 0.4rem 0.6rem; border: 1px solid #8886; border-radius: 6px; min-width: 0; }
    .lab-token-chart figcaption { font-weight: bold; margin-bottom: 0.3rem; overflow-wrap: anywhere; }
    .lab-prob-row { display: grid; grid-template-columns: minmax(3rem, 6rem) 1fr 3.5rem; align-items: center; gap: 0.4rem; font-size: 0.9rem; }
    .lab-prob-label { font-family: monospace; white-space: pre; overflow: hidden; text-overflow: ellipsis; }
    .lab-prob-track { display: block; background: #8882; height: 0.8rem; }
    .lab-prob-track .lab-bar { height: 100%; }
    .lab-prob-value { text-align: right; font-variant-numeric: tabular-nums; }
    .lab-chosen .lab-bar { background: #d62728; }
    .lab-chosen .lab-prob-label { font-weight: bold; }
    """
}
