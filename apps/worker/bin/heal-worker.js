#!/usr/bin/env node
// The worker service: reads HEAL_* variables (see the README), serves webhooks, heals jobs.
const { main } = await import('../dist/main.js');
process.exitCode = await main(process.env);
