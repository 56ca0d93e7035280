export { detectReportFormat, type ParsableReportFormat, parseTestReport } from './parse-test-report.js';
export {
  type PlannedReport,
  type PlanTestRunInput,
  planTestRun,
  type TestRunPlan,
} from './plan/plan-test-run.js';
export { type ReadTestRunInput, type ReadTestRunOutput, readTestRun } from './read/read-test-run.js';
export { RUNNER_NAMES, type RunnerName } from './runner-name.js';
