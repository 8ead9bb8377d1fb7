// The shared scenarios (tests/scenarios/*.json) through the npm package, in Node and in headless Chromium: the
// same runner (scenario-runner.js) takes every step as a JavaScript caller would, against a freshly reset mock.
import assert from "node:assert/strict";
import { readFile, readdir } from "node:fs/promises";
import { after, before, describe, test } from "node:test";

import * as drivekit from "drivekit";

import { openPage } from "./browser-page.js";
import { startMock } from "./mock.js";
import { runScenario } from "./scenario-runner.js";

const FOLDER = new URL("../../tests/scenarios/", import.meta.url);
const scenarios = await Promise.all(
  (await readdir(FOLDER))
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map(async (name) => [name.slice(0, -".json".length), JSON.parse(await readFile(new URL(name, FOLDER), "utf8"))]),
);

/** Why a runtime does not run a scenario, or `false`. */
const skipped = (runtime, scenario) =>
  scenario.not_in?.javascript ?? scenario.not_in?.[runtime] ?? false;

let mock;
before(async () => {
  mock = await startMock();
});
after(() => mock?.stop());

const settings = () => ({ url: mock.url, token: mock.token });

test("there are scenarios to run", () => {
  assert.ok(scenarios.length > 0, `no scenario in ${FOLDER.pathname}`);
});

describe("in Node", () => {
  for (const [name, scenario] of scenarios) {
    test(name, { skip: skipped("node", scenario) }, () => runScenario(drivekit, settings(), scenario));
  }
});

describe("in Chromium", () => {
  let browser;
  before(async () => {
    browser = await openPage();
  });
  after(() => browser?.close());

  for (const [name, scenario] of scenarios) {
    test(name, { skip: skipped("chromium", scenario) }, async () => {
      const failure = await browser.page.evaluate(
        async ({ mock, scenario }) => {
          const { runScenario } = await import("/tests/scenario-runner.js");
          try {
            await runScenario(window.drivekit, mock, scenario);
            return undefined;
          } catch (error) {
            return error.message;
          }
        },
        { mock: settings(), scenario },
      );
      if (failure !== undefined) throw new Error(failure);
    });
  }
});
