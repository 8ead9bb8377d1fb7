// Runs the crate's wasm-bindgen-test suite against a mock drive started here (its URL reaches the tests at build
// time), in Node and then in headless Chromium; the mock stops however the run ends.
import { spawnSync } from "node:child_process";

import { startMock } from "./mock.js";

const mock = await startMock();
let failed = false;
try {
  for (const browser of [false, true]) {
    const env = {
      ...process.env,
      DRIVEKIT_MOCK_URL: mock.url,
      CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER: "wasm-bindgen-test-runner",
      CHROMEDRIVER: process.env.CHROMEDRIVER ?? "/usr/bin/chromedriver",
      WASM_BINDGEN_TEST_TIMEOUT: "60",
    };
    if (browser) env.WASM_BINDGEN_USE_BROWSER = "1";
    const run = spawnSync("cargo", ["test", "--locked", "-p", "drivekit-wasm", "--target", "wasm32-unknown-unknown", "--test", "driver_on_fetch"], {
      env,
      stdio: "inherit",
      timeout: 600_000,
    });
    failed ||= run.status !== 0;
  }
} finally {
  await mock.stop();
}
process.exit(failed ? 1 : 0);
