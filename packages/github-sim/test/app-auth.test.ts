import { createAppAuth } from '@octokit/auth-app';
import { Octokit } from '@octokit/rest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GitHubSimulator } from '../src/index.js';
import { startGitHubSimulator } from '../src/index.js';
import { type AppKeys, appClaims, createAppKeys, signJwt } from './support/app-keys.js';
import { responseSchemaErrors } from './support/openapi.js';
import { git } from './support/seed-repo.js';
import { silentLog, TOKEN } from './support/simulator.js';
import { statusOf } from './support/status-of.js';

const APP_ID = 4242;
const WIDGETS = 11;
const OTHER = 12;
const SUSPENDED = 14;

let keys: AppKeys;
let sim: GitHubSimulator;

function installationOctokit(installationId: number, privateKey = keys.privateKey): Octokit {
  return new Octokit({
    baseUrl: sim.url,
    authStrategy: createAppAuth,
    auth: { appId: APP_ID, privateKey, installationId },
    log: silentLog,
  });
}

function appOctokit(privateKey = keys.privateKey): Octokit {
  return new Octokit({
    baseUrl: sim.url,
    authStrategy: createAppAuth,
    auth: { appId: APP_ID, privateKey },
    log: silentLog,
  });
}

/** A raw request with a hand-made Authorization header, for answers octokit would never provoke. */
async function rawGet(path: string, authorization: string): Promise<{ status: number; message: string }> {
  const response = await fetch(`${sim.url}${path}`, { headers: { authorization } });
  const body = (await response.json()) as { message?: string };
  return { status: response.status, message: body.message ?? '' };
}

beforeAll(async () => {
  keys = createAppKeys();
  sim = await startGitHubSimulator({
    repositories: [
      { owner: 'acme', name: 'widgets' },
      { owner: 'acme', name: 'gadgets' },
      { owner: 'other', name: 'elsewhere' },
      { owner: 'other', name: 'second' },
    ],
    token: TOKEN,
    app: {
      id: APP_ID,
      publicKey: keys.publicKey,
      installations: [
        { id: WIDGETS, account: 'acme', repositories: ['widgets'] },
        { id: OTHER, account: 'other', repositories: 'all' },
        { id: SUSPENDED, account: 'frozen', repositories: 'all', suspended: true },
      ],
    },
  });
});
afterAll(async () => {
  await sim.stop();
});

