export type EnvironmentKind = 'local' | 'github-actions' | 'ci';

export interface RepositoryName {
  readonly owner: string;
  readonly name: string;
}

export interface DetectedEnvironment {
  readonly kind: EnvironmentKind;
  /** Name of the CI service when one was recognised (`github-actions`, `gitlab`, `circleci`, …). */
  readonly ciName: string | null;
  readonly repository: RepositoryName | null;
  readonly sha: string | null;
  readonly ref: string | null;
  readonly branch: string | null;
  readonly runId: string | null;
  readonly runAttempt: number | null;
  readonly eventName: string | null;
  readonly apiUrl: string;
  readonly serverUrl: string;
  /** Whether a GitHub token is present; its value is never read into this object. */
  readonly hasToken: boolean;
}

export type EnvironmentVariables = Readonly<Record<string, string | undefined>>;

const OTHER_CI: ReadonlyArray<readonly [variable: string, name: string]> = [
  ['GITLAB_CI', 'gitlab'],
  ['CIRCLECI', 'circleci'],
  ['BUILDKITE', 'buildkite'],
  ['JENKINS_URL', 'jenkins'],
  ['TF_BUILD', 'azure-pipelines'],
  ['TRAVIS', 'travis'],
  ['BITBUCKET_BUILD_NUMBER', 'bitbucket'],
];

const TOKEN_VARIABLES = ['HEAL_GITHUB_TOKEN', 'GITHUB_TOKEN', 'GH_TOKEN'];

const memo = new WeakMap<object, DetectedEnvironment>();

/**
 * Where healing runs: on a laptop, in GitHub Actions or in another CI. Pure: it reads only
 * the object it is given (default `process.env`), lazily on first call, and remembers the
 * answer per object, so tests pass a plain object instead of patching `process.env`.
 */
export function detectEnvironment(env: EnvironmentVariables = process.env): DetectedEnvironment {
  const known = memo.get(env);
  if (known) return known;
  const detected = readEnvironment(env);
  memo.set(env, detected);
  return detected;
}

function readEnvironment(env: EnvironmentVariables): DetectedEnvironment {
  const value = (name: string): string | null => {
    const raw = env[name];
    return raw === undefined || raw === '' ? null : raw;
  };
  const hasToken = TOKEN_VARIABLES.some((name) => value(name) !== null);
  const isGitHubActions = value('GITHUB_ACTIONS') === 'true';
  const otherCi = OTHER_CI.find(([variable]) => value(variable) !== null)?.[1] ?? null;
  const isGenericCi = value('CI') !== null && value('CI') !== 'false' && value('CI') !== '0';
  const ref = isGitHubActions ? value('GITHUB_REF') : null;
  const attempt = value('GITHUB_RUN_ATTEMPT');
  return {
    kind: isGitHubActions ? 'github-actions' : otherCi || isGenericCi ? 'ci' : 'local',
    ciName: isGitHubActions ? 'github-actions' : (otherCi ?? (isGenericCi ? 'unknown' : null)),
    repository: isGitHubActions ? parseRepository(value('GITHUB_REPOSITORY')) : null,
    sha: isGitHubActions ? value('GITHUB_SHA') : null,
    ref,
    branch: isGitHubActions ? (value('GITHUB_HEAD_REF') ?? branchOf(ref)) : null,
    runId: isGitHubActions ? value('GITHUB_RUN_ID') : null,
    runAttempt: attempt !== null && /^\d+$/.test(attempt) ? Number(attempt) : null,
    eventName: isGitHubActions ? value('GITHUB_EVENT_NAME') : null,
    apiUrl: value('GITHUB_API_URL') ?? 'https://api.github.com',
    serverUrl: value('GITHUB_SERVER_URL') ?? 'https://github.com',
    hasToken,
  };
}

/** Parses `owner/name`; null for anything else. */
export function parseRepository(text: string | null | undefined): RepositoryName | null {
  const match = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(text ?? '');
  return match?.[1] && match[2] ? { owner: match[1], name: match[2] } : null;
}

function branchOf(ref: string | null): string | null {
  return ref?.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : null;
}
