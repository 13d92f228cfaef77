// recount web app: sign-in, search and browse, record pages, link review, the estimates
// dashboard and the audit page, in English and Korean (docs/web.md). A plain script served by
// `recount serve` (embedded in the binary, src/http/static_files.h) after d3, Plot and
// web/src/dashboard.js; it defines globalThis.RecountApp.
//
// Safety: every value from the server reaches the page through textContent or DOM properties
// (el() below), never innerHTML; no inline styles or scripts (the server's CSP forbids them).
// State-changing requests carry the session's CSRF token in X-CSRF-Token. Nothing but the
// language and a "signed in" hint is kept in localStorage (the session cookie is HttpOnly).
(function (global) {
  "use strict";

  // ---------------------------------------------------------------- strings
  const TEXT = {
    en: {
      app: "recount",
      nav_search: "Search", nav_review: "Link review", nav_estimates: "Estimates", nav_audit: "Audit",
      sign_in: "Sign in", sign_out: "Sign out", user: "User name", password: "Password",
      code: "6-digit code from your authenticator app", signing_in: "Signing in…",
      sign_in_hint: "Sign in with your password and the code of your authenticator app.",
      switch_lang: "한국어",
      loading: "Loading…", error: "Error", none: "Nothing found.",
      search: "Search", search_placeholder: "Name (Hangul or romanised) or place",
      act: "Act type", source: "Source", sex: "Sex", year_from: "From year", year_to: "To year",
      place_filter: "Place (and everywhere within it)", place_placeholder: "e.g. 함경북도, North Hamgyong, Jilin",
      age_from: "Age from", age_to: "Age to",
      age_hint: "Age at the time of the act, from a recorded age or the birth date; records without either do not match.",
      any: "any", apply: "Apply", clear: "Clear",
      results: (n) => `${n.toLocaleString("en-US")} records`,
      searched: (what) => `Searched ${what}.`,
      matched: "Matched",
      id: "ID", record_id: "Record", acts: "Acts", dates: "Dates", places: "Places",
      prev: "Previous", next: "Next", page: (a, b, n) => `${a}–${b} of ${n}`,
      female: "Female", male: "Male", unknown: "Unknown",
      record: "Record", coded: "Coded data", narrative: "Narrative", narrative_sealed: "The narrative is sealed on this server.",
      no_narrative: "No narrative.",
      date: "Date", place: "Place", age: "Age", perpetrators: "Perpetrators",
      attachments: "Attachments", history: "Version history", kept_versions: "Earlier versions kept",
      when: "When", who: "Who", what: "What", version: "Version", detail: "Detail",
      replaced_at: "Replaced", replaced_by: "Replaced by", shredded: "shredded",
      show_identity: "Show identity", identity: "Identity",
      identity_logged: "This read has been recorded in the tamper-evident log under your name.",
      identity_none: "No identity is stored for this record.",
      attach_files: "Attach files", upload: "Upload", download: "Download",
      attach_hint: "PDF, images, audio, video or text, up to the server's limit. Files are kept encrypted; each download is recorded in the tamper-evident log under your name.",
      uploading: (name, i, n) => `Uploading ${name} (${i} of ${n})…`,
      uploaded: (n) => `${n} file(s) attached.`,
      upload_failed: (name, msg) => `Could not attach ${name}: ${msg}`,
      attach_later: "The testimony was saved. Attach the files that failed from the record page.",
      open_record: "Open the record",
      sharing: "Who may see this record", restricted_to: "Restricted: visible only to",
      not_restricted: "Not restricted: every user whose role reads records sees it.",
      share_users: "User names", share_users_hint: "names, comma-separated",
      restrict: "Restrict", share: "Share", unshare: "Unshare", unrestrict: "Unrestrict",
      full_name: "Full name", surname: "Surname", given_name: "Given name",
      name_variants: "Name variants", interviewer: "Interviewer",
      field_names: {
        source: "Source", record_id: "Record", testimony_date: "Testimony date", language: "Language",
        connection: "Connection", reliability: "Reliability", consent: "Consent", sex: "Sex",
        birth_date: "Birth date", origin: "Origin", person_ref: "Person reference", cluster_id: "Person (linked)",
        version: "Version",
        record: "Record ID", "source id": "Record", "full name": "Full name", surname: "Surname",
        "given name": "Given name", "name variants": "Name variants", birth: "Birth date",
        acts: "Acts", "person ref": "Person reference", cluster: "Person (linked)",
      },
      refresh_queue: "Refresh the queue", queue: "Pairs to review", queue_empty: "No pairs are waiting for review.",
      probability: "Match probability", pair: (i, n) => `Pair ${i} of ${n}`,
      left: "Record A", right: "Record B", field: "Field", differs: "differs",
      accept: "Same person", reject: "Different people", skip: "Skip",
      shortcuts: "Keys: a = same person, r = different people, s = skip.",
      decided: (v) => `Recorded: ${v}.`, identities_locked: "Names are locked on this server; coded fields only.",
      estimates_loading: "Loading the estimates…",
      estimates_computing: "The server is computing the estimates (log-linear and Chao) in the background; this page updates when they are ready.",
      estimates_as_of: (when, n) => `Estimates as of ${when} (log entry ${Number(n).toLocaleString("en-US")}).`,
      estimates_updating: "The records have changed since: updating…",
      estimates_failed: "The last computation failed:",
      audit: "Audit log", log_size: "Entries in the log", root: "Root (SHA-256)",
      log_key: "Log signing key", checkpoints: "Signed checkpoints", latest_checkpoint: "Latest signed checkpoint",
      created_at: "Signed at", size: "Entries covered", no_checkpoint: "No checkpoint has been signed yet.",
      audit_hint: "'recount audit verify' does the same check from the command line, optionally against a key you keep yourself.",
      verify_now: "Verify the log now", verified_ok: "Verified: the log is intact and every checkpoint signature is valid.",
      verified_bad: "Verification FAILED: see the problems below.", records_checked: "Records checked",
      signed_size: "Entries covered by a verified signature", unsigned: "Entries not yet signed",
      forbidden: "Your role may not see this page.",
      print: "Print",
      nav_intake: "New testimony", intake: "New testimony",
      intake_hint: "Dates may be partial: 2019, 2019-03, about 2015. Places: type a few letters in Hangul or Latin and pick from the gazetteer. The draft is kept in this browser, encrypted, until you save or discard it.",
      interview: "Interview", person: "Person", testimony_date: "Testimony date", interviewer: "Interviewer",
      language: "Language", birth_date: "Birth date", origin: "Origin", narrative_label: "Narrative",
      act_n: (n) => `Act ${n}`, event_date: "Date", event_place: "Place", perpetrator: "Perpetrator", involvement: "Involvement",
      add_act: "Add an act", remove_act: "Remove this act", save: "Save testimony", discard: "Discard draft",
      saved: "Saved.", draft_restored: "A draft was restored from this browser.",
      draft_kept: (t) => `Draft kept in this browser, encrypted (${t}).`, draft_saving: "Keeping the draft…",
      draft_insecure: "Drafts are not kept: this page is not served over HTTPS or from this computer (127.0.0.1), so the browser offers no encryption for them.",
      draft_unreadable: "A draft kept in this browser cannot be opened with your key (it was made for another store, or it is damaged); it is replaced as soon as you type.",
      draft_failed: "The draft could not be kept",
    },
    ko: {
      app: "recount",
      nav_search: "검색", nav_review: "연결 검토", nav_estimates: "추정", nav_audit: "감사",
      sign_in: "로그인", sign_out: "로그아웃", user: "사용자 이름", password: "비밀번호",
      code: "인증 앱의 6자리 코드", signing_in: "로그인 중…",
      sign_in_hint: "비밀번호와 인증 앱의 코드로 로그인하십시오.",
      switch_lang: "English",
      loading: "불러오는 중…", error: "오류", none: "찾은 항목이 없습니다.",
      search: "검색", search_placeholder: "이름(한글 또는 로마자) 또는 장소",
      act: "행위 유형", source: "출처", sex: "성별", year_from: "시작 연도", year_to: "끝 연도",
      place_filter: "장소 (하위 지역 포함)", place_placeholder: "예: 함경북도, North Hamgyong, 길림성",
      age_from: "나이 (부터)", age_to: "나이 (까지)",
      age_hint: "행위 당시의 나이 (기록된 나이 또는 생년월일로 계산). 둘 다 없는 기록은 나이 조건에 맞지 않습니다.",
      any: "전체", apply: "적용", clear: "초기화",
      results: (n) => `기록 ${n.toLocaleString("ko-KR")}건`,
      searched: (what) => `검색 범위: ${what === "places" ? "장소" : "이름과 장소"}.`,
      matched: "일치",
      id: "ID", record_id: "기록", acts: "행위", dates: "날짜", places: "장소",
      prev: "이전", next: "다음", page: (a, b, n) => `${n}건 중 ${a}–${b}`,
      female: "여성", male: "남성", unknown: "미상",
      record: "기록", coded: "코드화된 자료", narrative: "진술", narrative_sealed: "이 서버에서는 진술이 봉인되어 있습니다.",
      no_narrative: "진술이 없습니다.",
      date: "날짜", place: "장소", age: "나이", perpetrators: "가해자",
      attachments: "첨부 파일", history: "변경 이력", kept_versions: "보관된 이전 판",
      when: "시각", who: "사용자", what: "작업", version: "판", detail: "내용",
      replaced_at: "교체 시각", replaced_by: "교체한 사용자", shredded: "파기됨",
      show_identity: "신원 보기", identity: "신원",
      identity_logged: "이 열람은 변조 방지 기록에 귀하의 이름으로 기록되었습니다.",
      identity_none: "이 기록에는 저장된 신원이 없습니다.",
      attach_files: "파일 첨부", upload: "올리기", download: "내려받기",
      attach_hint: "PDF, 이미지, 음성, 동영상, 텍스트 파일을 서버 한도까지 올릴 수 있습니다. 파일은 암호화되어 보관되며, 내려받을 때마다 변조 방지 기록에 귀하의 이름으로 기록됩니다.",
      uploading: (name, i, n) => `${name} 올리는 중 (${n}개 중 ${i}번째)…`,
      uploaded: (n) => `파일 ${n}개를 첨부했습니다.`,
      upload_failed: (name, msg) => `${name} 파일을 첨부하지 못했습니다: ${msg}`,
      attach_later: "증언은 저장되었습니다. 첨부하지 못한 파일은 기록 화면에서 첨부하십시오.",
      open_record: "기록 열기",
      sharing: "열람 허용 범위", restricted_to: "제한됨: 다음 사용자만 볼 수 있음 —",
      not_restricted: "제한 없음: 기록 열람 권한이 있는 모든 사용자가 볼 수 있습니다.",
      share_users: "사용자 이름", share_users_hint: "이름 (쉼표로 구분)",
      restrict: "제한", share: "공유", unshare: "공유 해제", unrestrict: "제한 해제",
      full_name: "성명", surname: "성", given_name: "이름",
      name_variants: "이름 변형", interviewer: "면담자",
      field_names: {
        source: "출처", record_id: "기록", testimony_date: "증언 날짜", language: "언어",
        connection: "관계", reliability: "신뢰도", consent: "동의", sex: "성별",
        birth_date: "생년월일", origin: "출신지", person_ref: "인물 참조", cluster_id: "인물(연결)",
        version: "판",
        record: "기록 ID", "source id": "기록", "full name": "성명", surname: "성",
        "given name": "이름", "name variants": "이름 변형", birth: "생년월일",
        acts: "행위", "person ref": "인물 참조", cluster: "인물(연결)",
      },
      refresh_queue: "목록 새로 고침", queue: "검토할 쌍", queue_empty: "검토를 기다리는 쌍이 없습니다.",
      probability: "일치 확률", pair: (i, n) => `${n}쌍 중 ${i}번째`,
      left: "기록 A", right: "기록 B", field: "항목", differs: "다름",
      accept: "같은 사람", reject: "다른 사람", skip: "건너뛰기",
      shortcuts: "단축키: a = 같은 사람, r = 다른 사람, s = 건너뛰기.",
      decided: (v) => `기록됨: ${v}.`, identities_locked: "이 서버에서는 이름이 잠겨 있어 코드화된 항목만 보입니다.",
      estimates_loading: "추정을 불러오는 중…",
      estimates_computing: "서버가 추정(로그선형 모형과 Chao)을 백그라운드에서 계산하고 있습니다. 준비되면 이 페이지가 갱신됩니다.",
      estimates_as_of: (when, n) => `${when} 기준 추정 (기록 항목 ${Number(n).toLocaleString("ko-KR")}번까지).`,
      estimates_updating: "그 뒤로 기록이 바뀌었습니다: 갱신 중…",
      estimates_failed: "마지막 계산이 실패했습니다:",
      audit: "감사 기록", log_size: "기록 항목 수", root: "루트 (SHA-256)",
      log_key: "기록 서명 키", checkpoints: "서명된 체크포인트", latest_checkpoint: "최근 서명된 체크포인트",
      created_at: "서명 시각", size: "포함된 항목 수", no_checkpoint: "아직 서명된 체크포인트가 없습니다.",
      audit_hint: "'recount audit verify'는 같은 확인을 명령줄에서 하며, 직접 보관한 키로도 확인할 수 있습니다.",
      verify_now: "지금 기록 검증", verified_ok: "검증됨: 기록이 온전하며 모든 체크포인트 서명이 유효합니다.",
      verified_bad: "검증 실패: 아래 문제를 보십시오.", records_checked: "확인한 기록 수",
      signed_size: "검증된 서명이 포함하는 항목 수", unsigned: "아직 서명되지 않은 항목 수",
      forbidden: "귀하의 역할로는 이 페이지를 볼 수 없습니다.",
      print: "인쇄",
      nav_intake: "새 증언", intake: "새 증언",
      intake_hint: "날짜는 일부만 적어도 됩니다: 2019, 2019-03, 2015년경. 장소는 한글이나 로마자로 몇 글자 입력한 뒤 지명 사전에서 고르십시오. 저장하거나 버릴 때까지 초안은 이 브라우저에 암호화되어 보관됩니다.",
      interview: "면담", person: "인물", testimony_date: "증언 날짜", interviewer: "면담자",
      language: "언어", birth_date: "생년월일", origin: "출신지", narrative_label: "진술",
      act_n: (n) => `행위 ${n}`, event_date: "날짜", event_place: "장소", perpetrator: "가해자", involvement: "가담 정도",
      add_act: "행위 추가", remove_act: "이 행위 삭제", save: "증언 저장", discard: "초안 버리기",
      saved: "저장되었습니다.", draft_restored: "이 브라우저에 보관된 초안을 불러왔습니다.",
      draft_kept: (t) => `초안이 이 브라우저에 암호화되어 보관되었습니다 (${t}).`, draft_saving: "초안 보관 중…",
      draft_insecure: "초안을 보관하지 않습니다: 이 페이지가 HTTPS나 이 컴퓨터(127.0.0.1)에서 제공되지 않아 브라우저가 암호화를 제공하지 않습니다.",
      draft_unreadable: "이 브라우저에 보관된 초안을 사용자의 키로 열 수 없습니다(다른 저장소용이거나 손상됨). 입력을 시작하면 새 초안으로 바뀝니다.",
      draft_failed: "초안을 보관하지 못했습니다",
    },
  };

  const state = {
    lang: localStorage.getItem("recount.lang") === "ko" ? "ko" : "en",
    session: null,          // {user, role, permissions, csrf_token}
    vocab: { en: null, ko: null },  // {acts: Map code->label, sources: [..]}
    review: { queue: null, index: 0, message: "" },
    dashboard: null,        // the model, kept so a language switch does not recompute it
    draftKey: null,         // CryptoKey from GET /api/draft-key, in memory only
  };
  const T = () => TEXT[state.lang];

  // ---------------------------------------------------------------- DOM helpers
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    if (attrs) {
      for (const [k, v] of Object.entries(attrs)) {
        if (v === undefined || v === null || v === false) continue;
        if (k === "class") e.className = v;
        else if (k === "text") e.textContent = v;
        else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
        else if (k in e && k !== "list") e[k] = v;
        else e.setAttribute(k, v === true ? "" : String(v));
      }
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return e;
  }
  const clear = (node) => { while (node.firstChild) node.removeChild(node.firstChild); return node; };
  const main = () => document.getElementById("ra-main");

  function table(headers, rows, cls) {
    return el("table", { class: "ra-table " + (cls || ""), id: cls || null },
      el("thead", null, el("tr", null, headers.map((h) => el("th", { scope: "col" }, h)))),
      el("tbody", null, rows));
  }
  function kvTable(pairs) {
    return el("table", { class: "ra-table ra-kv" }, el("tbody", null,
      pairs.filter((p) => p[1] !== undefined && p[1] !== null && p[1] !== "")
        .map(([k, v]) => el("tr", null, el("th", { scope: "row", text: k }),
          el("td", null, v instanceof Node ? v : String(v))))));
  }

  // ---------------------------------------------------------------- API
  class ApiError extends Error {
    constructor(status, message) { super(message); this.status = status; }
  }
  async function api(method, path, body) {
    const headers = { Accept: "application/json" };
    const opt = { method, headers, credentials: "same-origin" };
    if (body !== undefined) { headers["Content-Type"] = "application/json"; opt.body = JSON.stringify(body); }
    if (method !== "GET" && state.session) headers["X-CSRF-Token"] = state.session.csrf_token;
    const r = await fetch(path, opt);
    let j = null;
    try { j = await r.json(); } catch (e) { j = null; }
    if (!r.ok) {
      const msg = j && j.error && j.error.message ? j.error.message : `${r.status} ${r.statusText}`;
      if (r.status === 401 && path !== "/api/login" && state.session) {
        // The session ended (idle, expired, signed out elsewhere): back to the sign-in form.
        signedOut();
        setTimeout(route, 0);
      }
      throw new ApiError(r.status, msg);
    }
    return j;
  }
  // One file as the raw body of POST /api/records/{id}/attachments (docs/http-api.md); the name
  // goes percent-encoded in a header so Korean names arrive intact.
  async function uploadAttachment(id, file) {
    const headers = {
      Accept: "application/json",
      "Content-Type": file.type || "application/octet-stream",
      "X-Recount-File-Name": encodeURIComponent(file.name),
      "X-CSRF-Token": state.session ? state.session.csrf_token : "",
    };
    const r = await fetch(`/api/records/${id}/attachments`, { method: "POST", headers, body: file, credentials: "same-origin" });
    let j = null;
    try { j = await r.json(); } catch (e) { j = null; }
    if (!r.ok) throw new ApiError(r.status, j && j.error && j.error.message ? j.error.message : `${r.status} ${r.statusText}`);
    return j;
  }
  // Uploads `files` one after another, reporting in `status`; returns the names that failed.
  async function uploadAll(id, files, status) {
    const failed = [];
    const lines = [];
    let i = 0;
    for (const f of files) {
      ++i;
      status.textContent = [...lines, T().uploading(f.name, i, files.length)].join("\n");
      try { await uploadAttachment(id, f); } catch (e) { failed.push(f.name); lines.push(T().upload_failed(f.name, e.message)); }
    }
    status.textContent = lines.join("\n");
    return failed;
  }
  const can = (perm) => !!(state.session && state.session.permissions.includes(perm));

  async function vocab() {
    const lang = state.lang;
    if (state.vocab[lang]) return state.vocab[lang];
    // Every term of every vocabulary (GET /api/vocabularies), labelled in the UI's language, and
    // the sources the store already holds (for the source field's suggestions).
    const [vocabs, sources] = await Promise.all([
      api("GET", "/api/vocabularies"),
      // Roles without view-estimates get no source suggestions, not an error.
      api("GET", `/api/stats?by=source&lang=${lang}`).catch(() => ({ rows: [] })),
    ]);
    const labelled = (terms) => new Map(terms.map((t) => [t.code, t[lang] || t.en || t.code]));
    const v = {
      acts: labelled(vocabs.act_types),
      perpetrators: labelled(vocabs.perpetrator_types),
      involvements: labelled(vocabs.involvement_degrees),
      connections: labelled(vocabs.source_connections),
      reliability: labelled(vocabs.reliability),
      consent: labelled(vocabs.consent),
      sources: [],
    };
    for (const r of sources.rows) v.sources.push(r.keys[0]);
    v.sources.sort();
    state.vocab[lang] = v;
    return v;
  }
  const actLabel = (v, code) => (v && v.acts.get(code)) || code;
  const sexLabel = (s) => (s && T()[s]) || s || "";

  // ---------------------------------------------------------------- chrome
  function renderTop(active) {
    const top = clear(document.getElementById("ra-top"));
    document.documentElement.lang = state.lang;
    document.title = "recount";
    top.append(el("span", { class: "ra-brand", text: T().app }));
    if (state.session) {
      const links = [["search", T().nav_search, "read-records"], ["review", T().nav_review, "review"],
                     ["intake", T().nav_intake, "write-records"],
                     ["estimates", T().nav_estimates, "view-estimates"], ["audit", T().nav_audit, "view-audit"]];
      top.append(el("nav", { class: "ra-nav", "aria-label": "main" },
        links.filter((l) => can(l[2])).map(([id, label]) =>
          el("a", { href: `#/${id}`, class: active === id ? "ra-active" : "", id: `ra-nav-${id}`, text: label }))));
    }
    top.append(el("span", { class: "ra-spacer" }));
    if (state.session) top.append(el("span", { class: "ra-user", text: `${state.session.user} (${state.session.role})` }));
    top.append(el("button", { class: "ra-lang", id: "ra-lang", type: "button", lang: state.lang === "ko" ? "en" : "ko",
                              text: T().switch_lang, onclick: switchLang }));
    if (state.session) top.append(el("button", { type: "button", id: "ra-logout", text: T().sign_out, onclick: logout }));
  }
  function switchLang() {
    state.lang = state.lang === "ko" ? "en" : "ko";
    localStorage.setItem("recount.lang", state.lang);
    route();
  }
  function showError(where, e) {
    where.append(el("p", { class: "ra-error", role: "alert", text: `${T().error}: ${e.message}` }));
  }

  // ---------------------------------------------------------------- sign-in
  function signedOut() {
    state.session = null;
    state.draftKey = null;
    localStorage.removeItem("recount.signedIn");
  }
  function renderLogin(message) {
    renderTop(null);
    const m = clear(main());
    const status = el("p", { class: "ra-error", role: "alert", id: "ra-login-error", text: message || "" });
    const form = el("form", { class: "ra-login", id: "ra-login", novalidate: true },
      el("h1", { text: T().sign_in }),
      el("p", { class: "ra-muted", text: T().sign_in_hint }),
      el("label", null, T().user, el("input", { name: "name", id: "ra-name", autocomplete: "username", required: true })),
      el("label", null, T().password, el("input", { name: "password", id: "ra-password", type: "password", autocomplete: "current-password", required: true })),
      el("label", null, T().code, el("input", { name: "code", id: "ra-code", inputMode: "numeric", autocomplete: "one-time-code", pattern: "[0-9]{6}", maxLength: 6, required: true })),
      status,
      el("button", { class: "ra-primary", type: "submit", id: "ra-submit", text: T().sign_in }));
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      const f = new FormData(form);
      status.textContent = T().signing_in;
      try {
        state.session = await api("POST", "/api/login", { name: f.get("name"), password: f.get("password"), code: String(f.get("code")).trim() });
        localStorage.setItem("recount.signedIn", "1");
        if (!location.hash || location.hash === "#/login") location.hash = "#/search";
        route();
      } catch (e) {
        status.textContent = e.message;
      }
    });
    m.append(form);
    form.querySelector("input").focus();
  }
  async function logout() {
    try { await api("POST", "/api/logout"); } catch (e) { /* the session may have ended already */ }
    signedOut();
    state.dashboard = null;
    location.hash = "#/login";
    route();
  }

  // ---------------------------------------------------------------- search & browse
  function parseHash() {
    const h = location.hash.replace(/^#\/?/, "");
    const q = h.indexOf("?");
    const path = (q < 0 ? h : h.slice(0, q)).split("/").filter(Boolean);
    const params = new URLSearchParams(q < 0 ? "" : h.slice(q + 1));
    return { path, params };
  }

  async function renderSearch(params) {
    const m = clear(main());
    m.append(el("h1", { text: T().nav_search }));
    let v;
    try { v = await vocab(); } catch (e) { showError(m, e); return; }
    const opt = (value, label, selected) => el("option", { value, text: label, selected: value === selected });
    const q = params.get("q") || "";
    const form = el("form", { class: "ra-filters", id: "ra-search-form", role: "search" },
      el("label", null, T().search, el("br"),
        el("input", { type: "search", name: "q", id: "ra-q", value: q, placeholder: T().search_placeholder, maxLength: 200 })),
      el("label", null, T().act, el("br"), el("select", { name: "act", id: "ra-act" },
        opt("", T().any, params.get("act") || ""), [...v.acts].map(([code, label]) => opt(code, label, params.get("act"))))),
      el("label", null, T().source, el("br"), el("select", { name: "source", id: "ra-source" },
        opt("", T().any, params.get("source") || ""), v.sources.map((s) => opt(s, s, params.get("source"))))),
      el("label", null, T().sex, el("br"), el("select", { name: "sex", id: "ra-sex" },
        opt("", T().any, params.get("sex") || ""), ["female", "male", "unknown"].map((s) => opt(s, sexLabel(s), params.get("sex"))))),
      el("label", null, T().year_from, el("br"), el("input", { type: "number", name: "year_from", min: 1900, max: 2100, value: params.get("year_from") || "" })),
      el("label", null, T().year_to, el("br"), el("input", { type: "number", name: "year_to", min: 1900, max: 2100, value: params.get("year_to") || "" })),
      placeFilter(params),
      el("label", { title: T().age_hint }, T().age_from, el("br"), el("input", { type: "number", name: "age_from", id: "ra-age-from", min: 0, max: 150, value: params.get("age_from") || "" })),
      el("label", { title: T().age_hint }, T().age_to, el("br"), el("input", { type: "number", name: "age_to", id: "ra-age-to", min: 0, max: 150, value: params.get("age_to") || "" })),
      el("button", { class: "ra-primary", type: "submit", id: "ra-search-go", text: T().apply }),
      el("button", { type: "button", text: T().clear, onclick: () => { location.hash = "#/search"; } }));
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      const p = new URLSearchParams();
      for (const [k, val] of new FormData(form)) if (String(val).trim()) p.set(k, String(val).trim());
      // A place typed but not chosen from the list goes as typed: the server names the problem.
      if (p.get("place_label") && !p.get("place")) p.set("place", p.get("place_label"));
      if (!p.get("place")) p.delete("place_label");
      location.hash = `#/search?${p}`;
    });
    m.append(form, el("p", { class: "ra-muted ra-hint", text: T().age_hint }));
    const out = el("div", { id: "ra-results", "aria-live": "polite" }, el("p", { class: "ra-muted", text: T().loading }));
    m.append(out);

    const limit = 50;
    const offset = Math.max(0, Number(params.get("offset")) || 0);
    const p = new URLSearchParams({ limit: String(limit) });
    // The filters apply to the name/place search (q) too: the server composes them.
    if (q) p.set("q", q);
    for (const k of ["act", "source", "sex", "year_from", "year_to", "place", "age_from", "age_to"]) if (params.get(k)) p.set(k, params.get(k));
    if (!q) p.set("offset", String(offset));
    let res;
    try { res = await api("GET", `/api/records?${p}`); } catch (e) { clear(out); showError(out, e); return; }
    clear(out);
    const total = q ? res.records.length : res.total;
    out.append(el("p", { class: "ra-muted", id: "ra-count", text: T().results(total) }));
    if (q && res.searched) out.append(el("p", { class: "ra-muted", text: T().searched(res.searched) }));
    if (!res.records.length) { out.append(el("p", { text: T().none })); return; }
    const headers = [T().id, T().source, T().record_id, T().sex, T().acts, T().dates, T().places];
    if (q) headers.push(T().matched);
    out.append(table(headers, res.records.map((r) => {
      const acts = r.acts || [];
      const uniq = (xs) => [...new Set(xs.filter(Boolean))].join(", ");
      const cells = [
        el("td", null, el("a", { href: `#/record/${r.id}`, class: "ra-record-link", text: String(r.id) })),
        el("td", { text: r.source || "" }), el("td", { text: r.record_id || "" }), el("td", { text: sexLabel(r.sex) }),
        el("td", { text: uniq(acts.map((a) => actLabel(v, a.act))) }),
        el("td", { text: uniq(acts.map((a) => a.date)) }), el("td", { text: uniq(acts.map((a) => a.place)) }),
      ];
      if (q) cells.push(el("td", { text: r.matched || "" }));
      return el("tr", null, cells);
    }), "ra-results-table"));
    if (!q && total > limit) {
      const go = (off) => { const n = new URLSearchParams(params); n.set("offset", String(off)); location.hash = `#/search?${n}`; };
      out.append(el("div", { class: "ra-pager" },
        el("button", { type: "button", text: T().prev, disabled: offset === 0, onclick: () => go(Math.max(0, offset - limit)) }),
        el("span", { text: T().page(offset + 1, Math.min(offset + limit, total), total) }),
        el("button", { type: "button", text: T().next, disabled: offset + limit >= total, onclick: () => go(offset + limit) })));
    }
  }

  // The place filter: type-ahead over the gazetteer in Hangul or Latin (GET /api/places); the
  // chosen place's id goes in the hidden "place" field, its label stays in the link for display.
  let filterPlaceTimer = null;
  function placeFilter(params) {
    const ids = new Map();  // option text -> gazetteer id
    const hidden = el("input", { type: "hidden", name: "place", id: "ra-place", value: params.get("place") || "" });
    const input = el("input", { type: "text", name: "place_label", id: "ra-place-text", autocomplete: "off",
      placeholder: T().place_placeholder, maxLength: 200, value: params.get("place_label") || params.get("place") || "" });
    input.setAttribute("list", "ra-filter-places");
    const list = el("datalist", { id: "ra-filter-places" });
    input.addEventListener("input", () => {
      hidden.value = ids.get(input.value) || "";
      clearTimeout(filterPlaceTimer);
      const q = input.value.trim();
      if (!q || hidden.value) return;
      filterPlaceTimer = setTimeout(async () => {
        let res;
        try { res = await api("GET", `/api/places?q=${encodeURIComponent(q)}&limit=12`); } catch (e) { return; }
        clear(list);
        for (const pl of res.places) {
          const main = pl.label[state.lang] || pl.label.en;
          const other = state.lang === "ko" ? pl.label.en : pl.label.ko;
          const text = other && other !== main ? `${main} (${other})` : main;
          ids.set(text, pl.id);
          list.append(el("option", { value: text, label: [pl.kind, pl.within].filter(Boolean).join(" · ") }));
        }
        hidden.value = ids.get(input.value) || "";
      }, 150);
    });
    return el("label", { class: "ra-place-filter" }, T().place_filter, el("br"), input, hidden, list);
  }

  // ---------------------------------------------------------------- record page
  async function renderRecord(id) {
    const m = clear(main());
    m.append(el("p", { class: "ra-muted", text: T().loading }));
    let r, h, v;
    try {
      [r, h, v] = await Promise.all([api("GET", `/api/records/${id}`), api("GET", `/api/records/${id}/history`), vocab()]);
    } catch (e) { clear(m); showError(m, e); return; }
    clear(m);
    m.append(el("h1", { id: "ra-record-title", text: `${T().record} ${r.id} · ${r.source} ${r.record_id || ""}` }));
    const F = T().field_names;
    m.append(el("h2", { text: T().coded }));
    m.append(kvTable([
      [F.source, r.source], [F.record_id, r.record_id], [F.testimony_date, r.testimony_date], [F.language, r.language],
      [F.sex, sexLabel(r.sex)], [F.birth_date, r.birth_date], [F.origin, r.origin], [F.connection, r.connection],
      [F.reliability, r.reliability], [F.consent, r.consent], [F.person_ref, r.person_ref], [F.cluster_id, r.cluster_id],
      [F.version, r.version],
    ]));

    if (can("read-identities")) {
      const box = el("div", { id: "ra-identity-box" });
      const btn = el("button", { type: "button", id: "ra-show-identity", class: "ra-noprint", text: T().show_identity });
      btn.addEventListener("click", async () => {
        btn.disabled = true;
        try {
          const j = await api("GET", `/api/records/${id}/identity`);
          const idn = j.identity;
          clear(box);
          const div = el("div", { class: "ra-identity", id: "ra-identity" }, el("h2", { text: T().identity }));
          if (!idn) div.append(el("p", { text: T().identity_none }));
          else {
            div.append(kvTable([[T().full_name, idn.full_name], [T().surname, idn.surname], [T().given_name, idn.given_name],
              [T().name_variants, Array.isArray(idn.name_variants) ? idn.name_variants.join(", ") : idn.name_variants],
              [T().interviewer, idn.interviewer]]));
          }
          div.append(el("p", { class: "ra-muted", text: T().identity_logged }));
          box.append(div);
        } catch (e) { btn.disabled = false; showError(box, e); }
      });
      m.append(el("div", { class: "ra-actions" }, btn), box);
    }

    m.append(el("h2", { text: T().acts }));
    m.append(table([T().act, T().date, T().place, T().age, T().perpetrators], (r.acts || []).map((a) =>
      el("tr", null, el("td", { text: actLabel(v, a.act) }), el("td", { text: a.date || "" }), el("td", { text: a.place || "" }),
        el("td", { text: a.age !== undefined ? String(a.age) : "" }),
        el("td", { text: (a.involvements || []).map((i) => [i.perpetrator, i.involvement].filter(Boolean).join(" / ")).join("; ") })))));

    m.append(el("h2", { text: T().narrative }));
    if (r.narrative) m.append(el("div", { class: "ra-narrative", id: "ra-narrative", text: r.narrative }));
    else m.append(el("p", { class: "ra-muted", text: r.narrative_sealed ? T().narrative_sealed : T().no_narrative }));

    if ((r.attachments && r.attachments.length) || can("write-records")) {
      m.append(el("h2", { text: T().attachments }));
      // Downloads are plain links (same origin, the session cookie goes with them); the server
      // answers with Content-Disposition: attachment, so nothing opens in this page.
      m.append(table(["", "", "", ""], (r.attachments || []).map((a) => el("tr", null,
        el("td", { text: a.file_name }), el("td", { text: a.media_type }), el("td", { class: "ra-num", text: String(a.size) }),
        el("td", null, can("read-identities")
          ? el("a", { href: `/api/records/${id}/attachments/${a.id}`, download: a.file_name, class: "ra-download", text: T().download })
          : ""))), "ra-attachments"));
    }
    if (can("write-records")) {
      const input = el("input", { type: "file", id: "ra-attach-input", multiple: true });
      const status = el("pre", { class: "ra-error", id: "ra-attach-status", role: "status" });
      const btn = el("button", { type: "button", id: "ra-attach-upload", text: T().upload });
      btn.addEventListener("click", async () => {
        if (!input.files.length) return;
        btn.disabled = true;
        const failed = await uploadAll(id, [...input.files], status);
        btn.disabled = false;
        if (!failed.length) renderRecord(id);
      });
      m.append(el("div", { class: "ra-actions ra-noprint" },
        el("label", null, T().attach_files, " ", input), btn),
        el("p", { class: "ra-muted", text: T().attach_hint }), status);
    }

    m.append(sharingPanel(id));

    m.append(el("h2", { text: T().history }));
    m.append(table([T().when, T().who, T().what, T().version, T().detail], h.entries.map((e) =>
      el("tr", null, el("td", { text: String(e.time) }), el("td", { text: e.actor }), el("td", { text: e.op }),
        el("td", { class: "ra-num", text: String(e.version) }), el("td", { text: e.detail || "" }))), "ra-history"));
    if (h.kept_versions && h.kept_versions.length) {
      m.append(el("h2", { text: T().kept_versions }));
      m.append(table([T().version, T().replaced_at, T().replaced_by, ""], h.kept_versions.map((k) => el("tr", null,
        el("td", { class: "ra-num", text: String(k.version) }), el("td", { text: String(k.replaced_at) }),
        el("td", { text: k.replaced_by }), el("td", { text: k.shredded ? T().shredded : "" })))));
    }
  }

  // Who may see the record (docs/access.md): a restricted record is visible only to the users it
  // is shared with; roles with share-records change that here. The server applies every rule.
  function sharingPanel(id) {
    const body = el("div");
    const show = (s) => {
      clear(body);
      body.append(el("p", { id: "ra-sharing-state",
        text: s.restricted ? `${T().restricted_to} ${s.shared_with.join(", ")}` : T().not_restricted }));
      if (!can("share-records")) return;
      const input = el("input", { type: "text", id: "ra-share-users", placeholder: T().share_users_hint,
        "aria-label": T().share_users });
      const act = (action) => async () => {
        const users = input.value.split(",").map((u) => u.trim()).filter(Boolean);
        try { show(await api("POST", `/api/records/${id}/sharing`, { action, users })); }
        catch (e) { showError(body, e); }
      };
      const buttons = s.restricted
        ? [["share", T().share], ["unshare", T().unshare], ["unrestrict", T().unrestrict]]
        : [["restrict", T().restrict]];
      body.append(el("div", { class: "ra-actions ra-noprint" }, input,
        buttons.map(([a, label]) => el("button", { type: "button", id: `ra-${a}`, text: label, onclick: act(a) }))));
    };
    api("GET", `/api/records/${id}/sharing`).then(show, (e) => showError(body, e));
    return el("section", { id: "ra-sharing" }, el("h2", { text: T().sharing }), body);
  }

  // ---------------------------------------------------------------- link review
  async function renderReview() {
    const m = clear(main());
    m.append(el("h1", { text: T().queue }));
    const rv = state.review;
    if (!rv.queue) {
      m.append(el("p", { class: "ra-muted", text: T().loading }));
      try { rv.queue = (await api("GET", "/api/review/queue?limit=200")).queue; rv.index = 0; }
      catch (e) { showError(m, e); return; }
      clear(m).append(el("h1", { text: T().queue }));
    }
    m.append(el("div", { class: "ra-actions ra-noprint" }, el("button", { type: "button", id: "ra-refresh-queue", text: T().refresh_queue,
      onclick: () => { rv.queue = null; rv.message = ""; renderReview(); } })));
    if (rv.message) m.append(el("p", { class: "ra-ok", id: "ra-review-message", role: "status", text: rv.message }));
    if (rv.index >= rv.queue.length) { m.append(el("p", { id: "ra-queue-empty", text: T().queue_empty })); return; }
    const item = rv.queue[rv.index];
    m.append(el("p", { class: "ra-muted", id: "ra-pair-position",
      text: `${T().pair(rv.index + 1, rv.queue.length)} · ${T().probability}: ${(item.probability * 100).toFixed(1)}%` }));
    const holder = el("div", { id: "ra-pair" }, el("p", { class: "ra-muted", text: T().loading }));
    m.append(holder);
    let pair;
    try { pair = await api("GET", `/api/review/pair/${item.a}/${item.b}`); } catch (e) { clear(holder); showError(holder, e); return; }
    clear(holder);
    if (pair.identities_locked) holder.append(el("p", { class: "ra-muted", text: T().identities_locked }));
    const F = T().field_names;
    holder.append(table([T().field,
      el("a", { href: `#/record/${item.a}`, text: `${T().left} (${item.a})` }),
      el("a", { href: `#/record/${item.b}`, text: `${T().right} (${item.b})` })],
    pair.fields.map((f) => el("tr", { class: f.differs ? "ra-diff" : "" },
      el("th", { scope: "row" }, F[f.field] || f.field, f.differs ? el("span", { class: "ra-muted", text: ` (${T().differs})` }) : null),
      el("td", { text: f.left }), el("td", { text: f.right }))), "ra-compare"));
    const buttons = el("div", { class: "ra-actions" },
      el("button", { type: "button", class: "ra-primary", id: "ra-accept", onclick: () => decide("accept") }, T().accept, " ", el("span", { class: "ra-key", text: "a" })),
      el("button", { type: "button", id: "ra-reject", onclick: () => decide("reject") }, T().reject, " ", el("span", { class: "ra-key", text: "r" })),
      el("button", { type: "button", id: "ra-skip", onclick: () => decide("skip") }, T().skip, " ", el("span", { class: "ra-key", text: "s" })));
    holder.append(buttons, el("p", { class: "ra-muted ra-noprint", text: T().shortcuts }));
  }
  let deciding = false;
  async function decide(verdict) {
    const rv = state.review;
    if (deciding || !rv.queue || rv.index >= rv.queue.length) return;
    const item = rv.queue[rv.index];
    deciding = true;
    try {
      if (verdict !== "skip") {
        await api("POST", "/api/review/decisions", { a: item.a, b: item.b, verdict });
        rv.message = T().decided(`${item.a} – ${item.b}: ${verdict === "accept" ? T().accept : T().reject}`);
      } else {
        rv.message = "";
      }
      rv.index += 1;
      await renderReview();
    } catch (e) {
      showError(main(), e);
    } finally {
      deciding = false;
    }
  }
  document.addEventListener("keydown", (ev) => {
    if (parseHash().path[0] !== "review" || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    const t = ev.target;
    if (t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT")) return;
    const v = { a: "accept", r: "reject", s: "skip" }[ev.key];
    if (v) { ev.preventDefault(); decide(v); }
  });

  // ---------------------------------------------------------------- estimates
  // The server keeps the default dashboard computed in the background (GET /api/dashboard:
  // {model, log_size, computed_at, stale, computing, error}); while there is none yet, or it is
  // stale, the page says so and asks again every few seconds until it is current.
  let estimatesTimer = null;
  async function renderEstimates() {
    clearTimeout(estimatesTimer);
    const m = clear(main());
    const status = el("div", { id: "ra-estimates-status", "aria-live": "polite" });
    const box = el("div", { class: "ra-dashboard", id: "ra-dashboard" });
    m.append(status, box);
    if (!state.dashboard) {
      status.append(el("p", { class: "ra-muted", text: T().estimates_loading }));
      try { state.dashboard = await api("GET", "/api/dashboard?method=loglinear,chao"); }
      catch (e) { clear(status); showError(status, e); return; }
    }
    const d = state.dashboard;
    clear(status);
    const pending = d.computing || d.stale || (!d.model && !d.error);
    if (d.model && d.computed_at) {
      const when = new Date(d.computed_at).toLocaleString(state.lang === "ko" ? "ko-KR" : "en-GB");
      status.append(el("p", { class: d.stale ? "ra-stale" : "ra-muted", id: "ra-as-of",
        text: T().estimates_as_of(when, d.log_size) + (d.stale ? " " + T().estimates_updating : "") }));
    } else if (pending) {
      status.append(el("p", { class: "ra-muted", id: "ra-computing", text: T().estimates_computing }));
    }
    if (d.error) status.append(el("p", { class: "ra-error", id: "ra-estimates-error", text: `${T().estimates_failed} ${d.error}` }));
    if (pending) {
      estimatesTimer = setTimeout(async () => {
        if (parseHash().path[0] !== "estimates") return;
        let next;
        try { next = await api("GET", "/api/dashboard?method=loglinear,chao"); } catch (e) { return; }
        if (parseHash().path[0] !== "estimates") return;
        state.dashboard = next;
        renderEstimates();
      }, 3000);
    }
    if (!d.model) return;
    if (!global.RecountDashboard) { showError(box, new Error("dashboard.js did not load")); return; }
    global.RecountDashboard.renderDashboard(d.model, box, state.lang);
  }

  // ---------------------------------------------------------------- audit
  async function renderAudit() {
    const m = clear(main());
    m.append(el("h1", { text: T().audit }));
    let a;
    try { a = await api("GET", "/api/audit"); } catch (e) { showError(m, e); return; }
    m.append(kvTable([[T().log_size, a.log_size.toLocaleString()], [T().checkpoints, String(a.checkpoints)],
      [T().root, a.root], [T().log_key, a.log_vkey]]));
    m.append(el("h2", { text: T().latest_checkpoint }));
    if (a.latest_checkpoint) {
      m.append(kvTable([[T().size, a.latest_checkpoint.size.toLocaleString()], [T().created_at, a.latest_checkpoint.created_at]]));
      m.append(el("pre", { class: "ra-note", id: "ra-checkpoint-note", text: a.latest_checkpoint.note }));
    } else {
      m.append(el("p", { text: T().no_checkpoint }));
    }
    // Verification: the server recomputes the whole log and checks every checkpoint signature
    // (the dashboard's audit section with ?verify=1, no estimates by stratum).
    const result = el("div", { id: "ra-verify-result", "aria-live": "polite" });
    const btn = el("button", { type: "button", id: "ra-verify", class: "ra-noprint", text: T().verify_now });
    btn.addEventListener("click", async () => {
      btn.disabled = true;
      clear(result).append(el("p", { class: "ra-muted", text: T().loading }));
      try {
        const d = await api("GET", "/api/dashboard?method=chao&by=&verify=1");
        const a = d.model.audit;
        clear(result).append(el("p", { class: a.ok ? "ra-ok" : "ra-error", id: "ra-verify-status", text: a.ok ? T().verified_ok : T().verified_bad }));
        result.append(kvTable([[T().records_checked, String(a.records_checked)], [T().signed_size, String(a.signed_size)],
          [T().unsigned, String(a.unsigned_entries)], [T().checkpoints, String(a.checkpoints_verified)]]));
        if (a.problems && a.problems.length) result.append(el("ul", null, a.problems.map((p) => el("li", { text: p }))));
      } catch (e) { clear(result); showError(result, e); }
      btn.disabled = false;
    });
    m.append(el("div", { class: "ra-actions" }, btn), result, el("p", { class: "ra-muted", text: T().audit_hint }));
  }


  // ---------------------------------------------------------------- intake
  // Drafts (docs/web.md, "Intake drafts"): the unfinished form is kept in localStorage so that
  // closing the browser loses nothing, encrypted with AES-256-GCM under the signed-in user's key
  // from GET /api/draft-key (held in memory only): the browser profile never holds a witness's
  // name in clear. One slot per user; the slot name is the associated data.
  const DRAFT_PREFIX = "recount.draft.";
  const LEGACY_DRAFT = "recount.draft";  // clear-text drafts of earlier versions, moved on load
  const draftSlot = () => DRAFT_PREFIX + (state.session ? state.session.user : "");
  function toBase64(bytes) {
    let s = "";
    const a = new Uint8Array(bytes);
    for (let i = 0; i < a.length; i += 0x8000) s += String.fromCharCode.apply(null, a.subarray(i, i + 0x8000));
    return btoa(s);
  }
  const fromBase64 = (s) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
  const draftsPossible = () => !!(window.isSecureContext && window.crypto && crypto.subtle);
  async function draftKey() {
    if (!state.draftKey) {
      const res = await api("GET", "/api/draft-key");
      state.draftKey = await crypto.subtle.importKey("raw", fromBase64(res.key), { name: "AES-GCM" }, false, ["encrypt", "decrypt"]);
    }
    return state.draftKey;
  }
  async function sealDraft(data) {
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const ct = await crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData: new TextEncoder().encode(draftSlot()) },
      await draftKey(), new TextEncoder().encode(JSON.stringify(data)));
    return JSON.stringify({ v: 1, iv: toBase64(iv), ct: toBase64(ct) });
  }
  // The stored draft: {draft} (null if none), or {unreadable: true}.
  async function loadDraft() {
    const legacy = localStorage.getItem(LEGACY_DRAFT);
    if (legacy !== null) {
      let old = null;
      try { old = JSON.parse(legacy); } catch (e) { old = null; }
      if (old && !localStorage.getItem(draftSlot())) localStorage.setItem(draftSlot(), await sealDraft(old));
      localStorage.removeItem(LEGACY_DRAFT);
    }
    const stored = localStorage.getItem(draftSlot());
    if (!stored) return { draft: null };
    try {
      const box = JSON.parse(stored);
      const plain = await crypto.subtle.decrypt({ name: "AES-GCM", iv: fromBase64(box.iv), additionalData: new TextEncoder().encode(draftSlot()) },
        await draftKey(), fromBase64(box.ct));
      return { draft: JSON.parse(new TextDecoder().decode(plain)) };
    } catch (e) {
      if (e instanceof ApiError) throw e;
      return { draft: null, unreadable: true };
    }
  }
  // Keeps the form's draft: one encryption at a time, the newest content last; `drop` removes it
  // once any save in flight has finished. `status` shows the state (data-pending for tests).
  function draftKeeper(collect, status) {
    let running = null, again = false, dropped = false;
    const show = (pending, text) => { status.dataset.pending = pending ? "1" : "0"; status.textContent = text; };
    return {
      save() {
        if (!draftsPossible() || dropped) return;
        if (running) { again = true; return; }
        show(true, T().draft_saving);
        running = (async () => {
          do {
            again = false;
            const sealed = await sealDraft(collect());
            if (!dropped) localStorage.setItem(draftSlot(), sealed);
          } while (again && !dropped);
          show(false, T().draft_kept(new Date().toLocaleTimeString(state.lang)));
        })().catch((e) => show(false, `${T().draft_failed}: ${e.message}`)).finally(() => { running = null; });
      },
      async drop() {
        dropped = true;
        if (running) await running;
        localStorage.removeItem(draftSlot());
        show(false, "");
      },
    };
  }
  const RECORD_FIELDS = ["source", "record_id", "testimony_date", "interviewer", "language",
                         "connection", "reliability", "consent", "full_name", "surname",
                         "given_name", "name_variants", "sex", "birth_date", "origin", "narrative"];
  const ACT_FIELDS = ["act", "event_date", "event_place", "perpetrator", "involvement", "age"];
  let placeTimer = null;
  function placeInput(attrs) {
    // Type-ahead over the gazetteer: a <datalist> refilled from GET /api/places as the user types.
    const input = el("input", Object.assign({ list: "ra-places", autocomplete: "off" }, attrs));
    input.setAttribute("list", "ra-places");
    input.addEventListener("input", () => {
      clearTimeout(placeTimer);
      const q = input.value.trim();
      if (!q) return;
      placeTimer = setTimeout(async () => {
        let res;
        try { res = await api("GET", `/api/places?q=${encodeURIComponent(q)}&limit=12`); } catch (e) { return; }
        const dl = clear(document.getElementById("ra-places"));
        for (const p of res.places) {
          const main = p.label[state.lang] || p.label.en;
          const other = state.lang === "ko" ? p.label.en : p.label.ko;
          dl.append(el("option", { value: main, label: [other, p.within].filter(Boolean).join(" · ") }));
        }
      }, 150);
    });
    return input;
  }
  async function renderIntake() {
    const m = clear(main());
    m.append(el("h1", { text: T().intake }), el("p", { class: "ra-muted", text: T().intake_hint }));
    let v;
    try { v = await vocab(); } catch (e) { showError(m, e); return; }
    let draft = null;
    if (!draftsPossible()) {
      m.append(el("p", { class: "ra-error", id: "ra-draft-insecure", text: T().draft_insecure }));
    } else {
      let loaded;
      try { loaded = await loadDraft(); } catch (e) { showError(m, e); return; }
      draft = loaded.draft;
      if (draft) m.append(el("p", { class: "ra-ok", id: "ra-draft-restored", text: T().draft_restored }));
      if (loaded.unreadable) m.append(el("p", { class: "ra-error", id: "ra-draft-unreadable", text: T().draft_unreadable }));
    }
    const d = draft || { record: { language: state.lang }, acts: [{}] };
    const F = T().field_names;
    const text = (name, label, value, extra) => el("label", null, label, el("br"),
      el("input", Object.assign({ name, value: value || "" }, extra || {})));
    // A choice from a vocabulary (code -> label in the UI's language), blank for unknown.
    const choice = (name, label, terms, value) => el("label", null, label, el("br"),
      el("select", { name }, el("option", { value: "", text: "" }),
        [...terms].map(([code, l]) => el("option", { value: code, text: l, selected: value === code }))));
    const form = el("form", { id: "ra-intake", class: "ra-intake", novalidate: true });
    form.append(el("datalist", { id: "ra-places" }), el("datalist", { id: "ra-sources" }, v.sources.map((x) => el("option", { value: x }))));
    const r = d.record || {};
    form.append(el("fieldset", null, el("legend", { text: T().interview }),
      el("div", { class: "ra-grid" },
        el("label", null, F.source, el("br"), el("input", { name: "source", value: r.source || "", required: true, list: "ra-sources" })),
        text("record_id", F.record_id, r.record_id, { required: true }),
        text("testimony_date", T().testimony_date, r.testimony_date, { placeholder: "2019-03-14" }),
        text("interviewer", T().interviewer, r.interviewer),
        el("label", null, T().language, el("br"), el("select", { name: "language" },
          ["ko", "en", "zh"].map((x) => el("option", { value: x, text: x, selected: r.language === x })))),
        choice("connection", F.connection, v.connections, r.connection),
        choice("reliability", F.reliability, v.reliability, r.reliability),
        choice("consent", F.consent, v.consent, r.consent))));
    form.append(el("fieldset", null, el("legend", { text: T().person }),
      el("div", { class: "ra-grid" },
        text("full_name", T().full_name, r.full_name),
        text("surname", T().surname, r.surname),
        text("given_name", T().given_name, r.given_name),
        text("name_variants", T().name_variants, r.name_variants, { placeholder: "Kim Kum-sun; 김금순" }),
        el("label", null, F.sex, el("br"), el("select", { name: "sex" }, el("option", { value: "", text: "" }),
          ["female", "male", "unknown"].map((x) => el("option", { value: x, text: sexLabel(x), selected: r.sex === x })))),
        text("birth_date", T().birth_date, r.birth_date, { placeholder: "1985, 1985-07, about 1985" }),
        el("label", null, T().origin, el("br"), placeInput({ name: "origin", value: r.origin || "" }))),
      el("label", null, T().narrative_label, el("br"), el("textarea", { name: "narrative", rows: 5, value: r.narrative || "" }))));
    // Files cannot be kept in the draft (browsers do not let pages store them); they are uploaded
    // right after the record is created.
    const filesInput = el("input", { type: "file", id: "ra-intake-files", multiple: true });
    const actsBox = el("div", { id: "ra-acts" });
    const addAct = (a) => {
      const n = actsBox.children.length + 1;
      const fs = el("fieldset", { class: "ra-act" }, el("legend", { text: T().act_n(n) }),
        el("div", { class: "ra-grid" },
          choice("act", T().act, v.acts, a.act),
          text("event_date", T().event_date, a.event_date, { placeholder: "2019, 2019-03, about 2015" }),
          el("label", null, T().event_place, el("br"), placeInput({ name: "event_place", value: a.event_place || "" })),
          choice("perpetrator", T().perpetrator, v.perpetrators, a.perpetrator),
          choice("involvement", T().involvement, v.involvements, a.involvement),
          text("age", T().age, a.age, { inputMode: "numeric", size: 4 })),
        el("button", { type: "button", class: "ra-noprint", text: T().remove_act, onclick: () => { fs.remove(); saveDraft(); } }));
      actsBox.append(fs);
    };
    for (const a of (d.acts && d.acts.length ? d.acts : [{}])) addAct(a);
    form.append(actsBox);
    form.append(el("fieldset", null, el("legend", { text: T().attachments }),
      el("label", null, T().attach_files, el("br"), filesInput),
      el("p", { class: "ra-muted", text: T().attach_hint })));
    const status = el("pre", { class: "ra-error", id: "ra-intake-error", role: "alert" });
    const draftStatus = el("p", { class: "ra-muted", id: "ra-draft-status", "aria-live": "polite" });
    const keeper = draftKeeper(() => collect(), draftStatus);
    const saveDraft = () => keeper.save();
    form.append(el("div", { class: "ra-actions" },
      el("button", { type: "button", id: "ra-add-act", text: T().add_act, onclick: () => { addAct({}); saveDraft(); } }),
      el("button", { type: "submit", class: "ra-primary", id: "ra-save", text: T().save }),
      el("button", { type: "button", id: "ra-discard", text: T().discard, onclick: async () => { await keeper.drop(); renderIntake(); } })),
      status, draftStatus);
    function collect() {
      const record = {};
      for (const f of RECORD_FIELDS) {
        const e = form.querySelector(`[name="${f}"]`);
        if (e && e.value.trim()) record[f] = e.value.trim();
      }
      const acts = [...actsBox.querySelectorAll("fieldset.ra-act")].map((fs) => {
        const a = {};
        for (const f of ACT_FIELDS) {
          const e = fs.querySelector(`[name="${f}"]`);
          if (e && e.value.trim()) a[f] = e.value.trim();
        }
        return a;
      });
      return { record, acts };
    }
    form.addEventListener("input", saveDraft);
    form.addEventListener("change", saveDraft);
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      const { record, acts } = collect();
      const source = record.source || "";
      delete record.source;
      status.textContent = "";
      try {
        const res = await api("POST", "/api/records", { source, record, acts });
        await keeper.drop();
        state.vocab = { en: null, ko: null };
        state.dashboard = null;
        const files = [...filesInput.files];
        if (files.length) {
          form.querySelector("#ra-save").disabled = true;
          const failed = await uploadAll(res.id, files, status);
          if (failed.length) {
            // The record stays; say so, and offer the record page to attach the rest.
            status.textContent += "\n" + T().attach_later;
            status.after(el("p", null, el("a", { href: `#/record/${res.id}`, id: "ra-intake-record", text: T().open_record })));
            return;
          }
        }
        location.hash = `#/record/${res.id}`;
      } catch (e) {
        status.textContent = e.message;
      }
    });
    m.append(form);
  }

  // ---------------------------------------------------------------- routing
  const PAGES = {
    search: { perm: "read-records", render: (p) => renderSearch(p.params) },
    record: { perm: "read-records", render: (p) => renderRecord(Number(p.path[1])) },
    review: { perm: "review", render: () => renderReview() },
    estimates: { perm: "view-estimates", render: () => renderEstimates() },
    audit: { perm: "view-audit", render: () => renderAudit() },
    intake: { perm: "write-records", render: () => renderIntake() },
  };
  let routing = 0;
  async function route() {
    const ticket = ++routing;
    if (!state.session && localStorage.getItem("recount.signedIn") === "1") {
      try { state.session = await api("GET", "/api/session"); } catch (e) { signedOut(); }
      if (ticket !== routing) return;
    }
    if (!state.session) { renderLogin(); return; }
    const p = parseHash();
    let name = p.path[0];
    if (!PAGES[name]) { name = "search"; }
    renderTop(name);
    const page = PAGES[name];
    if (!can(page.perm)) { clear(main()).append(el("p", { class: "ra-error", text: T().forbidden })); return; }
    if (name === "review" && p.path[1] === "reload") state.review.queue = null;
    if (name !== "review") state.review.message = "";
    await page.render(p);
  }
  window.addEventListener("hashchange", route);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", route);
  else route();

  global.RecountApp = { TEXT, state, route };
})(globalThis);
