extension DashboardAssets {
    /// The dashboard's only stylesheet: system fonts, high contrast, NEWS2
    /// colours that always sit beside their number.
    static let stylesheet = """
        :root { --ink: #1b1f24; --muted: #57606a; --line: #d0d7de; --bg: #f6f8fa; --accent: #0b5cad;
          --s1: #fff3b0; --s2: #ffd08a; --s3: #ffb3b3; --crit: #8b0000; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #fff; }
        a { color: var(--accent); }
        a:focus, button:focus, input:focus, select:focus, textarea:focus { outline: 3px solid #f0a000; outline-offset: 2px; }
        .skip { position: absolute; left: -999px; }
        .skip:focus { left: 8px; top: 8px; background: #fff; padding: 4px 8px; z-index: 2; }
        .top { display: flex; flex-wrap: wrap; align-items: center; gap: 1rem; padding: .5rem 1rem; background: var(--bg); border-bottom: 1px solid var(--line); }
        .brand { font-weight: 700; font-size: 1.2rem; }
        nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: .75rem; margin: 0; padding: 0; }
        .signout { margin-left: auto; display: flex; gap: .5rem; align-items: center; }
        .who { color: var(--muted); }
        main { padding: 1rem; max-width: 1200px; }
        h1 { font-size: 1.5rem; margin: .5rem 0 1rem; }
        h2 { font-size: 1.2rem; margin: 1.5rem 0 .5rem; }
        table { border-collapse: collapse; width: 100%; }
        th, td { text-align: left; padding: .4rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
        th { background: var(--bg); }
        .num { font-variant-numeric: tabular-nums; }
        .badge { display: inline-block; padding: 0 .35rem; border-radius: 3px; border: 1px solid var(--line); font-size: .85rem; }
        .s0 { background: #fff; }
        .s1 { background: var(--s1); }
        .s2 { background: var(--s2); }
        .s3 { background: var(--s3); font-weight: 700; }
        .vital { display: inline-block; margin: 0 .5rem .25rem 0; white-space: nowrap; }
        .sev-critical { color: var(--crit); font-weight: 700; }
        .sev-high { color: #a33; font-weight: 700; }
        .error { color: var(--crit); font-weight: 600; }
        .notice { background: #e7f1fb; border: 1px solid #9cc3e8; padding: .5rem; }
        .secret { font-family: ui-monospace, monospace; word-break: break-all; background: var(--bg); padding: .5rem; border: 1px solid var(--line); }
        .live-status { color: var(--muted); font-size: .9rem; }
        .ranges { display: flex; gap: .75rem; list-style: none; padding: 0; }
        .ranges a[aria-current] { font-weight: 700; text-decoration: none; color: var(--ink); }
        .charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(340px, 1fr)); gap: 1rem; }
        figure { margin: 0; border: 1px solid var(--line); padding: .5rem; }
        figcaption strong { font-weight: 600; }
        svg.chart { width: 100%; height: auto; }
        svg path { fill: none; }
        svg .dot { fill: var(--accent); }
        svg .band { fill: #9cc3e8; fill-opacity: .55; }
        svg .avg { fill: none; stroke: var(--accent); stroke-width: 1.5; }
        svg .th { stroke: #c62828; stroke-dasharray: 4 3; stroke-width: 1; }
        svg .th-normal { stroke: #2e7d32; stroke-dasharray: 2 3; stroke-width: 1; }
        svg .axis { stroke: var(--line); }
        svg text { font-size: 10px; fill: var(--muted); }
        form.inline { display: inline-flex; flex-wrap: wrap; gap: .25rem; align-items: center; margin: .1rem 0; }
        label { font-weight: 600; }
        input, select, textarea, button { font: inherit; }
        button { padding: .2rem .6rem; }
        .signin { max-width: 22rem; }
        .signin input { width: 100%; }
        .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
        """
}
