// The generated module against the running example server: every error its curl lines produce
// parsed into its typed arm, axum's own errors as `RequestError`'s, never a throw; and the
// module the server serves at `/errors.ts` is the one checked in.
//
// Run by `.ci/run` with a fresh server: node target/ts/tests/typescript/server.js BASE target/tmp/typescript

import { ok, strictEqual } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";

import { parseError, retryClass } from "../../examples/clients/errors/server.js";

interface Try {
  error: string;
  status: number;
  method: string;
  path: string;
  body: string | null;
  times: number;
  language: string | null;
}

const [base, folder] = process.argv.slice(2);
const tries: Try[] = JSON.parse(readFileSync(join(folder, "tries.json"), "utf8"));
ok(tries.length > 0);
for (const attempt of tries) {
  let response: Response | undefined;
  for (let time = 0; time < attempt.times; time += 1) {
    await response?.body?.cancel();
    response = await fetch(`${base}${attempt.path}`, {
      method: attempt.method,
      headers: {
        ...(attempt.body === null ? {} : { "content-type": "application/json" }),
        ...(attempt.language === null ? {} : { "accept-language": attempt.language }),
      },
      body: attempt.body ?? undefined,
      signal: AbortSignal.timeout(5_000),
    });
  }
  const error = await parseError(response!);
  const where = `${attempt.error}: ${JSON.stringify(error)}`;
  strictEqual(error.known, true, where);
  strictEqual(error.status, attempt.status, where);
  ok(error.known && typeof error.code === "string" && error.name.length > 0, where);
  ok(error.requestId !== undefined, `${where}: the server's X-Request-Id`);
  if (error.known && error.code === "rate_limit_exceeded") {
    ok(error.details.retry_after > 0, where);
    strictEqual(error.retryAfter, error.details.retry_after, where);
    strictEqual(retryClass(error), "throttle");
  }
}

// axum's own errors: a route that does not exist, a body that is not JSON.
const missing = await parseError(await fetch(`${base}/no/such/route`));
ok(missing.known && missing.name === "NotFound" && missing.status === 404, JSON.stringify(missing));
const garbled = await parseError(
  await fetch(`${base}/rooms`, { method: "POST", headers: { "content-type": "application/json" }, body: "{" }),
);
ok(garbled.known && garbled.status === 400, JSON.stringify(garbled));

const served = await (await fetch(`${base}/errors.ts`)).text();
strictEqual(served, readFileSync(new URL("../../../../examples/clients/errors/server.ts", import.meta.url), "utf8"));
console.log(`server: ${tries.length} curl lines and axum's own errors parsed, /errors.ts is the checked-in module`);