describe('GitHub App: installation tokens through @octokit/auth-app', () => {
  it('reads a repository and commits and opens a pull request as heal-bot[bot]', async () => {
    const octokit = installationOctokit(WIDGETS);
    const { data: repository } = await octokit.rest.repos.get({ owner: 'acme', repo: 'widgets' });
    expect(repository.full_name).toBe('acme/widgets');
    const { data: main } = await octokit.rest.git.getRef({
      owner: 'acme',
      repo: 'widgets',
      ref: 'heads/main',
    });
    await octokit.rest.git.createRef({
      owner: 'acme',
      repo: 'widgets',
      ref: 'refs/heads/heal/fix',
      sha: main.object.sha,
    });
    const { data: written } = await octokit.rest.repos.createOrUpdateFileContents({
      owner: 'acme',
      repo: 'widgets',
      path: 'fix.txt',
      message: 'fix: the bot was here',
      content: Buffer.from('fixed\n').toString('base64'),
      branch: 'heal/fix',
    });
    expect(written.commit.author?.name).toBe('heal-bot[bot]');
    const bareLog = git(
      sim.repositoryPath('acme', 'widgets'),
      'log',
      '-1',
      '--format=%an|%ae|%cn',
      'heal/fix',
    );
    expect(bareLog).toMatch(
      /^heal-bot\[bot\]\|\d+\+heal-bot\[bot\]@users\.noreply\.github\.com\|heal-bot\[bot\]$/,
    );

    const pull = await octokit.rest.pulls.create({
      owner: 'acme',
      repo: 'widgets',
      title: 'Heal',
      head: 'heal/fix',
      base: 'main',
    });
    expect(responseSchemaErrors('POST', '/repos/{owner}/{repo}/pulls', 201, pull.data)).toEqual([]);
    expect(pull.data.user).toMatchObject({ login: 'heal-bot[bot]', type: 'Bot' });
    const comment = await octokit.rest.issues.createComment({
      owner: 'acme',
      repo: 'widgets',
      issue_number: pull.data.number,
      body: 'healed',
    });
    expect(comment.data.user).toMatchObject({ login: 'heal-bot[bot]', type: 'Bot' });

    // The static token keeps working beside the App, and acts as its own user.
    const byToken = new Octokit({ baseUrl: sim.url, auth: TOKEN, log: silentLog });
    const { data: asUser } = await byToken.rest.pulls.get({
      owner: 'acme',
      repo: 'widgets',
      pull_number: pull.data.number,
    });
    expect(asUser.user).toMatchObject({ login: 'heal-bot[bot]', type: 'Bot' });
    const { data: userComment } = await byToken.rest.issues.createComment({
      owner: 'acme',
      repo: 'widgets',
      issue_number: pull.data.number,
      body: 'by a person',
    });
    expect(userComment.user).toMatchObject({ login: 'healing-bot', type: 'User' });

    const minted = sim.installationTokens().filter((record) => record.installationId === WIDGETS);
    expect(minted.length).toBeGreaterThanOrEqual(1);
    expect(Date.parse(minted[0]?.expiresAt ?? '') - Date.parse(minted[0]?.createdAt ?? '')).toBeGreaterThan(
      59 * 60_000,
    );
    expect(JSON.stringify(sim.installationTokens())).not.toContain('ghs_');
  });

  it('accepts a PKCS#1 private key as well as PKCS#8', async () => {
    const { data } = await appOctokit(keys.privateKeyPkcs1).request('GET /app');
    expect(data).toMatchObject({ id: APP_ID, slug: 'heal-bot' });
  });

  it('hides repositories the installation does not reach (404) and lists the ones it does', async () => {
    const octokit = installationOctokit(WIDGETS);
    expect(await statusOf(octokit.rest.repos.get({ owner: 'acme', repo: 'gadgets' }))).toEqual({
      status: 404,
      message: 'Not Found',
    });
    expect(await statusOf(octokit.rest.repos.get({ owner: 'other', repo: 'elsewhere' }))).toMatchObject({
      status: 404,
    });
    const listed = await octokit.request('GET /installation/repositories');
    expect(responseSchemaErrors('GET', '/installation/repositories', 200, listed.data)).toEqual([]);
    expect(listed.data).toMatchObject({ total_count: 1, repository_selection: 'selected' });
    expect(listed.data.repositories.map((repo) => repo.full_name)).toEqual(['acme/widgets']);

    const all = await installationOctokit(OTHER).request('GET /installation/repositories', { per_page: 1 });
    expect(all.data).toMatchObject({ total_count: 2, repository_selection: 'all' });
    expect(all.headers.link).toContain('rel="next"');
  });

  it('narrows a token to the repositories and permissions asked for, and refuses more than the installation has', async () => {
    const app = appOctokit();
    const narrowed = await app.request('POST /app/installations/{installation_id}/access_tokens', {
      installation_id: OTHER,
      repositories: ['second'],
      permissions: { contents: 'read' },
    });
    expect(narrowed.status).toBe(201);
    expect(
      responseSchemaErrors('POST', '/app/installations/{installation_id}/access_tokens', 201, narrowed.data),
    ).toEqual([]);
    expect(narrowed.data.token).toMatch(/^ghs_[A-Za-z0-9]{36}$/);
    expect(narrowed.data).toMatchObject({
      permissions: { contents: 'read' },
      repository_selection: 'selected',
    });
    expect(narrowed.data.repositories?.map((repo) => repo.name)).toEqual(['second']);
    const byNarrowed = new Octokit({ baseUrl: sim.url, auth: narrowed.data.token, log: silentLog });
    expect((await byNarrowed.rest.repos.get({ owner: 'other', repo: 'second' })).status).toBe(200);
    expect(await statusOf(byNarrowed.rest.repos.get({ owner: 'other', repo: 'elsewhere' }))).toMatchObject({
      status: 404,
    });

    const tooWide = app.request('POST /app/installations/{installation_id}/access_tokens', {
      installation_id: WIDGETS,
      repositories: ['gadgets'],
    });
    expect(await statusOf(tooWide)).toMatchObject({ status: 422 });
    const tooStrong = app.request('POST /app/installations/{installation_id}/access_tokens', {
      installation_id: WIDGETS,
      permissions: { administration: 'write' },
    });
    expect(await statusOf(tooStrong)).toEqual({
      status: 422,
      message: 'The permissions requested are not granted to this installation.',
    });
  });

  it('answers 404 for an unknown installation and 403 for a suspended one', async () => {
    const auth = createAppAuth({ appId: APP_ID, privateKey: keys.privateKey, request: appOctokit().request });
    expect(
      await statusOf(auth({ type: 'installation', installationId: 999 }).then(() => ({ status: 200 }))),
    ).toEqual({ status: 404, message: 'Not Found' });
    expect(
      await statusOf(auth({ type: 'installation', installationId: SUSPENDED }).then(() => ({ status: 200 }))),
    ).toEqual({ status: 403, message: 'This installation has been suspended' });
    expect(
      await statusOf(
        appOctokit().request('GET /app/installations/{installation_id}', { installation_id: 999 }),
      ),
    ).toMatchObject({ status: 404 });
  });
});

