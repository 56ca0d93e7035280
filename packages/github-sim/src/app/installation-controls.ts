import { HealingError } from '@healing/adapters';
import type { GitHubSimulator, InstallationSpec } from '../types.js';
import type { GitHubApp, Installation } from './github-app.js';

type Controls = Pick<GitHubSimulator, 'addInstallation' | 'removeInstallation' | 'installationTokens'>;

/** The simulator's run-time installation methods; `announce` sends the `installation` webhook. */
export function installationControls(
  app: GitHubApp | undefined,
  announce: (installation: Installation, action: 'created' | 'deleted') => void,
): Controls {
  const requireApp = (): GitHubApp => {
    if (app) return app;
    throw new HealingError(
      'CONFIG_INVALID',
      'the simulator has no GitHub App; pass app: { id, publicKey, installations } to startGitHubSimulator',
    );
  };
  return {
    addInstallation(spec: InstallationSpec) {
      announce(requireApp().add(spec), 'created');
    },
    removeInstallation(installationId: number) {
      announce(requireApp().remove(installationId), 'deleted');
    },
    installationTokens: () => app?.tokens.records() ?? [],
  };
}
