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
    """
}
