// Runs the crate's wasm-bindgen-test suites against a mock drive and the shared fixtures served here (their URLs
// reach the tests at build time), in Node and then in headless Chromium; both servers stop however the run ends.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";

import { startMock } from "./mock.js";

const FIXTURES = new URL("../../tests/fixtures/", import.meta.url);

// The fixtures as files, to any origin: the browser's test page comes from another port.
const fixtures = createServer(async (request, response) => {
  const path = decodeURIComponent(new URL(request.url, "http://127.0.0.1").pathname).slice(1);
  const headers = { "access-control-allow-origin": "*" };
  try {
    if (path.split("/").includes("..")) throw new Error("outside the fixtures");
    response.writeHead(200, headers).end(await readFile(new URL(path, FIXTURES)));
  } catch {
    response.writeHead(404, headers).end();
  }
});
await new Promise((resolve) => fixtures.listen(0, "127.0.0.1", resolve));
const mock = await startMock();
let failed = false;
try {
  for (const browser of [false, true]) {
    const env = {
      ...process.env,
      DRIVEKIT_MOCK_URL: mock.url,
      DRIVEKIT_FIXTURES_URL: `http://127.0.0.1:${fixtures.address().port}`,
      CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER: "wasm-bindgen-test-runner",
      CHROMEDRIVER: process.env.CHROMEDRIVER ?? "/usr/bin/chromedriver",
      WASM_BINDGEN_TEST_TIMEOUT: "60",
    };
    if (browser) env.WASM_BINDGEN_USE_BROWSER = "1";
    const suites = ["--test", "driver_on_fetch", "--test", "answers_match_core"];
    const run = spawn("cargo", ["test", "--locked", "-p", "drivekit-wasm", "--target", "wasm32-unknown-unknown", ...suites], {
      env,
      stdio: "inherit",
      timeout: 600_000,
    });
    // Waited for without blocking: the fixtures are served from this process meanwhile.
    const [status] = await once(run, "exit");
    failed ||= status !== 0;
  }
} finally {
  await mock.stop();
  fixtures.close();
}
process.exit(failed ? 1 : 0);
