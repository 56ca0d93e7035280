import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

// GitHub's own REST description, as octokit generates its types from it.
const require = createRequire(import.meta.url);
const descriptionPath = require.resolve('@octokit/openapi/generated/api.github.com.json');

interface Description {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>
  >;
  webhooks?: Record<
    string,
    Record<string, { requestBody: { content: Record<string, { schema: unknown }> } }>
  >;
}

let description: Description | undefined;
let ajv: Ajv | undefined;
const validators = new Map<string, ValidateFunction>();

function load(): { doc: Description; ajv: Ajv } {
  if (!description || !ajv) {
    description = JSON.parse(readFileSync(descriptionPath, 'utf8')) as Description;
    ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
    const addFormats = addFormatsModule as unknown as (instance: Ajv) => Ajv;
    addFormats(ajv);
    ajv.addSchema(
      { $id: 'gh', components: rebase((description as unknown as { components: unknown }).components, '') },
      undefined,
      false,
      false,
    );
  }
  return { doc: description, ajv };
}

function rebase(schema: unknown, prefix = 'gh'): unknown {
  if (Array.isArray(schema)) return schema.map((item) => rebase(item, prefix));
  if (schema === null || typeof schema !== 'object') return schema;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    const isLocalRef = key === '$ref' && typeof value === 'string' && value.startsWith('#');
    copy[key] = isLocalRef ? `${prefix}${value}` : rebase(value, prefix);
  }
  // OpenAPI 3.0's `nullable` beside a $ref or combinator (no `type`) means "this or null"; Ajv needs it spelled out.
  // OpenAPI 3.0 lets `nullable` widen an enum; Ajv wants null listed in it.
  if (copy.nullable === true && Array.isArray(copy.enum) && !copy.enum.includes(null))
    copy.enum = [...copy.enum, null];
  if (copy.nullable === true && copy.type === undefined) {
    delete copy.nullable;
    return { anyOf: [copy, { type: 'null' }] };
  }
  return copy;
}

function compile(key: string, schema: unknown): ValidateFunction {
  const cached = validators.get(key);
  if (cached) return cached;
  const validator = load().ajv.compile(rebase(schema) as object);
  validators.set(key, validator);
  return validator;
}

/** Errors of `data` against the documented JSON response of `method path` with `status`; empty when it conforms. */
export function responseSchemaErrors(method: string, path: string, status: number, data: unknown): string[] {
  const { doc } = load();
  const operation = doc.paths[path]?.[method.toLowerCase()];
  if (!operation) throw new Error(`no operation ${method} ${path} in GitHub's description`);
  const content = operation.responses[String(status)]?.content;
  const schema = content?.['application/json']?.schema;
  if (!schema) throw new Error(`no JSON schema for ${method} ${path} ${status}`);
  const validator = compile(`${method} ${path} ${status}`, schema);
  return validator(data)
    ? []
    : (validator.errors ?? []).map(
        (error) => `${error.instancePath} ${error.message ?? ''} ${JSON.stringify(error.params)}`,
      );
}

/** Errors of a webhook payload against GitHub's schema for it (`push`, `workflow-run-completed`, …). */
export function webhookSchemaErrors(webhook: string, data: unknown): string[] {
  const schema = { $ref: `#/components/schemas/webhook-${webhook}` };
  const validator = compile(`webhook ${webhook}`, schema);
  if (validator(data)) return [];
  return (validator.errors ?? []).map(
    (error) => `${error.instancePath} ${error.message ?? ''} ${JSON.stringify(error.params)}`,
  );
}
