#!/usr/bin/env bash
# End to end: `recount report` (docs/report.md) on a small simulated store: the HTML file is
# self-contained (inline scripts and style only, a CSP naming them by hash, no network source),
# its figures equal `recount estimate --json` for the same seed and options, data strings are
# escaped (a source named with <script> in it), --lang ko gives Korean labels, and bad --out
# paths give clear errors. Small data and short chains: a few seconds.
. "$(dirname "$0")/lib.sh"
S="$WORK/r.db"
expect_exit 0 "$BIN" simulate --out "$WORK/src" --persons 300 --sources 4 --seed 5
expect_exit 0 "$BIN" init --store "$S"
EVIL='ngo<script>alert(1)</script>&"x"'
i=0
for m in "$WORK"/src/*.map; do
  name=$(basename "$m" .map)
  [ $i -eq 0 ] && name="$EVIL"
  expect_exit 0 "$BIN" import --store "$S" --source "$name" --mapping "$m" "${m%.map}.csv"
  i=$((i + 1))
done
expect_exit 0 "$BIN" link --store "$S"

OPTS=(--seed 11 --iterations 1500 --burn-in 300 --chains 2 --bootstrap 50 --threads 2)
expect_exit 0 "$BIN" report --store "$S" --out "$WORK/report.html" "${OPTS[@]}"
expect_in "$WORK/out" "wrote $WORK/report.html"
R="$WORK/report.html"
[ -s "$R" ] && pass || fail "no report written"
[ ! -e "$R.tmp" ] && pass || fail "temporary file left behind"

# Self-contained: a CSP meta with hashes, default-src 'none', nothing fetched.
expect_in "$R" "http-equiv=\"Content-Security-Policy\""
expect_in "$R" "default-src &#39;none&#39;"
expect_in "$R" "script-src &#39;sha256-"
expect_not_in "$R" "unsafe-inline"
if grep -qiE '(src|href|action)[[:space:]]*=[[:space:]]*["'"'"']?(https?:)?//' "$R"; then
  fail "network reference: $(grep -oiE '(src|href|action)[[:space:]]*=[[:space:]]*["'"'"']?(https?:)?//[^ >]{0,60}' "$R" | head -3)"
else pass; fi
if grep -qiE '<(link|iframe|object|embed|img)[[:space:]]' "$R"; then fail "external element"; else pass; fi
if grep -qiE '<script[^>]*[[:space:]]src=' "$R"; then fail "script with src"; else pass; fi

# The source name is data: never markup in the file.
expect_not_in "$R" "<script>alert(1)"
expect_in "$R" '\u003cscript\u003ealert(1)\u003c/script\u003e\u0026'

# The embedded model and its CSP hashes, checked in Python (sha256 of each inline script/style).
expect_exit 0 "$BIN" estimate --store "$S" --json "${OPTS[@]}"
cp "$WORK/out" "$WORK/est.json"
expect_exit 0 "$BIN" estimate --store "$S" --json --by year "${OPTS[@]}"
cp "$WORK/out" "$WORK/est_year.json"
expect_exit 0 "$BIN" estimate --store "$S" --json --by act "${OPTS[@]}"
cp "$WORK/out" "$WORK/est_act.json"
python3 - "$R" "$WORK/est.json" "$WORK/est_year.json" "$WORK/est_act.json" "$EVIL" <<'PY' && pass || fail "report figures or CSP"
import base64, hashlib, html, json, re, sys
page = open(sys.argv[1], encoding="utf-8").read()
csp = html.unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page).group(1))
scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
styles = re.findall(r"<style>(.*?)</style>", page, re.S)
assert len(scripts) == 4 and len(styles) == 1, (len(scripts), len(styles))
for body in scripts + styles:
    h = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
    assert f"'sha256-{h}'" in csp, "inline block without its hash in the CSP"
assert "connect-src" not in csp and "default-src 'none'" in csp, csp
model = json.loads(re.search(r'<script type="application/json" id="recount-dashboard-model">(.*?)</script>', page, re.S).group(1))
assert model["schema"] == "recount-dashboard/1"
assert model["settings"]["seed"] == "11"
assert sys.argv[5] in [l["name"] for l in model["overlap"]["lists"]], "source name not kept as data"

def same(a, b, where):
    assert a["method"] == b["method"] and a["ok"] == b["ok"], where
    if not a["ok"]:
        return
    for k in ("estimate", "lower", "upper", "observed"):
        x, y = a[k], b[k]
        assert (x is None and y is None) or abs(x - y) <= 1e-9 * max(1, abs(y)), (where, k, x, y)

est = json.load(open(sys.argv[2]))["strata"][0]
assert len(est["estimates"]) == 4
assert model["overall"]["documented_persons"] == est["table"]["observed"]
for a, b in zip(model["overall"]["estimates"], est["estimates"]):
    same(a, b, "overall")
assert sum(p["count"] for p in model["overlap"]["patterns"]) == est["table"]["observed"]
for by, path in (("year", sys.argv[3]), ("act", sys.argv[4])):
    e = json.load(open(path))
    strata = model["by"][by]["strata"]
    assert len(strata) == len(e["strata"]), by
    for s, t in zip(strata, e["strata"]):
        for a, b in zip(s["estimates"], t["estimates"]):
            same(a, b, f"{by} {s['key']}")
    for a, b in zip(model["by"][by]["totals"], e["totals"]):
        assert abs(a["estimate"] - b["estimate"]) <= 1e-9 * b["estimate"], (by, "total")
assert model["by"]["place"]["strata"], "no place strata"
assert model["linkage"]["runs"] == 1 and model["linkage"]["pairs_scored"] > 0
assert model["audit"]["verified"] and model["audit"]["ok"] and model["audit"]["entries"] > 0
assert model["audit"]["latest_checkpoint"]["size"] > 0
PY

# --json prints the same model (the web app's endpoint serves it).
expect_exit 0 "$BIN" report --store "$S" --json --no-verify --method chao
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["audit"]["verified"] is False and d["overall"]["estimates"][0]["method"]=="chao"' "$WORK/out" && pass || fail "report --json"

# Korean labels (from the vocabularies and the gazetteer for strata; the dashboard's own words).
expect_exit 0 "$BIN" report --store "$S" --out "$WORK/ko.html" --lang ko --method chao --no-verify
expect_in "$WORK/ko.html" '<html lang="ko">'
expect_in "$WORK/ko.html" "<title>recount 추정 보고서</title>"
expect_in "$WORK/ko.html" "인신매매"   # an act type's Korean label (data/vocab/act_types.csv)
expect_in "$WORK/ko.html" "피해자 수 추정"  # dashboard.js's Korean text is embedded

# Bad --out paths: clear errors, no crash, nothing written.
expect_exit 3 "$BIN" report --store "$S" --out "$WORK/no/such/dir/r.html" --method chao
expect_in "$WORK/err" "does not exist; create it first"
expect_exit 2 "$BIN" report --store "$S" --out "$WORK" --method chao
expect_in "$WORK/err" "is a directory"
expect_exit 2 "$BIN" report --store "$S" --method chao
expect_in "$WORK/err" "give --out FILE.html"
expect_exit 2 "$BIN" report --store "$S" --out "$WORK/x.html" --lang fr

# In a real browser (headless Debian chromium through playwright-core, tests/browser/): the page
# draws with no console error, CSP violation or network request; screenshots and a printed PDF
# are kept as artefacts in the build tree (build/tests/artefacts/).
ART="${RECOUNT_ARTEFACTS:-$PWD/artefacts}"
mkdir -p "$ART"
check_page() {
  set +e
  node "$SRC/tests/browser/check_page.mjs" "$@" >"$WORK/out" 2>"$WORK/err"
  local rc=$?
  set -e
  if [ $rc -eq 77 ]; then echo "SKIP browser check: $(cat "$WORK/err")" >&2; return; fi
  if [ $rc -eq 0 ]; then pass; else fail "browser: $(cat "$WORK/err")"; fi
}
if command -v node >/dev/null 2>&1; then
  check_page "file://$R" --wait-for .rc-audit --screenshot "$ART/report-en.png" \
    --pdf "$ART/report-en.pdf" --expect-text "Estimated number of victims" \
    --expect-text "List overlap" --expect-text "$EVIL" \
    --click button.rc-lang --expect-after-click "피해자 수 추정"
  check_page "file://$WORK/ko.html" --wait-for .rc-audit --screenshot "$ART/report-ko.png" \
    --expect-text "피해자 수 추정" --expect-text "인신매매"
else
  echo "SKIP browser check: no node (run scripts/install-deps.sh)" >&2
fi
finish
