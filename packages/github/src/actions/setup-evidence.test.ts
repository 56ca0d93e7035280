import { describe, expect, it } from 'vitest';
import { setupEvidence } from './setup-evidence.js';

const NPM_CI_OUT_OF_SYNC = `npm error code EUSAGE
npm error
npm error \`npm ci\` can only install packages when your package.json and package-lock.json or npm-shrinkwrap.json are in sync. Please update your lock file with \`npm install\` before continuing.
npm error
npm error Missing: chai@5.3.3 from lock file
npm error
npm error Clean install a project
npm error
npm error Usage:
npm error npm ci
npm error
npm error Run "npm help ci" for more info
npm error A complete log of this run can be found in: /home/runner/.npm/_logs/2026-12-06-debug-0.log
`;

describe('setupEvidence', () => {
  it("keeps the lines that say why an install failed, without the tool's prefix and boilerplate", () => {
    expect(setupEvidence(NPM_CI_OUT_OF_SYNC)).toBe(
      '`npm ci` can only install packages when your package.json and package-lock.json or npm-shrinkwrap.json are in sync. Please update your lock file with `npm install` before continuing. | Missing: chai@5.3.3 from lock file',
    );
    expect(
      setupEvidence(
        'Collecting requests==99.0\nERROR: Could not find a version that satisfies the requirement requests==99.0\n',
      ),
    ).toBe('Could not find a version that satisfies the requirement requests==99.0');
  });

  it('falls back to the last lines when nothing reads as an error', () => {
    expect(setupEvidence('one\ntwo\nthree\nfour\n')).toBe('two | three | four');
    expect(setupEvidence('')).toBe('');
  });
});
