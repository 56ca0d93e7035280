// The load generator of burst.bench.js, in its own process so its own work does not count as the
// server's latency. Reads { url, requests, inFlight } on stdin; keeps `inFlight` requests open at
// once (a new one starts as each ends), each on a fresh connection as webhook deliveries arrive;
// prints the sorted latencies and the elapsed seconds as JSON.
import { request as httpRequest } from 'node:http';

const input = JSON.parse(
  await new Promise((resolve) => {
    let text = '';
    process.stdin.on('data', (chunk) => (text += chunk));
    process.stdin.on('end', () => resolve(text));
  }),
);
const target = new URL(input.url);

function timed({ path, method, headers = {}, body }) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const sent = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        path,
        method,
        agent: false,
        headers: body
          ? { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }
          : headers,
      },
      (response) => {
        response.resume();
        response.on('end', () =>
          response.statusCode >= 300
            ? reject(new Error(`${method} ${path}: status ${response.statusCode}`))
            : resolve(performance.now() - started),
        );
      },
    );
    sent.on('error', reject);
    sent.end(body);
  });
}

const latencies = [];
let next = 0;
async function lane() {
  while (next < input.requests.length) {
    const request = input.requests[next];
    next += 1;
    latencies.push(await timed(request));
  }
}
const started = performance.now();
await Promise.all(Array.from({ length: input.inFlight }, lane));
process.stdout.write(
  JSON.stringify({
    latencies: latencies.sort((a, b) => a - b),
    seconds: (performance.now() - started) / 1000,
  }),
);
