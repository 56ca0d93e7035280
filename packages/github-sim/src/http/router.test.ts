import { describe, expect, it } from 'vitest';
import { defineRoute, matchRoute } from './router.js';

const routes = [
  defineRoute('GET', '/repos/{owner}/{repo}/git/ref/{ref*}', 'get-ref'),
  defineRoute('GET', '/repos/{owner}/{repo}', 'get-repo'),
  defineRoute('PATCH', '/repos/{owner}/{repo}', 'update-repo'),
];

describe('matchRoute', () => {
  it('matches GitHub-style templates and a greedy last parameter, decoding values', () => {
    const match = matchRoute(routes, 'GET', '/repos/acme/widgets/git/ref/heads%2Ffeature/x');
    expect(match).toMatchObject({
      route: { handler: 'get-ref', template: '/repos/{owner}/{repo}/git/ref/{ref}' },
    });
    expect('params' in match && match.params).toEqual({
      owner: 'acme',
      repo: 'widgets',
      ref: 'heads/feature/x',
    });
  });

  it('tells an unknown method on a known path from an unknown path', () => {
    expect(matchRoute(routes, 'DELETE', '/repos/acme/widgets')).toEqual({ methodNotAllowed: true });
    expect(matchRoute(routes, 'GET', '/nothing/here')).toEqual({ methodNotAllowed: false });
    expect(matchRoute(routes, 'GET', '/repos/acme')).toEqual({ methodNotAllowed: false });
  });
});
