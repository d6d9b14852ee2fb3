#!/usr/bin/env bash
# The one test command: prerequisites, Release build, every test project of Platform.sln, then a summary
# computed from the TRX files. The last line is always `tests: N passed, M failed, K skipped`.
# Exit code: non-zero when the build or any test failed, or when no test ran at all.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
started=$(date +%s%N)
results=artifacts/test-results

elapsed() { local ms=$((($(date +%s%N) - started) / 1000000)); printf '%d.%d s' $((ms / 1000)) $((ms % 1000 / 100)); }
finish() { # $1 = exit code; $2.. = counts
  echo "wall time: $(elapsed)"
  echo "tests: $2 passed, $3 failed, $4 skipped"
  exit "$1"
}

bash scripts/prereqs.sh

echo "== build (Release)"
if ! dotnet build Platform.sln -c Release -nologo -clp:ErrorsOnly; then
  echo "BUILD FAILED"
  finish 1 0 0 0
fi

echo "== test"
rm -rf "$results"
test_exit=0
# One TRX per test project (see scripts/trx-per-project.targets for why not a fixed LogFileName).
dotnet test Platform.sln -c Release --no-build --results-directory "$results" \
  -p:CustomAfterMicrosoftCommonTargets="$PWD/scripts/trx-per-project.targets" || test_exit=$?

echo "== browser client unit tests (Vitest)"
web_exit=0
(cd src/Web && npx vitest run --reporter=default --reporter=junit --outputFile.junit="$PWD/../../$results/web.junit.xml") || web_exit=$?

echo "== summary"
passed=0 failed=0 skipped=0
if [[ -f "$results/web.junit.xml" ]]; then
  # JUnit: every <testcase> is a test; those holding <failure>/<error> failed, <skipped/> skipped.
  read -r wt wf ws < <(python3 - "$results/web.junit.xml" <<'PY'
import sys, xml.etree.ElementTree as ET
cases = ET.parse(sys.argv[1]).getroot().iter("testcase")
t = f = s = 0
for c in cases:
    t += 1
    if c.find("failure") is not None or c.find("error") is not None: f += 1
    elif c.find("skipped") is not None: s += 1
print(t, f, s)
PY
)
  printf '  %-50s %5d passed %5d failed %5d skipped\n' "src/Web (vitest)" "$((wt - wf - ws))" "$wf" "$ws"
  passed=$((passed + wt - wf - ws)) failed=$((failed + wf)) skipped=$((skipped + ws))
fi
shopt -s nullglob
trx_files=("$results"/*.trx)
for trx in "${trx_files[@]}"; do
  # Each <UnitTestResult ...> start tag sits on one line; outcome: Passed, Failed, NotExecuted (skipped), Error, ...
  read -r p f s < <(grep -o '<UnitTestResult [^>]*>' "$trx" | grep -o ' outcome="[A-Za-z]*"' |
    awk -F'"' '{ if ($2 == "Passed") p++; else if ($2 == "NotExecuted") s++; else f++ } END { print p+0, f+0, s+0 }')
  printf '  %-50s %5d passed %5d failed %5d skipped\n' "$(basename "$trx" .trx)" "$p" "$f" "$s"
  passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
  if ((f > 0)); then
    # Name, message and the top of the stack of each failure: CI shows only the tail of the output.
    python3 - "$trx" <<'PY' || true
import sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
for r in ET.parse(sys.argv[1]).getroot().iterfind(".//t:UnitTestResult", ns):
    if r.get("outcome") in ("Passed", "NotExecuted"):
        continue
    print(f"    FAILED: {r.get('testName')}")
    message = r.findtext("t:Output/t:ErrorInfo/t:Message", default="", namespaces=ns).strip()
    stack = r.findtext("t:Output/t:ErrorInfo/t:StackTrace", default="", namespaces=ns).strip()
    for line in (message.splitlines()[:25] + stack.splitlines()[:8]):
        print(f"      {line}")
PY
  fi
done

if ((web_exit != 0)); then
  echo "vitest exited with code $web_exit"
  finish 1 "$passed" "$((failed > 0 ? failed : 1))" "$skipped"
fi
if ((test_exit != 0)); then
  echo "dotnet test exited with code $test_exit"
  finish 1 "$passed" "$failed" "$skipped"
fi
if ((failed > 0)); then
  finish 1 "$passed" "$failed" "$skipped"
fi
if ((passed + failed + skipped == 0)); then
  echo "NO TESTS RAN (${#trx_files[@]} TRX files in $results)"
  finish 1 0 0 0
fi
finish 0 "$passed" "$failed" "$skipped"
