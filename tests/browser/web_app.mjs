// The web app in a real browser (headless Debian chromium via playwright-core), against a running
// `recount serve` (tests/e2e/web_ui_test.sh starts it): sign in with password + TOTP, search by a
// romanised name, enter a testimony in Korean (draft kept over a reload) and find it by its
// romanised name, open a record and its identity, attach a file to it, review a pair with a key press, see the
// estimates chart, the audit page, switch to Korean. Screenshots of each page go to ART.
// Fails on any console error or warning, uncaught exception, failed request, request to another
// origin, or Content-Security-Policy violation.
//
//   node tests/browser/web_app.mjs BASE_URL USER PASSWORD TOTP_SECRET_BASE32 NAME ART_DIR
//
// Exit 0: passed; 1: failed (problems on stderr); 77: no browser here (skip).
import { createHmac } from "node:crypto";
import { launch, openChecked } from "./check_page.mjs";

const [base, user, password, secret, name, art] = process.argv.slice(2);
if (!art) {
  console.error("usage: web_app.mjs BASE_URL USER PASSWORD TOTP_SECRET NAME ART_DIR");
  process.exit(2);
}

// RFC 6238 TOTP (SHA-1, 30 s, 6 digits) from a Base32 secret (RFC 4648).
function totp(base32, now = Date.now()) {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const c of base32.replace(/=+$/, "").toUpperCase()) {
    const v = alphabet.indexOf(c);
    if (v < 0) throw new Error(`bad Base32 character ${c}`);
    bits += v.toString(2).padStart(5, "0");
  }
  const key = Buffer.alloc(Math.floor(bits.length / 8));
  for (let i = 0; i < key.length; ++i) key[i] = parseInt(bits.slice(i * 8, i * 8 + 8), 2);
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(now / 1000 / 30)));
  const h = createHmac("sha1", key).update(counter).digest();
  const o = h[h.length - 1] & 0xf;
  const n = ((h[o] & 0x7f) << 24) | (h[o + 1] << 16) | (h[o + 2] << 8) | h[o + 3];
  return String(n % 1000000).padStart(6, "0");
}

const problems = [];
const check = (ok, what) => { if (!ok) problems.push(what); };
const T = 20000;

