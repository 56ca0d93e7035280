import { z } from 'zod';
import type { RouteHandler } from '../context.js';
import { notFound } from '../http/github-error.js';
import { validateBody } from '../http/read-body.js';
import { defineRoute } from '../http/router.js';
import { labelJson } from '../json/pull-json.js';
import { isoNow } from '../state.js';

const LabelNames = z.array(z.string().min(1)).min(1);
// GitHub takes `{ labels: [...] }` or, for compatibility, a bare array.
const AddLabelsBody = z.union([
  z.object({ labels: LabelNames }),
  LabelNames.transform((labels) => ({ labels })),
]);

const addLabels: RouteHandler = async (context) => {
  const number = Number(context.params.issue_number);
  const pull = context.repo.pulls.find((candidate) => candidate.number === number);
  if (!pull) throw notFound();
  const input = validateBody(AddLabelsBody, context.body);
  for (const name of input.labels) if (!pull.labels.includes(name)) pull.labels.push(name);
  pull.updatedAt = isoNow(() => context.core.now());
  return { status: 200, body: pull.labels.map((name) => labelJson(context.core.base(), context.repo, name)) };
};

export const issueLabelRoutes = [
  defineRoute('POST', '/repos/{owner}/{repo}/issues/{issue_number}/labels', addLabels),
];
