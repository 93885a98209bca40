#!/usr/bin/env bash
# Smoke test of the standalone bundle, run as a new user would: the folder copied outside
# the repository, an empty environment (no virtual environment, no PYTHONPATH, a fresh HOME).
#   bash packaging/smoke.sh [dist/case-presenter]
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
bundle=$(cd "${1:-$repo/dist/case-presenter}" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/case-presenter-smoke.XXXXXX")
trap 'rm -rf "$work"' EXIT
cp -a "$bundle" "$work/app"
mkdir -p "$work/home" "$work/out"
cd "$work"  # nothing of the repository on the way

app() {  # the bundle's launcher in a clean environment; QT_QPA_PLATFORM only where asked
  timeout 180 env -i HOME="$work/home" PATH=/usr/bin:/bin LANG=C.UTF-8 "$@"
}
cp_run() { app "$work/app/case-presenter" "$@"; }
fail() { echo "smoke: FAILED: $*" >&2; exit 1; }
passed=0
step() { [ -n "${current:-}" ] && passed=$((passed + 1)); current=$*; echo "smoke: $*"; }

step "--version"
cp_run --version | grep -qx "case-presenter [0-9.]*" || fail "--version"

step "list (first start creates the library in the user's data folder, with the seed cases)"
cp_run list > out/list.txt
grep -q "^BALL-EM-1 " out/list.txt && grep -q "^BALL-EM-2 " out/list.txt || fail "list: $(cat out/list.txt)"
test -f home/.local/share/case-presenter/cases.db || fail "library not in the user data folder"
test ! -e app/cases.db && test ! -e app/_internal/cases.db || fail "library written into the bundle"

step "import a case file from outside"
sed 's/"code": "BALL-EM-2"/"code": "SMOKE-2"/' "$repo/resources/seed/ball-em-2.case.json" > out/smoke.case.json
cp_run import out/smoke.case.json | grep -qx "SMOKE-2" || fail "import"
cp_run list | grep -q "^SMOKE-2 " || fail "imported case not listed"

step "pdf (bundled fonts embedded)"
cp_run pdf SMOKE-2 --out out/pdf > out/pdf.txt
pdf=$(head -n1 out/pdf.txt)
test -f "$pdf" && head -c5 "$pdf" | grep -q "%PDF-" || fail "pdf: $(cat out/pdf.txt)"
grep -aq "PTSerif" "$pdf" || fail "pdf: PT Serif not embedded"
cp_run pdf BALL-EM-1 > out/pdf-default.txt
case "$(head -n1 out/pdf-default.txt)" in
  "$work/home/Documents/Case Presenter/"*.pdf) ;;
  *) fail "pdf: default folder is not Documents/Case Presenter: $(cat out/pdf-default.txt)" ;;
esac

step "slides (python-pptx template)"
cp_run slides SMOKE-2 --out out/talk.pptx > /dev/null
head -c2 out/talk.pptx | grep -q "PK" && grep -aq "ppt/slides/slide1.xml" out/talk.pptx \
  || fail "slides"

step "figure"
cp_run figure SMOKE-2 --kind timeline --out out/timeline.png > /dev/null
head -c4 out/timeline.png | grep -q "PNG" || fail "figure timeline"
cp_run figure SMOKE-2 --kind pet --out out/pet.svg > /dev/null
grep -q "<svg" out/pet.svg || fail "figure pet"

step "window, offscreen, until it shows a case"
test -f app/_internal/resources/translations/case_presenter_ru.qm || fail "no translations"
app QT_QPA_PLATFORM=offscreen CASE_PRESENTER_SMOKE=1 "$work/app/case-presenter" > out/window.txt 2>&1 \
  || fail "window: $(cat out/window.txt)"
grep -q "^smoke: window shows [A-Z]" out/window.txt || fail "window: $(cat out/window.txt)"
grep "^smoke: window shows" out/window.txt

passed=$((passed + 1))  # the last step
echo "smoke: bundle OK ($(du -sh "$bundle" | cut -f1) in $bundle)"
echo "smoke: $passed passed, 0 failed"
