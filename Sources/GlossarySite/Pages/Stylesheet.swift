/// `site.css`: the one stylesheet every page uses. A readable text column, images and
/// tables that never widen the page, light and dark themes, and visible keyboard focus.
enum Stylesheet {
  static let css = """
    :root {
      color-scheme: light dark;
      --bg: #ffffff;
      --fg: #1c2128;
      --muted: #57606a;
      --accent: #0a58b8;
      --border: #d0d7de;
      --surface: #f4f6f8;
      --pass: #116329;
      --pass-bg: #dafbe1;
      --fail: #a40e26;
      --fail-bg: #ffebe9;
      --focus: #bf8700;
    }
    @media (prefers-color-scheme: dark) {
      :root {
        --bg: #0f1419;
        --fg: #e6edf3;
        --muted: #a2acb8;
        --accent: #79b8ff;
        --border: #3b434d;
        --surface: #182029;
        --pass: #56d364;
        --pass-bg: #0f2d19;
        --fail: #ff8182;
        --fail-bg: #3c1618;
        --focus: #e3b341;
      }
    }
    *, *::before, *::after { box-sizing: border-box; }
    html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
    body {
      margin: 0;
      background: var(--bg);
      color: var(--fg);
      font: 1.0625rem/1.6 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
      overflow-wrap: break-word;
    }
    a { color: var(--accent); text-underline-offset: 0.15em; }
    a:hover { text-decoration-thickness: 2px; }
    :focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; border-radius: 2px; }
    .skip-link { position: absolute; left: -9999px; top: 0.5rem; padding: 0.5rem 0.75rem; background: var(--bg); z-index: 10; }
    .skip-link:focus { left: 0.5rem; }
    .site-header, main, .site-footer { width: 100%; max-width: 76rem; margin: 0 auto; padding: 0 1rem; }
    .site-header nav { display: flex; flex-wrap: wrap; gap: 0.25rem 1.25rem; align-items: baseline; padding: 0.75rem 0; border-bottom: 1px solid var(--border); }
    .site-header .brand { font-weight: 700; text-decoration: none; color: var(--fg); margin-right: auto; }
    main { padding-top: 1rem; padding-bottom: 2rem; }
    .site-footer { color: var(--muted); font-size: 0.875rem; border-top: 1px solid var(--border); padding-top: 0.5rem; padding-bottom: 2rem; }
    h1, h2, h3, h4 { line-height: 1.25; margin: 1.6em 0 0.5em; }
    h1 { font-size: clamp(1.75rem, 1.2rem + 2.5vw, 2.5rem); margin-top: 0.75em; }
    h2 { font-size: 1.45rem; }
    h3 { font-size: 1.15rem; }
    main > p, .lead, .aliases, .meta, .reproduce, .prose, .search, .search-status, .not-run { max-width: 44rem; }
    .lead { font-size: 1.15rem; }
    .aliases, .meta, .detail, .summary, figcaption { color: var(--muted); }
    .aliases { margin-bottom: 0; }
    img { max-width: 100%; height: auto; }
    figure { margin: 1.25rem 0 1.75rem; max-width: 52rem; }
    main img { background: #ffffff; border: 1px solid var(--border); border-radius: 4px; }
    figure img { display: block; }
    .prose img { max-width: min(100%, 52rem); }
    figcaption { font-size: 0.925rem; margin-top: 0.5rem; }
    .reproduce { display: block; margin-top: 0.25rem; }
    code, pre { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.9em; }
    code { background: var(--surface); padding: 0.05em 0.3em; border-radius: 4px; overflow-wrap: anywhere; }
    pre { background: var(--surface); padding: 0.75rem 1rem; border-radius: 6px; overflow-x: auto; max-width: 100%; }
    pre code { background: none; padding: 0; overflow-wrap: normal; }
    blockquote { margin: 1rem 0; padding: 0 1rem; border-left: 4px solid var(--border); color: var(--muted); }
    .table-scroll { max-width: 100%; overflow-x: auto; margin: 1rem 0; }
    table { border-collapse: collapse; font-size: 0.95rem; }
    caption { text-align: left; font-weight: 600; padding-bottom: 0.25rem; }
    th, td { border: 1px solid var(--border); padding: 0.35rem 0.65rem; text-align: left; vertical-align: top; }
    th { background: var(--surface); }
    td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    .search { margin: 1.5rem 0 0.25rem; }
    .search label { display: block; font-weight: 600; margin-bottom: 0.35rem; }
    .search input {
      width: 100%; font: inherit; padding: 0.55rem 0.75rem; color: var(--fg); background: var(--bg);
      border: 2px solid var(--border); border-radius: 6px;
    }
    .search input:focus-visible { border-color: var(--focus); }
    .search-status:empty { display: none; }
    .term-list { list-style: none; padding: 0; margin: 0.5rem 0 1rem; max-width: 44rem; }
    .term-list li { margin: 0.6rem 0; }
    .term-list a { font-weight: 600; }
    .term-list .summary { display: block; }
    .lesson-list { padding-left: 1.5rem; margin: 0.5rem 0 1.5rem; max-width: 44rem; }
    .lesson-list li { margin: 0.7rem 0; }
    .lesson-list a { font-weight: 600; }
    .lesson-list .duration { color: var(--muted); }
    .lesson-list .summary { display: block; }
    figure.wide { max-width: 100%; }
    .compact-list { list-style: none; padding: 0; margin: 0; }
    .compact-list li { margin: 0.3rem 0; }
    .category-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 15rem), 1fr)); gap: 0 2rem; }
    .category h3 { margin-top: 1rem; }
    .letters { list-style: none; display: flex; flex-wrap: wrap; gap: 0.25rem; padding: 0; margin: 0.5rem 0; }
    .letters a { display: inline-block; min-width: 2.25rem; padding: 0.3rem 0.5rem; text-align: center; border: 1px solid var(--border); border-radius: 4px; text-decoration: none; }
    .entry-layout { display: grid; grid-template-columns: minmax(0, 1fr); gap: 0 3rem; }
    @media (min-width: 62rem) {
      .entry-layout.has-figures { grid-template-columns: minmax(0, 44rem) minmax(0, 1fr); }
      .entry-figures { border-left: 1px solid var(--border); padding-left: 1.5rem; }
    }
    .claims { list-style: none; padding: 0; max-width: 44rem; }
    .claim { margin: 0.75rem 0; }
    .claim .detail { display: block; font-size: 0.925rem; }
    .badge { display: inline-block; font-size: 0.8rem; font-weight: 700; padding: 0.05rem 0.55rem; border-radius: 999px; border: 1px solid currentColor; }
    .badge.pass { color: var(--pass); background: var(--pass-bg); }
    .badge.fail { color: var(--fail); background: var(--fail-bg); }
    .not-run { border-left: 4px solid var(--focus); padding-left: 0.75rem; }
    .film-controls:not([hidden]) { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 0.75rem; margin-top: 0.5rem; }
    .film-play { font: inherit; min-width: 5rem; padding: 0.3rem 0.8rem; color: var(--fg); background: var(--surface); border: 1px solid var(--border); border-radius: 4px; cursor: pointer; }
    .film-play:focus-visible, .film-slider:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
    .film-slider { flex: 1 1 10rem; min-width: 0; accent-color: var(--accent); }
    .film-label { flex: 1 1 100%; color: var(--muted); font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
    .film-frames[hidden] { display: none; }
    @media print {
      .site-header, .search, .skip-link, .film-controls { display: none; }
    }

    """
}
