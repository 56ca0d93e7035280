import { createMemoryStorage } from '@healing/adapters';
import { describe, expect, it } from 'vitest';
import {
  actionsWorkflowTemplate,
  HEAL_RUN_WORKFLOW_PATH,
  installActionsWorkflow,
} from './workflow-template.js';

describe('the heal-run workflow', () => {
  it('is dispatchable with the command, ref and correlation id, and names its run after the id', async () => {
    const template = await actionsWorkflowTemplate();
    expect(template).toMatch(/^run-name: heal-run \$\{\{ inputs\.correlation_id \}\}$/m);
    for (const input of ['command', 'ref', 'correlation_id', 'report_path']) {
      expect(template).toMatch(new RegExp(`^      ${input}:$`, 'm'));
    }
    // The command reaches bash through the environment only, never spliced into the script.
    expect(template).toMatch(/HEAL_COMMAND: \$\{\{ inputs\.command \}\}/);
    expect(template.match(/\$\{\{ inputs\.command \}\}/g)).toHaveLength(1);
    expect(template).toMatch(/name: healing-\$\{\{ inputs\.correlation_id \}\}/);
  });

  it('installs once and leaves an identical file alone', async () => {
    const storage = createMemoryStorage();
    const first = await installActionsWorkflow(storage);
    expect(first).toMatchObject({ path: HEAL_RUN_WORKFLOW_PATH, changed: true });
    const stored = await storage.read(HEAL_RUN_WORKFLOW_PATH);
    expect(new TextDecoder().decode(stored?.content)).toBe(await actionsWorkflowTemplate());
    const second = await installActionsWorkflow(storage);
    expect(second).toEqual({ ...first, changed: false });
  });
});