describe('GitHub App: JWT routes', () => {
  it('answers GET /app, lists installations with pagination and finds a repository installation', async () => {
    const app = appOctokit();
    const { data: integration } = await app.request('GET /app');
    expect(responseSchemaErrors('GET', '/app', 200, integration)).toEqual([]);
    expect(integration).toMatchObject({ id: APP_ID, slug: 'heal-bot', installations_count: 3 });

    const firstPage = await app.request('GET /app/installations', { per_page: 2 });
    // The description's inline item schema for this list wants an account that is a user and an
    // enterprise at once (allOf); the `installation` schema it stands for says either (anyOf).
    for (const installation of firstPage.data)
      expect(responseSchemaErrors('GET', '/app/installations/{installation_id}', 200, installation)).toEqual(
        [],
      );
    expect(firstPage.data.map((installation) => installation.id)).toEqual([WIDGETS, OTHER]);
    expect(firstPage.headers.link).toContain('rel="last"');
    const everything = await app.paginate('GET /app/installations', { per_page: 1 });
    expect(everything.map((installation) => installation.id)).toEqual([WIDGETS, OTHER, SUSPENDED]);
    expect(everything[2]).toMatchObject({ suspended_at: expect.any(String), repository_selection: 'all' });

    const single = await app.request('GET /app/installations/{installation_id}', {
      installation_id: WIDGETS,
    });
    expect(responseSchemaErrors('GET', '/app/installations/{installation_id}', 200, single.data)).toEqual([]);
    expect(single.data).toMatchObject({
      app_id: APP_ID,
      account: { login: 'acme' },
      repository_selection: 'selected',
    });

    const repoInstallation = await app.request('GET /repos/{owner}/{repo}/installation', {
      owner: 'acme',
      repo: 'widgets',
    });
    expect(
      responseSchemaErrors('GET', '/repos/{owner}/{repo}/installation', 200, repoInstallation.data),
    ).toEqual([]);
    expect(repoInstallation.data.id).toBe(WIDGETS);
    expect(
      await statusOf(
        app.request('GET /repos/{owner}/{repo}/installation', { owner: 'acme', repo: 'gadgets' }),
      ),
    ).toEqual({ status: 404, message: 'Not Found' });
  });

  it('refuses JWTs signed by another key, for another App, expired, too long or issued in the future', async () => {
    const stranger = createAppKeys();
    const bearer = (claims: Record<string, unknown>, key = keys.privateKey) =>
      `Bearer ${signJwt(claims, key)}`;
    expect(await rawGet('/app', bearer(appClaims(APP_ID)))).toEqual({ status: 200, message: '' });
    expect(await rawGet('/app', bearer(appClaims(String(APP_ID))))).toMatchObject({ status: 200 });
    expect(await rawGet('/app', bearer(appClaims(APP_ID), stranger.privateKey))).toEqual({
      status: 401,
      message: 'A JSON web token could not be decoded',
    });
    expect(await rawGet('/app', bearer(appClaims(APP_ID + 1)))).toEqual({
      status: 401,
      message: 'A JSON web token could not be decoded',
    });
    expect(await rawGet('/app', bearer(appClaims(APP_ID, -700)))).toEqual({
      status: 401,
      message:
        "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires",
    });
    const iat = Math.floor(Date.now() / 1000) - 30;
    expect(await rawGet('/app', bearer({ iat, exp: iat + 900, iss: APP_ID }))).toEqual({
      status: 401,
      message: "'Expiration time' claim ('exp') is too far in the future",
    });
    expect(await rawGet('/app', bearer({ iat: iat + 300, exp: iat + 500, iss: APP_ID }))).toEqual({
      status: 401,
      message:
        "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued",
    });
    expect(await rawGet('/app', 'Bearer not.a.jwt')).toEqual({
      status: 401,
      message: 'A JSON web token could not be decoded',
    });
    // GitHub reads a JWT only after Bearer; after `token` it is a wrong token.
    expect(await rawGet('/app', `token ${signJwt(appClaims(APP_ID), keys.privateKey)}`)).toEqual({
      status: 401,
      message: 'Bad credentials',
    });
  });

  it('keeps JWTs and tokens to their own routes', async () => {
    const jwt = `Bearer ${signJwt(appClaims(APP_ID), keys.privateKey)}`;
    expect(await rawGet('/repos/acme/widgets', jwt)).toEqual({
      status: 403,
      message: 'Resource not accessible by integration',
    });
    expect(await rawGet('/installation/repositories', jwt)).toMatchObject({ status: 403 });
    expect(await rawGet('/app', `token ${TOKEN}`)).toEqual({
      status: 401,
      message: 'A JSON web token could not be decoded',
    });
    expect(await rawGet('/installation/repositories', `token ${TOKEN}`)).toMatchObject({ status: 403 });
    expect(await rawGet('/repos/acme/widgets', 'token ghs_000000000000000000000000000000000000')).toEqual({
      status: 401,
      message: 'Bad credentials',
    });
    const anonymous = await fetch(`${sim.url}/repos/acme/widgets`);
    expect(anonymous.status).toBe(401);
  });
});
