// `fetchWithRetry` against a counting server on 127.0.0.1: the seeds' retry rules, with bounds.
//
// Run by `.ci/run`: node target/ts/tests/typescript/retry.js

import { ok, rejects, strictEqual } from "node:assert";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

import { fetchWithRetry } from "../../examples/clients/errors/server.js";

/** Each path answers with its script of responses in turn, then 200; `hang` never answers. */
const scripts: Record<string, [number, Record<string, string>][]> = {
  "/flaky": [[500, {}], [500, {}]],
  "/throttled": [[429, { "retry-after": "1" }]],
  "/missing": [[404, {}], [404, {}]],
  "/invalid": [[422, {}], [422, {}]],
};
const counts = new Map<string, number>();
const server = createServer((request, response: ServerResponse) => {
  const path = request.url ?? "/";
  const count = (counts.get(path) ?? 0) + 1;
  counts.set(path, count);
  if (path === "/hang") return; // never answers; the server closes it at the end
  const [status, headers] = scripts[path]?.[count - 1] ?? [200, {}];
  const body = status === 200 ? "ok" : JSON.stringify({ type: "about:blank", title: "Error", status, detail: "Error" });
  response.writeHead(status, { "content-type": "application/problem+json", ...headers });
  response.end(body);
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const fast = { baseDelayMs: 10, timeoutMs: 2_000 };

try {
  let failures = 0;
  const flaky = await fetchWithRetry(`${base}/flaky`, {}, { ...fast, onFailure: () => (failures += 1) });
  strictEqual(flaky.status, 200);
  strictEqual(counts.get("/flaky"), 3, "500, 500, then 200");
  strictEqual(failures, 2, "a callback per failed attempt");

  const started = Date.now();
  const throttled = await fetchWithRetry(`${base}/throttled`, {}, fast);
  strictEqual(throttled.status, 200);
  strictEqual(counts.get("/throttled"), 2);
  ok(Date.now() - started >= 1_000, "waited for Retry-After: 1");

  strictEqual((await fetchWithRetry(`${base}/missing`, {}, fast)).status, 404);
  strictEqual(counts.get("/missing"), 1, "a 404 is never retried");
  strictEqual((await fetchWithRetry(`${base}/invalid`, {}, fast)).status, 422);
  strictEqual(counts.get("/invalid"), 1, "a 422 is never retried");

  const hung = Date.now();
  await rejects(fetchWithRetry(`${base}/hang`, {}, { attempts: 2, baseDelayMs: 10, timeoutMs: 300 }));
  strictEqual(counts.get("/hang"), 2, "each attempt timed out, then the bound");
  ok(Date.now() - hung < 5_000);

  const closed = `http://127.0.0.1:1/`;
  await rejects(fetchWithRetry(closed, {}, { attempts: 2, baseDelayMs: 10 }), "a network error, retried, then thrown");
  console.log("fetchWithRetry: the retry rules hold");
} finally {
  server.closeAllConnections();
  server.close();
}
