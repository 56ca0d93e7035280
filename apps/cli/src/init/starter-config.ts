/** What `heal init` found or was told, to write into heal.config.json. */
export interface StarterConfigInput {
  readonly testCommand: string;
  /** The setup command (installing dependencies), written for the GitHub path; null: left to detection. */
  readonly setupCommand: string | null;
  readonly defaultBranch: string;
}

/**
 * The heal.config.json `heal init` writes: the test command (given or detected: a config with
 * none cannot heal through GitHub, where nothing runs before the config is read), the setup
 * command when known, the branch heals target, and the strategies' main settings to edit.
 */
export function starterConfig(input: StarterConfigInput): Record<string, unknown> {
  return {
    test: { command: input.testCommand },
    ...(input.setupCommand === null ? {} : { setup: { command: input.setupCommand } }),
    defaultBranch: input.defaultBranch,
    strategies: {
      flaky: { reruns: 3 },
      regression: { enabled: true },
      autofix: { commands: [] },
      model: {
        enabled: false,
        baseUrl: 'https://api.openai.com/v1',
        model: 'gpt-4o-mini',
        apiKeyEnv: 'OPENAI_API_KEY',
      },
    },
    guardrails: { protectedPaths: [], maxChangedLines: 200 },
  };
}
