import { z } from 'zod';

/**
 * How a workspace got the project's dependencies:
 * - `none`: nothing to install (no manifest, or setup switched off);
 * - `linked`: manifests and lockfiles equal the checkout's, so its installed dependencies are reused;
 * - `installed`: the setup command ran in this workspace;
 * - `cached`: dependencies installed earlier for the same lockfiles were reused;
 * - `per-run`: the setup command runs before every command (fresh remote runners).
 */
export const WORKSPACE_SETUP_MODES = ['none', 'linked', 'installed', 'cached', 'per-run'] as const;

export const WorkspaceSetupSchema = z.object({
  mode: z.enum(WORKSPACE_SETUP_MODES),
  durationMs: z.number().nonnegative(),
  /** The setup command, when one ran (or runs per command). */
  command: z.string().optional(),
  /** Dependency directories reused, relative to the repository root (`node_modules`, `packages/a/node_modules`, `.venv`). */
  dependencies: z.array(z.string()).optional(),
  /** Something the user should know, e.g. dependency files differ and no setup command is set. */
  warning: z.string().optional(),
  /** Why the workspace cannot run the project's commands; set when setup failed. */
  failure: z.string().optional(),
});
export type WorkspaceSetup = z.infer<typeof WorkspaceSetupSchema>;
