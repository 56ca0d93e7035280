import {
  ConflictError,
  type GitAdapter,
  HealingError,
  type HealingErrorCode,
  PatchError,
} from '@healing/adapters';
import type { IsomorphicGitOptions } from './iso-git.js';

/** GitAdapter methods the worker serves (everything but the static name and capabilities). */
export type IsoMethod = Exclude<keyof GitAdapter, 'name' | 'capabilities'>;

export interface IsoRequest {
  readonly id: number;
  readonly options: IsomorphicGitOptions;
  readonly method: IsoMethod;
  readonly args: readonly unknown[];
}

export interface SerializedError {
  readonly name: string;
  readonly code: HealingErrorCode;
  readonly message: string;
  readonly details: Record<string, unknown>;
}

export type IsoResponse =
  | { readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly id: number; readonly ok: false; readonly error: SerializedError };

export function serializeError(error: unknown): SerializedError {
  if (error instanceof HealingError) return error.toJSON();
  const message = error instanceof Error ? error.message : String(error);
  return {
    name: 'HealingError',
    code: 'INTERNAL',
    message: `isomorphic-git worker: ${message}`,
    details: {},
  };
}

/** Rebuilds the typed error on the caller's side, so `instanceof ConflictError` still holds. */
export function deserializeError(error: SerializedError): HealingError {
  const options = { details: error.details };
  switch (error.name) {
    case 'ConflictError':
      return new ConflictError(
        error.code as ConstructorParameters<typeof ConflictError>[0],
        error.message,
        options,
      );
    case 'PatchError':
      return new PatchError(
        error.code as ConstructorParameters<typeof PatchError>[0],
        error.message,
        options,
      );
    default:
      return new HealingError(error.code, error.message, options);
  }
}
