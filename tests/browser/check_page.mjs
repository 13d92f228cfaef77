// Opens a page in headless Debian chromium (driven by playwright-core from web/node_modules),
// fails on any console error, uncaught exception, failed request or Content-Security-Policy
// violation, and keeps a full-page screenshot (PNG) and optionally a printed PDF as artefacts.
// Reusable by the web app's browser tests (tests/browser/README.md).
//
//   node tests/browser/check_page.mjs URL --screenshot OUT.png [--pdf OUT.pdf]
//        [--wait-for CSS_SELECTOR] [--expect-text TEXT]... [--width 1100]
//        [--click CSS_SELECTOR [--expect-after-click TEXT]...]
//
// Exit 0: loaded cleanly; 1: errors (listed on stderr); 77: no browser here (skip).
import { createRequire } from "node:module";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, "../../web/package.json"));

function parseArgs(argv) {
  const a = { url: null, screenshot: null, pdf: null, waitFor: null, expect: [], width: 1100,
              click: null, expectAfter: [] };
  for (let i = 0; i < argv.length; ++i) {
    const k = argv[i];
    if (k === "--screenshot") a.screenshot = argv[++i];
    else if (k === "--pdf") a.pdf = argv[++i];
    else if (k === "--wait-for") a.waitFor = argv[++i];
    else if (k === "--expect-text") a.expect.push(argv[++i]);
    else if (k === "--width") a.width = Number(argv[++i]);
    else if (k === "--click") a.click = argv[++i];
    else if (k === "--expect-after-click") a.expectAfter.push(argv[++i]);
    else if (!a.url) a.url = k;
    else throw new Error(`unexpected argument ${k}`);
  }
  if (!a.url) throw new Error("usage: check_page.mjs URL [--screenshot OUT.png] [--pdf OUT.pdf]");
  return a;
}

export function findChromium() {
  for (const p of [process.env.RECOUNT_CHROMIUM, "/usr/bin/chromium", "/usr/bin/chromium-browser"]) {
    if (p && existsSync(p)) return p;
  }
  return null;
}

// Launches the system chromium headless; the caller closes it.
export async function launch() {
  let playwright;
  try {
    playwright = require("playwright-core");
  } catch {
    return { skip: "playwright-core is not installed in web/node_modules (run scripts/install-deps.sh)" };
  }
  const executablePath = findChromium();
  if (!executablePath) return { skip: "no chromium (run scripts/install-deps.sh)" };
  // --no-sandbox: the tests run as root in CI, where chromium's sandbox refuses to start.
  const browser = await playwright.chromium.launch({
    executablePath,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  });
  return { browser };
}

// Loads `url` in a fresh page collecting every error; returns { page, errors }. `allowOrigin`
// (e.g. "http://127.0.0.1:8080") permits requests to that origin: the served web app's own.
export async function openChecked(browser, url, { width = 1100, height = 900, allowOrigin = null } = {}) {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  const errors = [];
  page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") errors.push(`console ${m.type()}: ${m.text()}`); });
  page.on("pageerror", (e) => errors.push(`uncaught: ${e.message}`));
  page.on("requestfailed", (r) => errors.push(`request failed: ${r.url()}`));
  page.on("request", (r) => {
    const u = r.url();
    const own = allowOrigin && (u === allowOrigin || u.startsWith(allowOrigin + "/"));
    if (!u.startsWith("file:") && !u.startsWith("data:") && !u.startsWith("about:") && u !== url && !own) {
      errors.push(`network request: ${u}`);
    }
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  await page.goto(url, { waitUntil: "load" });
  return { page, errors };
}

async function main() {
  const a = parseArgs(process.argv.slice(2));
  const { browser, skip } = await launch();
  if (skip) {
    console.error(`check_page: skipped: ${skip}`);
    process.exit(77);
  }
  try {
    const { page, errors } = await openChecked(browser, a.url, { width: a.width });
    if (a.waitFor) await page.waitForSelector(a.waitFor, { timeout: 10000 });
    const text = await page.evaluate(() => document.body.innerText);
    for (const t of a.expect) if (!text.includes(t)) errors.push(`page lacks text: ${t}`);
    if (a.screenshot) await page.screenshot({ path: a.screenshot, fullPage: true });
    if (a.pdf) {
      await page.emulateMedia({ media: "print" });
      await page.pdf({ path: a.pdf, format: "A4", printBackground: true });
      await page.emulateMedia({ media: "screen" });
    }
    if (a.click) {
      await page.click(a.click, { timeout: 10000 });
      const after = await page.evaluate(() => document.body.innerText);
      for (const t of a.expectAfter) if (!after.includes(t)) errors.push(`after click, page lacks text: ${t}`);
    }
    if (errors.length) {
      for (const e of errors) console.error(e);
      process.exit(1);
    }
    console.log(`check_page: ${a.url} loaded with no errors`);
  } finally {
    await browser.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  main().catch((e) => {
    console.error(`check_page: ${e.stack || e}`);
    process.exit(1);
  });
}
