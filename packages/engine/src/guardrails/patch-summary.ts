/** What the guardrails need to know about one file of a candidate patch. */
export interface PatchFileSummary {
  /** Null for a new file. */
  readonly oldPath: string | null;
  /** Null for a deleted file. */
  readonly newPath: string | null;
  readonly addedLines: readonly string[];
  readonly removedLines: readonly string[];
  readonly isBinary: boolean;
}

export interface PatchSummary {
  readonly files: readonly PatchFileSummary[];
  readonly insertions: number;
  readonly deletions: number;
}
