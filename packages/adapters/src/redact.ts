const REDACTED = '[REDACTED]';

// Token shapes that must never reach a log, an error or a report, even when the caller
// did not say which values are secret.
const SECRET_PATTERNS: readonly RegExp[] = [
  /\bgh[pousr]_[A-Za-z0-9]{20,}\b/g,
  /\bgithub_pat_[A-Za-z0-9_]{20,}\b/g,
  /\bsk-[A-Za-z0-9_-]{16,}\b/g,
  /\b(authorization\s*[:=]\s*)(?:(?:bearer|token|basic)\s+)?[^\s'",;]+/gi,
  /\b(bearer|token)\s+[A-Za-z0-9._~+/=-]{16,}/gi,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g,
];

const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@:]+(?::[^\s/@]*)?@/gi;

/** Secrets shorter than this are not redacted by value: they would erase ordinary words. */
const MIN_KNOWN_SECRET_LENGTH = 6;

/**
 * Replaces known secret values and anything shaped like a token or credential with
 * `[REDACTED]`. Call it on every string that leaves the process: messages, logs, reports.
 */
export function redactSecrets(text: string, knownSecrets: Iterable<string | undefined> = []): string {
  let out = text;
  const values = [...knownSecrets].filter(
    (value): value is string => typeof value === 'string' && value.length >= MIN_KNOWN_SECRET_LENGTH,
  );
  // Longest first, so a secret that contains another is removed whole.
  values.sort((a, b) => b.length - a.length);
  for (const value of values) out = out.split(value).join(REDACTED);
  for (const pattern of SECRET_PATTERNS) {
    out = out.replace(pattern, (match, prefix: unknown) =>
      typeof prefix === 'string' && match.startsWith(prefix) && /authorization/i.test(prefix)
        ? `${prefix}${REDACTED}`
        : REDACTED,
    );
  }
  return out.replace(URL_CREDENTIALS, `$1${REDACTED}@`);
}

/** Deeply redacts every string inside a JSON-like value. */
export function redactValue<T>(value: T, knownSecrets: readonly string[] = []): T {
  if (typeof value === 'string') return redactSecrets(value, knownSecrets) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => redactValue(item, knownSecrets)) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      out[key] = /^(token|secret|password|authorization|private_?key|api_?key)$/i.test(key)
        ? REDACTED
        : redactValue(item, knownSecrets);
    }
    return out as T;
  }
  return value;
}
