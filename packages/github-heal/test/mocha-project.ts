import { actionsWorkflowTemplate, detectActionsToolchain } from '@healing/github';
import {
  BROKEN_CLAMP_SOURCE,
  buildRegression,
  createMochaProject,
  MOCHA_MANIFEST,
  type Project,
} from '@healing/test-projects';

export interface MochaProject {
  readonly project: Project;
  readonly dir: string;
  /** The commit that breaks `clamp`, in the middle of the history. */
  readonly culprit: string;
  /** The failing head. */
  readonly head: string;
  /** The last green commit before the culprit. */
  readonly good: string;
}

/**
 * numbers-api, the mocha + supertest project the local end-to-end tests heal (package-lock.json
 * committed, node_modules ignored, no heal config), with the heal-run workflow generated from
 * its files, and `commits` commits after it, one in the middle breaking `clamp`. With
 * `lockfile: 'out-of-sync'`, package.json gains a dependency the lockfile lacks, so `npm ci`
 * refuses to install.
 */
export async function mochaProject(
  options: { readonly commits?: number; readonly lockfile?: 'real' | 'out-of-sync' } = {},
): Promise<MochaProject> {
  const project = createMochaProject({ tests: 'few' });
  if (options.lockfile === 'out-of-sync') {
    const withChai = {
      ...MOCHA_MANIFEST,
      devDependencies: { ...MOCHA_MANIFEST.devDependencies, chai: '^5.0.0' },
    };
    project.commit('test: chai', { 'package.json': `${JSON.stringify(withChai, null, 2)}\n` });
  }
  const read = async (path: string): Promise<string | null> => {
    try {
      return project.read(path);
    } catch {
      return null;
    }
  };
  project.commit('ci: the heal-run workflow', {
    '.github/workflows/heal-run.yml': await actionsWorkflowTemplate(await detectActionsToolchain(read)),
  });
  const commits = options.commits ?? 30;
  const regression = buildRegression(project, {
    commits,
    culpritAt: Math.ceil(commits / 2),
    culpritMessage: 'Tidy up clamp',
    culprit: () => ({ 'src/lib/clamp.js': BROKEN_CLAMP_SOURCE }),
  });
  return {
    project,
    dir: project.dir,
    culprit: regression.culprit,
    head: regression.head,
    good: regression.good,
  };
}
