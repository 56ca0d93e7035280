import { z } from 'zod';

/** Git's file modes: regular, executable, symbolic link. Submodules (160000) are not files. */
export const FILE_MODES = ['100644', '100755', '120000'] as const;
export const FileModeSchema = z.enum(FILE_MODES);
export type FileMode = z.infer<typeof FileModeSchema>;

const BytesSchema = z.custom<Uint8Array>(
  (value) => value instanceof Uint8Array,
  'expected bytes (Uint8Array)',
);

export const FileWriteSchema = z.object({
  kind: z.literal('write'),
  path: z.string().min(1),
  content: BytesSchema,
  mode: FileModeSchema,
  /** Set when the write is the new side of a rename; the old path is deleted in the same change set. */
  renamedFrom: z.string().optional(),
});
export type FileWrite = z.infer<typeof FileWriteSchema>;

export const FileDeleteSchema = z.object({
  kind: z.literal('delete'),
  path: z.string().min(1),
});
export type FileDelete = z.infer<typeof FileDeleteSchema>;

export const FileChangeSchema = z.discriminatedUnion('kind', [FileWriteSchema, FileDeleteSchema]);
export type FileChange = z.infer<typeof FileChangeSchema>;

/** The JSON form of a change, for crossing a process or network boundary. */
export const FileChangeJsonSchema = z.discriminatedUnion('kind', [
  FileWriteSchema.extend({ content: z.string().describe('base64') }),
  FileDeleteSchema,
]);
export type FileChangeJson = z.infer<typeof FileChangeJsonSchema>;

export function fileChangeToJson(change: FileChange): FileChangeJson {
  if (change.kind === 'delete') return change;
  return { ...change, content: Buffer.from(change.content).toString('base64') };
}

export function fileChangeFromJson(json: unknown): FileChange {
  const change = FileChangeJsonSchema.parse(json);
  if (change.kind === 'delete') return change;
  return { ...change, content: new Uint8Array(Buffer.from(change.content, 'base64')) };
}
