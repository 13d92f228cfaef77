// recount estimates dashboard: renders the dashboard model (docs/report.md, schema
// "recount-dashboard/1") into a container. Shared by `recount report` (embedded in a
// self-contained HTML file) and the web app's estimates page (which fetches the same JSON).
//
//   RecountDashboard.renderDashboard(model, container, lang)   // lang: "en" or "ko"
//
// A plain script: it needs the globals `d3` and `Plot` (d3 and @observablehq/plot UMD bundles)
// loaded first, and defines globalThis.RecountDashboard.
//
// Safety: every string from the model reaches the page through textContent or Plot's text
// marks (which also set textContent), never through innerHTML. Nothing sets inline style
// attributes or adds <style> elements (the report's Content-Security-Policy allows only its one
// hashed style sheet): Plot's own <style> element is removed from each chart before it is
// inserted, and web/src/dashboard.css carries the equivalent rules.
(function (global) {
  "use strict";

  const METHODS = ["loglinear", "lcmcr", "dga", "chao"];
  // Colour-blind-safe (Okabe-Ito); documented counts are grey.
  const METHOD_COLORS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7"];

  const TEXT = {
    en: {
      title: "Estimated number of victims",
      subtitle: "Multiple systems estimation over the linked lists",
      store: "Store",
      generated: "Generated",
      settings: "Estimation settings",
      overall: "All persons",
      documented: "Documented",
      documented_persons: "Documented persons (linked)",
      documented_records: "Victim records",
      estimate: "Estimate",
      interval: "95% interval",
      unobserved: "Not on any list",
      kind: "Kind",
      method: "Method",
      not_available: "not available",
      unbounded: "unbounded",
      warnings: "Warnings",
      notes: "Notes",
      diagnostics: "Diagnostics",
      chosen_model: "Chosen model",
      by_year: "By year",
      by_place: "By place (province)",
      by_act: "By act type",
      by_sex: "By sex",
      stratum: "Stratum",
      total_strata: "Total over strata (summed draws)",
      chart_hint: "Grey bar: documented persons; dot and line: each method's estimate and 95% interval (▶: the interval runs beyond the chart; the table gives it). Acts of unknown year or place are in the table only.",
      overlap: "List overlap",
      overlap_hint: "Persons by the exact combination of lists that recorded them (largest first), and each list's size.",
      persons: "Persons",
      records: "Records",
      only_list: "On this list only",
      list: "List",
      pairs: "Persons on both lists",
      linkage: "Linkage quality",
      link_runs: "Linkage runs",
      latest_run: "Latest run",
      never_linked: "never linked (persons are the lists' own references)",
      records_total: "Records",
      persons_total: "Unique persons",
      linked_records: "Records linked to another record",
      pairs_scored: "Scored pairs kept",
      pairs_in_band: "Pairs in the review band",
      pairs_pending: "Pairs waiting for review",
      decisions: "Review decisions recorded",
      standing: "Standing decisions (accepted / rejected)",
      histogram: "Scored pairs by match probability",
      probability: "Match probability",
      audit: "Audit",
      audit_ok: "Verified: the store matches its tamper-evident log",
      audit_failed: "FAILED: the store does not match its log",
      audit_skipped: "Not verified in this report (run 'recount audit verify')",
      entries: "Log entries",
      signed_size: "Signed up to entry",
      unsigned: "Entries after the last checkpoint",
      checkpoints: "Checkpoints verified",
      records_checked: "Records checked",
      root: "Log root (SHA-256)",
      log_key: "Checked with",
      latest_checkpoint: "Latest signed checkpoint",
      problems: "Problems",
      none: "none",
      print_note: "Figures from recount; methods and assumptions: docs/estimation.md.",
    },
    ko: {
      title: "피해자 수 추정",
      subtitle: "연계된 명단에 대한 다중체계추정(MSE)",
      store: "저장소",
      generated: "작성 시각",
      settings: "추정 설정",
      overall: "전체",
      documented: "기록됨",
      documented_persons: "기록된 사람 수(연계 후)",
      documented_records: "피해자 기록 수",
      estimate: "추정치",
      interval: "95% 구간",
      unobserved: "어느 명단에도 없는 수",
      kind: "종류",
      method: "방법",
      not_available: "계산 불가",
      unbounded: "상한 없음",
      warnings: "경고",
      notes: "참고",
      diagnostics: "진단",
      chosen_model: "선택된 모형",
      by_year: "연도별",
      by_place: "장소별(도)",
      by_act: "행위 유형별",
      by_sex: "성별",
      stratum: "구분",
      total_strata: "구분 합계(추출값 합산)",
      chart_hint: "회색 막대: 기록된 사람 수, 점과 선: 방법별 추정치와 95% 구간(▶: 구간이 그래프 밖으로 이어짐, 표 참조). 연도나 장소를 모르는 행위는 표에만 있습니다.",
      overlap: "명단 중복",
      overlap_hint: "사람들을 기록한 명단의 정확한 조합별 인원(큰 순서)과 명단별 크기.",
      persons: "사람 수",
      records: "기록 수",
      only_list: "이 명단에만",
      list: "명단",
      pairs: "두 명단 모두에 있는 사람 수",
      linkage: "연계 품질",
      link_runs: "연계 실행 횟수",
      latest_run: "최근 실행",
      never_linked: "연계한 적 없음(명단 자체의 인물 참조 사용)",
      records_total: "기록 수",
      persons_total: "고유 인물 수",
      linked_records: "다른 기록과 연계된 기록 수",
      pairs_scored: "점수가 매겨진 쌍",
      pairs_in_band: "검토 구간의 쌍",
      pairs_pending: "검토 대기 중인 쌍",
      decisions: "기록된 검토 결정",
      standing: "유효한 결정(수락 / 거부)",
      histogram: "일치 확률별 쌍 수",
      probability: "일치 확률",
      audit: "감사",
      audit_ok: "검증됨: 저장소가 변조 방지 로그와 일치합니다",
      audit_failed: "실패: 저장소가 로그와 일치하지 않습니다",
      audit_skipped: "이 보고서에서는 검증하지 않음('recount audit verify' 실행)",
      entries: "로그 항목 수",
      signed_size: "서명된 마지막 항목",
      unsigned: "마지막 체크포인트 이후 항목",
      checkpoints: "검증된 체크포인트",
      records_checked: "확인한 기록 수",
      root: "로그 루트(SHA-256)",
      log_key: "검증 키",
      latest_checkpoint: "최근 서명된 체크포인트",
      problems: "문제",
      none: "없음",
      print_note: "recount 산출 수치. 방법과 가정: docs/estimation.md.",
    },
  };

  const METHOD_LABELS = {
    en: { loglinear: "log-linear", lcmcr: "LCMCR", dga: "dga", chao: "Chao (lower bound)" },
    ko: { loglinear: "로그선형", lcmcr: "LCMCR", dga: "dga", chao: "Chao(하한)" },
  };

  // --- small DOM helpers (textContent only) ---
  function el(tag, className, text) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function append(parent, ...children) {
    for (const c of children) if (c) parent.appendChild(c);
    return parent;
  }
  // `numeric(i)`: whether column i holds numbers (right-aligned); default: all but the first.
  function table(headers, rows, className, numeric) {
    const isNum = numeric || ((i) => i > 0);
    const t = el("table", className || "rc-table");
    const thead = el("thead");
    const tr = el("tr");
    headers.forEach((h, i) => append(tr, el("th", isNum(i) ? "rc-num" : null, h)));
    append(t, append(thead, tr));
    const tbody = el("tbody");
    for (const row of rows) {
      const r = el("tr", row.className || null);
      row.cells.forEach((c, i) => {
        const td = el(i === 0 && row.header ? "th" : "td", isNum(i) ? "rc-num" : null);
        if (c instanceof Node) td.appendChild(c);
        else td.textContent = c === undefined || c === null ? "–" : String(c);
        r.appendChild(td);
      });
      tbody.appendChild(r);
    }
    return append(t, tbody);
  }
  // Approximate width in pixels of a chart label at Plot's 10px font: Hangul and CJK are wide.
  function labelWidth(s) {
    let w = 0;
    for (const ch of String(s)) w += ch.codePointAt(0) >= 0x1100 ? 10.5 : 6.2;
    return w;
  }
  function labelMargin(labels) {
    return Math.ceil(Math.min(240, 16 + Math.max(24, ...labels.map(labelWidth))));
  }

  // Plot adds a <style> element to each chart; the page's CSP allows only the hashed style sheet,
  // so it is removed before the chart is connected (dashboard.css has the same rules).
  function chart(node) {
    node.querySelectorAll("style").forEach((s) => s.remove());
    const wrap = el("div", "rc-chart");
    wrap.appendChild(node);
    return wrap;
  }

  function renderDashboard(model, container, lang) {
    lang = lang === "ko" ? "ko" : "en";
    const T = TEXT[lang];
    const fmt = new Intl.NumberFormat(lang === "ko" ? "ko-KR" : "en-US", { maximumFractionDigits: 0 });
    const n = (v) => (v === null || v === undefined || !isFinite(v) ? "–" : fmt.format(Math.round(v)));
    const label = (l) => (l ? l[lang] || l.en || "" : "");
    const methodLabel = (m) => METHOD_LABELS[lang][m] || m;
    const methodsUsed = [];
    for (const e of model.overall.estimates) if (!methodsUsed.includes(e.method)) methodsUsed.push(e.method);
    const color = {
      domain: METHODS.map(methodLabel),
      range: METHOD_COLORS,
    };
    const interval = (e) =>
      e.ok ? `${n(e.lower)} – ${e.upper_unbounded ? T.unbounded : n(e.upper)}` : T.not_available;

    container.textContent = "";
    container.classList.add("rc-dashboard");

    // --- header ---
    const header = el("header", "rc-header");
    // Language switch (not printed): both languages' labels are in the model and this script.
    const other = lang === "ko" ? "en" : "ko";
    const sw = el("button", "rc-lang", other === "ko" ? "한국어" : "English");
    sw.type = "button";
    sw.lang = other;
    sw.addEventListener("click", () => {
      document.documentElement.lang = other;
      renderDashboard(model, container, other);
    });
    append(header, sw, el("h1", null, T.title), el("p", "rc-subtitle", T.subtitle));
    const meta = el("dl", "rc-meta");
    const metaRow = (k, v) => append(meta, el("dt", null, k), el("dd", null, v));
    metaRow(T.store, model.store);
    metaRow(T.generated, model.generated_at);
    append(header, meta);
    const settings = Object.entries(model.settings || {});
    if (settings.length) {
      const s = el("p", "rc-settings");
      s.textContent = `${T.settings}: ` + settings.map(([k, v]) => `${k}=${v}`).join(", ");
      append(header, s);
    }
    append(container, header);

    // --- overall ---
    const overall = el("section", "rc-section rc-overall");
    append(overall, el("h2", null, T.overall));
    const cards = el("div", "rc-cards");
    const card = (title, value, sub, cls) =>
      append(el("div", "rc-card " + (cls || "")), el("div", "rc-card-title", title),
             el("div", "rc-card-value", value), sub ? el("div", "rc-card-sub", sub) : null);
    append(cards, card(T.documented_persons, n(model.overall.documented_persons),
                       `${T.documented_records}: ${n(model.overall.documented_records)}`, "rc-documented"));
    model.overall.estimates.forEach((e, i) => {
      append(cards, card(methodLabel(e.method), e.ok ? n(e.estimate) : T.not_available,
                         e.ok ? `${T.interval}: ${interval(e)}` : e.error, "rc-m-" + e.method));
    });
    append(overall, cards);
    append(overall, estimatesTable(model.overall.estimates));
    append(overall, diagnosticsTable(model.overall.estimates));
    append(overall, forest([{ ...model.overall, label: { en: T.overall, ko: T.overall } }], 0));
    append(overall, warnings(model.overall));
    append(container, overall);

    // --- breakdowns ---
    const titles = { year: T.by_year, place: T.by_place, act: T.by_act, sex: T.by_sex };
    const order = (model.by_order || Object.keys(model.by || {})).filter((k) => model.by && model.by[k]);
    for (const by of order) {
      const b = model.by[by];
      const sec = el("section", "rc-section rc-by rc-by-" + by);
      append(sec, el("h2", null, titles[by] || by), el("p", "rc-hint", T.chart_hint));
      // The "unknown" stratum (acts with no year or place) is in the table only: it is often
      // large and uncertain and would squeeze the chart.
      append(sec, forest(b.strata.filter((s) => s.key !== "unknown"), 1));
      const headers = [T.stratum, T.documented_records, T.documented_persons]
        .concat(methodsUsed.map((m) => `${methodLabel(m)} (${T.interval})`));
      const rows = b.strata.map((s) => ({
        header: true,
        cells: [label(s.label), n(s.documented_records), n(s.documented_persons)].concat(
          methodsUsed.map((m) => {
            const e = s.estimates.find((x) => x.method === m);
            return e ? (e.ok ? `${n(e.estimate)} (${interval(e)})` : T.not_available) : "–";
          })),
      }));
      if (b.totals && b.totals.length) {
        rows.push({
          header: true,
          className: "rc-total",
          cells: [T.total_strata, "", n(b.strata.reduce((a, s) => a + s.documented_persons, 0))].concat(
            methodsUsed.map((m) => {
              const e = b.totals.find((x) => x.method === m);
              return e && e.ok ? `${n(e.estimate)} (${interval(e)})` : "–";
            })),
        });
      }
      append(sec, table(headers, rows));
      const w = [];
      for (const s of b.strata) for (const x of allWarnings(s)) w.push(`${label(s.label)}: ${x}`);
      append(sec, list(T.warnings, w, "rc-warnings"));
      append(sec, list(T.notes, b.notes || [], "rc-notes"));
      append(container, sec);
    }

    append(container, overlapSection());
    if (model.linkage) append(container, linkageSection(model.linkage));
    if (model.audit) append(container, auditSection(model.audit));
    append(container, el("footer", "rc-footer", T.print_note));
    return container;

    // --- pieces ---
    function estimatesTable(estimates) {
      return table([T.method, T.estimate, T.interval, T.unobserved, T.kind],
        estimates.map((e) => ({
          header: true,
          cells: [methodLabel(e.method), e.ok ? n(e.estimate) : T.not_available, e.ok ? interval(e) : e.error,
                  e.ok ? n(e.unobserved) : "", e.ok ? `${e.estimate_kind}; ${e.interval_kind}` : ""],
        })), null, (i) => i >= 1 && i <= 3);
    }

    // Each method's chosen model and diagnostics (R-hat, ESS, deviance, ... as the estimators
    // report them; docs/estimation.md explains each).
    function diagnosticsTable(estimates) {
      const num = new Intl.NumberFormat(lang === "ko" ? "ko-KR" : "en-US", { maximumSignificantDigits: 4 });
      const rows = estimates.filter((e) => e.ok).map((e) => ({
        header: true,
        cells: [methodLabel(e.method), e.models && e.models.length ? e.models[0].model : "",
                Object.entries(e.diagnostics || {})
                  .map(([k, v]) => `${k} ${v === null ? "–" : num.format(v)}`).join(", ")],
      }));
      if (!rows.length) return null;
      const d = el("div", "rc-diagnostics");
      append(d, el("h3", null, T.diagnostics));
      return append(d, table([T.method, T.chosen_model, T.diagnostics], rows, "rc-table rc-diag", () => false));
    }

    function allWarnings(s) {
      const w = [];
      // Each method's warnings already name the method.
      for (const e of s.estimates) for (const x of e.warnings || []) w.push(x);
      for (const x of s.warnings || []) w.push(x);
      return w;
    }
    function warnings(s) { return list(T.warnings, allWarnings(s), "rc-warnings"); }
    function list(title, items, cls) {
      if (!items.length) return null;
      const d = el("div", cls);
      append(d, el("h3", null, title));
      const ul = el("ul");
      for (const i of items) append(ul, el("li", null, i));
      return append(d, ul);
    }

    // A forest plot: per stratum, the documented count as a grey bar and each method's estimate
    // with its interval, one row per method.
    function forest(strata, facetted) {
      const rows = [];
      const docs = [];
      for (const s of strata) {
        const name = label(s.label);
        docs.push({ stratum: name, documented: s.documented_persons });
        for (const e of s.estimates) {
          if (!e.ok) continue;
          rows.push({
            stratum: name, method: methodLabel(e.method), estimate: e.estimate, lower: e.lower,
            upper: e.upper_unbounded ? e.estimate * 3 : e.upper, unbounded: e.upper_unbounded,
          });
        }
      }
      if (!docs.length) return null;
      const methods = methodsUsed.map(methodLabel);
      // The axis covers the documented counts and point estimates with room to spare; intervals
      // reaching beyond are cut at the edge (the tables give them in full).
      const xmax = 1.5 * Math.max(1, ...docs.map((d) => d.documented), ...rows.map((r) => r.estimate));
      const rowH = 12;
      const height = Math.max(90, strata.length * (methods.length * rowH + 10) + 50);
      const width = Math.min(960, Math.max(520, container.clientWidth || 900));
      const plot = Plot.plot({
        width,
        height,
        marginLeft: labelMargin(docs.map((d) => d.stratum)),
        marginRight: 20,
        x: { label: T.persons, grid: true, domain: [0, xmax], tickFormat: (v) => fmt.format(v) },
        y: { domain: methods, axis: null, padding: 0.15 },
        fy: { domain: docs.map((d) => d.stratum), label: null, padding: 0.1 },
        color: color,
        marks: [
          Plot.barX(docs, { fy: "stratum", x: "documented", fill: "#bbbbbb", title: (d) => `${T.documented}: ${n(d.documented)}` }),
          Plot.ruleY(rows, { fy: "stratum", y: "method", x1: "lower", x2: (d) => Math.min(d.upper, xmax), stroke: "method", strokeWidth: 2 }),
          // An arrow head where an interval runs off the chart.
          Plot.text(rows.filter((d) => d.upper > xmax || d.unbounded), { fy: "stratum", y: "method", x: xmax, text: () => "▶", fill: "method", fontSize: 9 }),
          Plot.dot(rows, {
            fy: "stratum", y: "method", x: "estimate", fill: "method", r: 3.5,
            title: (d) => `${d.method}: ${n(d.estimate)} (${n(d.lower)} – ${d.unbounded ? T.unbounded : n(d.upper)})`,
          }),
          Plot.frame({ stroke: "#eeeeee" }),
        ],
      });
      const wrap = chart(plot);
      append(wrap, legend());
      return wrap;
    }

    function legend() {
      const l = el("div", "rc-legend");
      append(l, append(el("span", "rc-key"), el("span", "rc-swatch rc-sw-documented"), el("span", null, T.documented)));
      for (const m of methodsUsed) {
        append(l, append(el("span", "rc-key"), el("span", "rc-swatch rc-sw-" + m), el("span", null, methodLabel(m))));
      }
      return l;
    }

    // UpSet-style chart: intersection sizes as bars over a matrix of list membership, with each
    // list's size beside it.
    function overlapSection() {
      const o = model.overlap;
      const sec = el("section", "rc-section rc-overlap");
      append(sec, el("h2", null, T.overlap), el("p", "rc-hint", T.overlap_hint));
      const names = o.lists.map((l) => l.name);
      const patterns = o.patterns.slice(0, 40).map((p, i) => ({ ...p, id: String(i + 1) }));
      const ids = patterns.map((p) => p.id);
      const width = Math.min(960, Math.max(520, container.clientWidth || 900));
      const marginLeft = labelMargin(names);
      const bars = Plot.plot({
        width, height: 200, marginLeft, marginBottom: 8,
        x: { domain: ids, axis: null, padding: 0.2 },
        y: { label: T.persons, grid: true, tickFormat: (v) => fmt.format(v) },
        marks: [
          Plot.barY(patterns, { x: "id", y: "count", fill: "#444444",
            title: (p) => `${p.lists.map((j) => names[j]).join(" + ")}: ${n(p.count)}` }),
          Plot.text(patterns, { x: "id", y: "count", text: (p) => n(p.count), dy: -6, fontSize: 9 }),
          Plot.ruleY([0]),
        ],
      });
      const cells = [];
      const links = [];
      for (const p of patterns) {
        names.forEach((name, j) => cells.push({ id: p.id, list: name, on: p.lists.includes(j) }));
        if (p.lists.length > 1) {
          links.push({ id: p.id, from: names[p.lists[0]], to: names[p.lists[p.lists.length - 1]] });
        }
      }
      const matrix = Plot.plot({
        width, height: 24 * names.length + 20, marginLeft, marginTop: 4, marginBottom: 16,
        x: { domain: ids, axis: null, padding: 0.2 },
        y: { domain: names, label: null },
        marks: [
          Plot.ruleX(links, { x: "id", y1: "from", y2: "to", stroke: "#444444", strokeWidth: 2 }),
          Plot.dot(cells, { x: "id", y: "list", r: 5, fill: (c) => (c.on ? "#444444" : "#dddddd") }),
        ],
      });
      const sizes = Plot.plot({
        width: Math.min(width, 640), height: 24 * names.length + 40, marginLeft,
        x: { label: T.persons, grid: true, tickFormat: (v) => fmt.format(v) },
        y: { domain: names, label: null },
        marks: [
          Plot.barX(o.lists, { y: "name", x: "persons", fill: "#777777" }),
          Plot.text(o.lists, { y: "name", x: "persons", text: (l) => n(l.persons), dx: 4, textAnchor: "start", fontSize: 9 }),
          Plot.ruleX([0]),
        ],
      });
      append(sec, append(el("div", "rc-upset"), chart(bars), chart(matrix)), chart(sizes));
      append(sec, table([T.list, T.records, T.persons, T.only_list],
        o.lists.map((l) => ({ header: true, cells: [l.name, n(l.records), n(l.persons), n(l.only_this_list)] }))));
      // Pairwise overlaps as a matrix.
      const m = names.map(() => names.map(() => null));
      for (const p of o.pairs) { m[p.a][p.b] = p.persons; m[p.b][p.a] = p.persons; }
      append(sec, el("h3", null, T.pairs));
      append(sec, table([T.list].concat(names),
        names.map((name, i) => ({ header: true, cells: [name].concat(m[i].map((v, j) => (i === j ? "–" : n(v)))) })),
        "rc-table rc-matrix"));
      return sec;
    }

    function linkageSection(l) {
      const sec = el("section", "rc-section rc-linkage");
      append(sec, el("h2", null, T.linkage));
      const rows = [
        [T.link_runs, n(l.runs)],
        [T.latest_run, l.run_id ? `#${l.run_id}` : T.never_linked],
        [T.records_total, n(l.records)],
        [T.persons_total, n(l.persons)],
        [T.linked_records, n(l.linked_records)],
        [T.pairs_scored, n(l.pairs_scored)],
        [`${T.pairs_in_band} (${l.review_band.low}–${l.review_band.high})`, n(l.pairs_in_band)],
        [T.pairs_pending, n(l.pairs_pending_review)],
        [T.decisions, n(l.decisions)],
        [T.standing, `${n(l.standing_accepted)} / ${n(l.standing_rejected)}`],
      ];
      append(sec, table(["", ""], rows.map((r) => ({ header: true, cells: r })), "rc-table rc-kv", () => false));
      if (l.pairs_scored > 0) {
        const bins = l.probability_histogram.map((c, i) => ({
          x1: i / 10, x2: (i + 1) / 10, count: c,
          inBand: (i + 1) / 10 > l.review_band.low && i / 10 < l.review_band.high,
        }));
        append(sec, el("h3", null, T.histogram));
        append(sec, chart(Plot.plot({
          width: Math.min(640, Math.max(420, container.clientWidth || 640)), height: 180,
          x: { label: T.probability, domain: [0, 1] },
          y: { label: T.persons === "" ? null : T.pairs_scored, grid: true, tickFormat: (v) => fmt.format(v) },
          marks: [
            Plot.rectY(bins, { x1: "x1", x2: "x2", y: "count", fill: (b) => (b.inBand ? "#E69F00" : "#999999"), inset: 1 }),
            Plot.ruleY([0]),
          ],
        })));
      }
      return sec;
    }

    function auditSection(a) {
      const sec = el("section", "rc-section rc-audit");
      append(sec, el("h2", null, T.audit));
      const status = !a.verified ? ["rc-status rc-status-skipped", T.audit_skipped]
        : a.ok ? ["rc-status rc-status-ok", T.audit_ok] : ["rc-status rc-status-failed", T.audit_failed];
      append(sec, el("p", status[0], status[1]));
      const rows = [[T.entries, n(a.entries)]];
      if (a.verified) {
        rows.push([T.signed_size, n(a.signed_size)], [T.unsigned, n(a.unsigned_entries)],
                  [T.checkpoints, n(a.checkpoints_verified)], [T.records_checked, n(a.records_checked)],
                  [T.root, a.root_sha256_hex], [T.log_key, a.log_key]);
      }
      append(sec, table(["", ""], rows.map((r) => ({ header: true, cells: r })), "rc-table rc-kv", () => false));
      const cp = a.latest_checkpoint;
      if (cp && cp.size) {
        append(sec, el("h3", null, `${T.latest_checkpoint}: ${n(cp.size)} (${cp.created_at})`));
        append(sec, el("pre", "rc-note", cp.note));
      }
      if (a.verified) append(sec, list(T.problems, a.problems || [], "rc-warnings"));
      return sec;
    }
  }

  global.RecountDashboard = { renderDashboard, METHODS };
})(globalThis);
