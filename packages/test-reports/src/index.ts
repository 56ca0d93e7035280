export { detectReportFormat, type ParsableReportFormat, parseTestReport } from './parse-test-report.js';