const { browser, skip } = await launch();
if (skip) {
  console.error(`web_app: skipped: ${skip}`);
  process.exit(77);
}
let errors = [];
try {
  const opened = await openChecked(browser, `${base}/`, { allowOrigin: base, width: 1200 });
  const page = opened.page;
  errors = opened.errors;
  const shot = (n) => page.screenshot({ path: `${art}/web-${n}.png`, fullPage: true });
  const text = () => page.evaluate(() => document.body.innerText);

  // Sign in (password + the current TOTP code).
  await page.waitForSelector("#ra-login", { timeout: T });
  await shot("1-login");
  await page.fill("#ra-name", user);
  await page.fill("#ra-password", password);
  await page.fill("#ra-code", totp(secret));
  await page.click("#ra-submit");
  await page.waitForSelector(".ra-results-table", { timeout: T });
  check((await text()).includes(`${user} (administrator)`), "signed-in user not shown");
  await shot("2-browse");

  // Intake of a testimony in Korean: a Hangul name, a partial date, a place picked by type-ahead;
  // the draft survives a reload; saved, it opens as a record page.
  await page.click("#ra-nav-intake");
  await page.waitForSelector("#ra-intake", { timeout: T });
  await page.fill("#ra-intake [name=source]", "web_intake");
  await page.fill("#ra-intake [name=record_id]", "WEB-0001");
  await page.fill("#ra-intake [name=full_name]", "김영희");
  await page.selectOption("#ra-intake [name=sex]", "female");
  await page.fill("#ra-intake [name=birth_date]", "about 1985");
  await page.selectOption("#ra-acts [name=act]", "trafficking");
  await page.fill("#ra-acts [name=event_date]", "2019-03");
  // Choices come from the vocabularies (GET /api/vocabularies), not from what the store holds.
  await page.selectOption("#ra-acts [name=perpetrator]", "broker");
  await page.selectOption("#ra-acts [name=involvement]", "direct");
  await page.selectOption("#ra-intake [name=reliability]", "high");
  await page.fill("#ra-intake [name=surname]", "김");
  await page.focus("#ra-acts [name=event_place]");
  await page.keyboard.type("옌지");
  await page.waitForSelector('#ra-places option[value="Yanji"]', { state: "attached", timeout: T });
  await page.fill("#ra-acts [name=event_place]", "Yanji");
  await page.fill("#ra-intake [name=narrative]", "2019년 3월 옌지에서 중개인에게 팔려 갔다.");
  // The draft is kept encrypted (GET /api/draft-key, AES-GCM): nothing of it in clear in storage.
  await page.waitForSelector('#ra-draft-status[data-pending="0"]', { timeout: T });
  const stored = await page.evaluate(() => JSON.stringify(Object.assign({}, localStorage)));
  check(stored.includes("recount.draft.") && stored.includes('\\"ct\\"'), "no encrypted draft in localStorage");
  for (const clear of ["김영희", "옌지", "WEB-0001", "Yanji", "broker"]) {
    check(!stored.includes(clear), `the draft holds "${clear}" in clear in localStorage`);
  }
  await page.reload();
  await page.waitForSelector("#ra-draft-restored", { timeout: T });
  check((await page.inputValue("#ra-intake [name=full_name]")) === "김영희", "draft not restored after reload");
  check((await page.inputValue("#ra-intake [name=narrative]")).includes("옌지"), "draft narrative not restored");
  await shot("2b-intake");
  await page.click("#ra-save");
  await page.waitForSelector(".ra-history", { timeout: T });
  check((await page.textContent("#ra-record-title")).includes("WEB-0001"), "saved testimony not shown");
  check(!(await page.evaluate(() => Object.keys(localStorage).some((k) => k.startsWith("recount.draft")))),
        "the draft is still kept after the testimony was saved");
  check((await page.textContent("main")).includes("broker") || (await page.textContent("main")).includes("Broker"),
        "the act's perpetrator chosen in the form is not on the record page");
  check((await page.textContent("#ra-narrative")).includes("옌지"), "narrative not shown");
  // Found again by the romanised form of its Hangul name.
  await page.click("#ra-nav-search");
  await page.waitForSelector(".ra-results-table", { timeout: T });
  await page.fill("#ra-q", "Kim Young-hee");
  await page.click("#ra-search-go");
  await page.waitForFunction(() => location.hash.includes("q=") &&
                             document.body.innerText.includes("WEB-0001"), null, { timeout: T });
  await page.click("#ra-nav-search");
  await page.waitForFunction(() => !location.hash.includes("q="), null, { timeout: T });
  await page.waitForSelector(".ra-results-table", { timeout: T });

  // A filter: the act type select narrows the list.
  const allCount = await page.textContent("#ra-count");
  await page.selectOption("#ra-act", "trafficking");
  await page.click("#ra-search-go");
  await page.waitForFunction((before) => {
    const c = document.querySelector("#ra-count");
    return c && c.textContent !== before && location.hash.includes("act=trafficking");
  }, allCount, { timeout: T });

  // The place filter: type-ahead in Hangul offers the province in both scripts, the link carries
  // its gazetteer id (the server finds the records of every place within it); with ages.
  await page.selectOption("#ra-act", "");  // any act: North Korean places hold detentions, not sales
  await page.focus("#ra-place-text");
  await page.keyboard.type("함경북");
  const hamgyong = '#ra-filter-places option[value^="North Hamgyong"]';
  await page.waitForSelector(hamgyong, { state: "attached", timeout: T });
  const choice = await page.getAttribute(hamgyong, "value");
  check(choice.includes("함경북도"), `the place suggestion lacks its Hangul name: ${choice}`);
  await page.fill("#ra-place-text", choice);
  check((await page.inputValue("#ra-place")) === "kp-hamgyongbuk", `place id not chosen: ${await page.inputValue("#ra-place")}`);
  await page.fill("#ra-age-from", "15");
  await page.fill("#ra-age-to", "40");
  await page.click("#ra-search-go");
  await page.waitForFunction(() => location.hash.includes("place=kp-hamgyongbuk") &&
                             location.hash.includes("age_from=15") && location.hash.includes("age_to=40") &&
                             document.querySelector("#ra-count"), null, { timeout: T });
  const placeCount = await page.textContent("#ra-count");
  const apiCount = await page.evaluate(async () => {
    const r = await fetch("/api/records?place=kp-hamgyongbuk&age_from=15&age_to=40&limit=1");
    return (await r.json()).total;
  });
  check(apiCount > 0 && placeCount.includes(apiCount.toLocaleString("en-US")),
        `the page shows ${placeCount}, the API ${apiCount} (want the same, above 0)`);
  // Every record listed has an act somewhere in North Hamgyong (cities, counties, facilities).
  const listed = await page.$$eval(".ra-results-table .ra-record-link", (as) => as.map((a) => a.textContent));
  const outside = await page.evaluate(async (ids) => {
    const bad = [];
    for (const id of ids) {
      const r = await (await fetch(`/api/records/${id}`)).json();
      const places = (r.acts || []).map((a) => a.place_id || "");
      if (!places.some((p) => p.startsWith("kp-hamgyongbuk"))) bad.push(`${id}: ${places.join(" ")}`);
    }
    return bad;
  }, listed.slice(0, 8));
  check(listed.length > 0 && outside.length === 0,
        `records listed for North Hamgyong with no act there: ${outside.join("; ")}`);
  check((await page.inputValue("#ra-place-text")).startsWith("North Hamgyong"), "the chosen place is not kept in the form");
  await shot("3a-place-age");
  // A place typed but not chosen: the server's message names the parameter.
  await page.fill("#ra-place-text", "Atlantis");
  await page.click("#ra-search-go");
  await page.waitForFunction(() => document.querySelector("#ra-results") &&
                             document.querySelector("#ra-results").innerText.includes("no gazetteer place"),
                             null, { timeout: T });
  check((await page.textContent("#ra-results")).includes("place:"), "the place error does not name the parameter");
  // That 400 was asked for: chromium logs it as a console error, which only this check allows.
  for (let i = errors.length - 1; i >= 0; --i) {
    if (errors[i].includes("status of 400")) errors.splice(i, 1);
  }
  await page.click("#ra-nav-search");
  await page.waitForFunction(() => !location.hash.includes("place="), null, { timeout: T });
  await page.waitForSelector(".ra-results-table", { timeout: T });

  // Search by a romanised name: at least one record.
  await page.fill("#ra-q", name);
  await page.click("#ra-search-go");
  await page.waitForFunction(() => location.hash.includes("q="), null, { timeout: T });
  await page.waitForSelector(".ra-results-table .ra-record-link", { timeout: T });
  const matched = await page.textContent(".ra-results-table tbody tr td:last-child");
  check(matched && matched.length > 0, "search hit has no 'matched' text");
  await shot("3-search");

  // The record page, its history, and its identity (the read is logged).
  await page.click(".ra-results-table .ra-record-link");
  await page.waitForSelector(".ra-history", { timeout: T });
  await page.click("#ra-show-identity");
  await page.waitForSelector("#ra-identity", { timeout: T });
  const identity = await page.textContent("#ra-identity");
  // The record found may be another list's (Hangul) spelling of the name: check a name is shown.
  check(/Full name|Surname|Given name/.test(identity) && identity.includes("tamper-evident log"),
        `identity box lacks a name or the logging notice: ${identity}`);
  await shot("4-record");

  // Attach a file with a Korean name on the record page: uploaded, listed with a download link.
  await page.setInputFiles("#ra-attach-input", {
    name: "증언 메모.txt", mimeType: "text/plain", buffer: Buffer.from("interview notes\n"),
  });
  await page.click("#ra-attach-upload");
  await page.waitForSelector("#ra-attachments a.ra-download", { timeout: T });
  const attachments = await page.textContent("#ra-attachments");
  check(attachments.includes("증언 메모.txt") && attachments.includes("text/plain"),
        `the attached file is not listed: ${attachments}`);
  const href = await page.getAttribute("#ra-attachments a.ra-download", "href");
  check(/^\/api\/records\/\d+\/attachments\/\d+$/.test(href || ""), `bad download link ${href}`);
  await shot("4b-attachment");

  // Link review: a pair side by side, decided with the "a" key.
  await page.click("#ra-nav-review");
  await page.waitForSelector("#ra-compare, #ra-queue-empty", { timeout: T });
  check(await page.$("#ra-compare"), "the review queue is empty on the test store");
  if (await page.$("#ra-compare")) {
    check(await page.$(".ra-compare tr.ra-diff"), "no differing field highlighted");
    await shot("5-review");
    const before = await page.textContent("#ra-pair-position");
    await page.keyboard.press("a");
    await page.waitForSelector("#ra-review-message", { timeout: T });
    check((await page.textContent("#ra-review-message")).includes("Same person"), "accept not confirmed");
    const after = await page.$("#ra-pair-position");
    check(!after || (await after.textContent()) !== before, "the queue did not move on");
    await page.keyboard.press("s");  // skip the next one (nothing recorded)
  }

  // Estimates: the dashboard renderer draws SVG charts from GET /api/dashboard.
  await page.click("#ra-nav-estimates");
  await page.waitForSelector(".ra-dashboard .rc-audit", { timeout: 45000 });
  check((await page.$$(".ra-dashboard svg")).length > 0, "no chart on the estimates page");
  check((await text()).includes("Estimated number of victims"), "dashboard title missing");
  await shot("6-estimates");
  await page.emulateMedia({ media: "print" });
  await page.pdf({ path: `${art}/web-estimates.pdf`, format: "A4", printBackground: true });
  await page.emulateMedia({ media: "screen" });

  // Audit page.
  await page.click("#ra-nav-audit");
  await page.waitForSelector("#ra-checkpoint-note", { timeout: T });
  await page.click("#ra-verify");
  await page.waitForSelector("#ra-verify-status.ra-ok", { timeout: T });
  await shot("7-audit");

  // Korean: the fixed labels, and the dashboard in Korean.
  await page.click("#ra-lang");
  await page.waitForFunction(() => document.documentElement.lang === "ko" &&
                             document.body.innerText.includes("감사 기록"), null, { timeout: T });
  await page.click("#ra-nav-estimates");
  await page.waitForFunction(() => document.body.innerText.includes("피해자 수 추정"), null, { timeout: T });
  await shot("8-estimates-ko");
  await page.click("#ra-nav-search");
  await page.waitForSelector(".ra-results-table", { timeout: T });
  check((await text()).includes("행위 유형") && (await text()).includes("장소 (하위 지역 포함)") &&
        (await text()).includes("나이 (부터)"), "Korean filter labels missing");
  await shot("9-search-ko");

  // Sign out: back to the sign-in form.
  await page.click("#ra-logout");
  await page.waitForSelector("#ra-login", { timeout: T });
} catch (e) {
  problems.push(`${e.stack || e}`);
} finally {
  await browser.close();
}
for (const p of [...errors, ...problems]) console.error(p);
if (errors.length || problems.length) process.exit(1);
console.log("web_app: all pages passed");
