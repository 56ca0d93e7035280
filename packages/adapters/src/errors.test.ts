import { describe, expect, it } from 'vitest';
import { ConflictError, HealingError, isHealingError, PatchError, toHealingError } from './errors.js';

const token = `ghs_${'Z9y8X7w6'.repeat(5)}`;

describe('HealingError', () => {
  it('carries a code, details and the cause', () => {
    const cause = new Error('socket hang up');
    const error = new HealingError('GITHUB_REQUEST_FAILED', 'GET /repos/o/r failed: retry later', {
      cause,
      details: { route: 'GET /repos/{owner}/{repo}' },
    });
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe('GITHUB_REQUEST_FAILED');
    expect(error.details).toEqual({ route: 'GET /repos/{owner}/{repo}' });
    expect(error.cause).toBe(cause);
    expect(isHealingError(error, 'GITHUB_REQUEST_FAILED')).toBe(true);
    expect(isHealingError(error, 'NOT_FOUND')).toBe(false);
  });

  it('redacts secrets from the message, the details and the cause before it exists', () => {
    const error = new HealingError('AUTH_FAILED', `token ${token} was refused; create a new one`, {
      cause: new Error(`request with ${token} failed`),
      details: { header: `Bearer ${token}`, apiKey: 'my-model-key-123' },
      secrets: ['my-model-key-123'],
    });
    const everything = JSON.stringify({ ...error.toJSON(), cause: String(error.cause), stack: error.stack });
    expect(everything).not.toContain(token);
    expect(everything).not.toContain('my-model-key-123');
    expect(error.message).toContain('[REDACTED]');
  });

  it('serialises to JSON without losing the code', () => {
    const error = new PatchError('PATCH_CONFLICT', 'src/a.ts hunk 2 does not apply', {
      details: { hunk: 2 },
    });
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'PatchError',
      code: 'PATCH_CONFLICT',
      message: 'src/a.ts hunk 2 does not apply',
      details: { hunk: 2 },
    });
  });

  it('subclasses stay HealingErrors', () => {
    const conflict = new ConflictError('NOT_FAST_FORWARD', 'main moved: fetch and retry');
    expect(conflict).toBeInstanceOf(HealingError);
    expect(conflict.name).toBe('ConflictError');
  });

  it('toHealingError keeps HealingErrors and wraps anything else with context', () => {
    const original = new HealingError('NOT_FOUND', 'x');
    expect(toHealingError(original, 'INTERNAL', 'ctx')).toBe(original);
    const wrapped = toHealingError(new TypeError('boom'), 'INTERNAL', 'reading config');
    expect(wrapped.code).toBe('INTERNAL');
    expect(wrapped.message).toBe('reading config: boom');
    expect(toHealingError('plain string', 'INTERNAL', 'ctx').message).toBe('ctx: plain string');
  });
});
