/**
 * A tiny method + path-template router. Templates use GitHub's own spelling
 * (`/repos/{owner}/{repo}/git/refs/{ref}`) so the request log and fault specs name routes as
 * the REST docs do; a final `{name*}` segment matches the rest of the path, slashes included.
 * Hand-written because the route table is small and fixed and a dependency bought nothing here.
 */
/**
 * What a route accepts: `token` (the static token or an installation token), `jwt` (only the App's
 * JWT, as GitHub's `/app` routes), or `installation` (only an installation token).
 */
export type RouteCredential = 'token' | 'jwt' | 'installation';

export interface Route<Handler> {
  readonly method: string;
  /** As written in GitHub's docs, without the `*` marker. */
  readonly template: string;
  readonly handler: Handler;
  readonly credential: RouteCredential;
  readonly pattern: RegExp;
  readonly names: readonly string[];
}

export interface RouteMatch<Handler> {
  readonly route: Route<Handler>;
  readonly params: Record<string, string>;
}

export function defineRoute<Handler>(
  method: string,
  template: string,
  handler: Handler,
  credential: RouteCredential = 'token',
): Route<Handler> {
  const names: string[] = [];
  const source = template
    .replace(/[.]/g, '\\.')
    .replace(/\{(\w+)(\*?)\}/g, (_whole, name: string, greedy: string) => {
      names.push(name);
      return greedy ? '(.+)' : '([^/]+)';
    });
  return {
    method,
    template: template.replace(/\*\}/g, '}'),
    handler,
    credential,
    pattern: new RegExp(`^${source}$`),
    names,
  };
}

export function matchRoute<Handler>(
  routes: readonly Route<Handler>[],
  method: string,
  path: string,
): RouteMatch<Handler> | { readonly methodNotAllowed: boolean } {
  let pathMatched = false;
  for (const route of routes) {
    const match = route.pattern.exec(path);
    if (!match) continue;
    pathMatched = true;
    if (route.method !== method) continue;
    const params: Record<string, string> = {};
    route.names.forEach((name, index) => {
      params[name] = decodeURIComponent(match[index + 1] ?? '');
    });
    return { route, params };
  }
  return { methodNotAllowed: pathMatched };
}
