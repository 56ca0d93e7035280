// The load generator of burst.bench.js, in its own process so its own work does not count as
// the server's latency: reads { url, requests } on stdin, prints sorted latencies as JSON.
const input = JSON.parse(
  await new Promise((resolve) => {
    let text = '';
    process.stdin.on('data', (chunk) => (text += chunk));
    process.stdin.on('end', () => resolve(text));
  }),
);

async function timed(request) {
  const started = performance.now();
  const response = await fetch(`${input.url}${request.path}`, {
    method: request.method,
    headers: request.headers,
    body: request.body,
  });
  await response.arrayBuffer();
  if (response.status >= 300) throw new Error(`status ${response.status}`);
  return performance.now() - started;
}

const latencies = [];
const started = performance.now();
for (let start = 0; start < input.requests.length; start += input.inFlight) {
  const batch = input.requests.slice(start, start + input.inFlight);
  latencies.push(...(await Promise.all(batch.map((request) => timed(request)))));
}
process.stdout.write(
  JSON.stringify({
    latencies: latencies.sort((a, b) => a - b),
    seconds: (performance.now() - started) / 1000,
  }),
);
