// Adds up the vitest and Playwright JSON reports into the one closing line CI readers look for:
//   ci: N passed, N failed
// A step that failed without a report (typecheck, lint, a crash) counts as one failure.
import { existsSync, readFileSync } from "node:fs";

const [vitestFile, e2eFile, failedStepsArg] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;

if (vitestFile && existsSync(vitestFile)) {
  const r = JSON.parse(readFileSync(vitestFile, "utf8"));
  passed += r.numPassedTests ?? 0;
  failed += (r.numFailedTests ?? 0) + countFilesFailedWithoutTests(r);
  skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
}
if (e2eFile && existsSync(e2eFile)) {
  const r = JSON.parse(readFileSync(e2eFile, "utf8"));
  passed += (r.stats?.expected ?? 0) + (r.stats?.flaky ?? 0);
  failed += r.stats?.unexpected ?? 0;
  skipped += r.stats?.skipped ?? 0;
}
const reported = failed;
const failedSteps = Number(failedStepsArg ?? 0);
if (failedSteps > 0 && reported === 0) {
  failed += failedSteps;
}

/** Test files that failed outside any test (import error, failing hook): one failure each. */
function countFilesFailedWithoutTests(report) {
  return (report.testResults ?? []).filter(
    (file) => file.status === "failed" && !(file.assertionResults ?? []).some((a) => a.status === "failed"),
  ).length;
}

console.log(`ci: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 ? 1 : 0);
