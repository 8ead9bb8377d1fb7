// The shared scenarios (tests/scenarios/*.json) through the npm package, as a JavaScript caller takes each step.
// Plain ES module on `fetch` alone, so that the same runner runs in Node and in a browser page. The format is in
// tests/scenarios/README.md; its names are the core's, translated here into the package's.

/** The user id KooDrive calls name. */
const USER_ID = "1765263620687613825";

/** The package's name for a core name: camelCase (KooDrive's own names already are). */
export const jsName = (name) => name.replace(/_([a-z])/g, (_, letter) => letter.toUpperCase());

const OPERATIONS = {
  get_file: ["pds", "getFile"],
  update_file: ["pds", "updateFile"],
  list_delta: ["pds", "listDelta"],
  list_recyclebin: ["pds", "listRecyclebin"],
  get_last_cursor: ["pds", "getLastCursor"],
  list_album_files: ["koodrive", "listAlbumFiles"],
};

/** Each listing's methods, the field of a page holding its entries, and an entry's key. */
const LISTINGS = {
  list_delta: {
    client: "pds",
    items: "listDeltaItems",
    pages: "listDeltaPages",
    entries: "items",
    key: (item) => `${item.op ?? ""}/${item.file_id ?? ""}`,
  },
  list_recyclebin: {
    client: "pds",
    items: "listRecyclebinItems",
    pages: "listRecyclebinPages",
    entries: "items",
    key: (file) => file.file_id ?? "",
  },
  list_album_files: {
    client: "koodrive",
    items: "listAlbumFilesItems",
    pages: "listAlbumFilesPages",
    entries: "contentList",
    key: (photo) => photo.id ?? "",
  },
};

/** Runs one scenario against the mock drive at `mock.url` (whose token is `mock.token`); throws what failed. */
export async function runScenario(drivekit, mock, scenario) {
  await control(mock, "POST", "reset");
  const runner = new Runner(drivekit, mock);
  for (const [index, step] of scenario.steps.entries()) {
    const [kind, body] = Object.entries(step)[0] ?? [];
    try {
      await runner.step(kind, body);
    } catch (error) {
      throw new Error(`step ${index + 1} (${kind}): ${error.message}`);
    }
  }
}

async function control(mock, method, path, body) {
  const response = await fetch(`${mock.url}/__mock/${path.replace(/^\//, "")}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer = response.status === 204 ? undefined : await response.json();
  if (!response.ok) throw new Error(`the mock refused ${method} ${path}: ${response.status} ${JSON.stringify(answer)}`);
  return answer;
}

class Runner {
  constructor(drivekit, mock) {
    this.drivekit = drivekit;
    this.mock = mock;
    this.positions = new Map();
    this.collected = new Map();
  }

  async step(kind, body) {
    switch (kind) {
      case "fault": return void (await control(this.mock, "POST", "faults", body));
      case "change": return this.change(body);
      case "clear_requests": return void (await control(this.mock, "DELETE", "requests"));
      case "rate_limit": return void (await control(this.mock, "PUT", "rate_limit", body));
      case "call": return this.calls(body);
      case "walk": return this.walks(body);
      case "expect_collected": return this.expectCollected(body);
      case "expect_requests": return this.expectRequests(body);
      default: throw new Error(`unknown step ${kind}`);
    }
  }

  async change({ path, body, repeat }) {
    for (let n = 1; n <= (repeat ?? 1); n += 1) {
      const numbered = (text) => (repeat === undefined ? text : text.replaceAll("{n}", String(n)));
      await control(this.mock, "POST", numbered(path), numberStrings(body, numbered));
    }
  }

  /** Runs the step's call `times` times at once on one client (once by default); each must meet `expect`. */
  calls(step) {
    const [service, method] = OPERATIONS[step.operation] ?? [];
    if (!method) throw new Error(`unknown operation ${step.operation}`);
    return this.repeated(step, service, (client) => this.call(client, method, step));
  }

  /** Runs the step's walk `times` times at once on one client (once by default); each must meet `expect`. */
  walks(step) {
    const shape = LISTINGS[step.listing];
    if (!shape) throw new Error(`unknown listing ${step.listing}`);
    return this.repeated(step, shape.client, (client) => this.walk(client, shape, step));
  }

  async repeated(step, service, work) {
    const provider = step.options?.token_provider ? tokenProvider(this.mock.token) : undefined;
    const client = this.client(service, step.options, provider);
    const started = performance.now();
    const copies = Array.from({ length: step.times ?? 1 }, () => work(client).then(() => undefined, (error) => error));
    const errors = await Promise.all(copies);
    const ms = performance.now() - started;
    for (const error of errors) expectOutcome(step.expect, { error, ms });
    const wanted = step.expect?.provider_calls;
    const asked = provider?.asked ?? 0;
    if (wanted !== undefined && asked !== wanted) {
      throw new Error(`the token provider was asked ${asked} times, ${wanted} expected`);
    }
  }

  /** A new client of `service`, as a new process would make it; its token from `provider`, when given. */
  client(service, options = {}, provider = undefined) {
    const limits = { retry: {} };
    if (options.max_attempts !== undefined) limits.retry.maxAttempts = options.max_attempts;
    if (options.attempt_timeout_ms !== undefined) limits.retry.attemptTimeoutMs = options.attempt_timeout_ms;
    if (options.timeout_ms !== undefined) limits.timeoutMs = options.timeout_ms;
    if (options.max_response_bytes !== undefined) limits.maxResponseBytes = options.max_response_bytes;
    const { url, token } = this.mock;
    const credentials = provider ? { getAccessToken: provider.getAccessToken } : { accessToken: token };
    return service === "pds"
      ? new this.drivekit.PdsClient({ baseUrl: url, ...credentials, ...limits })
      : new this.drivekit.KooDriveClient({ baseUrl: url, ...credentials, userId: USER_ID, ...limits });
  }

  async call(client, method, { args, cancel_after_ms: cancelAfterMs }) {
    const controller = new AbortController();
    const timer = cancelAfterMs === undefined ? undefined : setTimeout(() => controller.abort(), cancelAfterMs);
    try {
      await client[method](inputOf(args), { signal: controller.signal });
    } finally {
      clearTimeout(timer);
    }
  }

  /** Walks as the step says; a walk run several times at once collects nothing and saves no position. */
  async walk(client, shape, { args, from, items, pages, collect, save_position: savePosition, times }) {
    if (times !== undefined) [collect, savePosition] = [undefined, undefined];
    const input = inputOf(args);
    if (from !== undefined) {
      if (!this.positions.has(from)) throw new Error(`no position saved as ${from}`);
      input.position = this.positions.get(from);
    }
    const byPages = pages !== undefined;
    const wanted = count(byPages ? pages : items ?? "all");
    const keys = [];
    let walk;
    try {
      walk = client[byPages ? shape.pages : shape.items](input); // a refused input or position throws here
      let handed = 0;
      if (wanted > 0) {
        for await (const next of walk) {
          keys.push(...(byPages ? (next[shape.entries] ?? []) : [next]).map(shape.key));
          handed += 1;
          if (handed === wanted) break;
        }
      }
    } finally {
      if (collect !== undefined) this.collected.set(collect, [...(this.collected.get(collect) ?? []), ...keys]);
      if (savePosition !== undefined && walk !== undefined) this.positions.set(savePosition, walk.position);
    }
  }

  expectCollected({ lists, equal, unique, contains_once: containsOnce, count: wantedCount }) {
    const named = (name) => {
      if (!this.collected.has(name)) throw new Error(`nothing collected as ${name}`);
      return this.collected.get(name);
    };
    const joined = lists.flatMap(named);
    if (equal !== undefined) {
      const expected = named(equal);
      const at = firstDifference(joined, expected);
      if (at !== undefined) {
        throw new Error(`${joined.length} keys collected, ${expected.length} expected; first difference at ${at}`);
      }
    }
    if (unique) {
      const seen = new Set();
      const repeated = joined.find((key) => seen.has(key) || !seen.add(key));
      if (repeated !== undefined) throw new Error(`${repeated} was handed out twice`);
    }
    for (const wanted of containsOnce ?? []) {
      const times = joined.filter((key) => key === wanted).length;
      if (times !== 1) throw new Error(`${wanted} was handed out ${times} times`);
    }
    if (wantedCount !== undefined && joined.length !== wantedCount) {
      throw new Error(`${joined.length} keys collected, ${wantedCount} expected`);
    }
  }

  async expectRequests({ path, count: wanted, statuses }) {
    const { requests } = await control(this.mock, "GET", "requests");
    const logged = requests.filter((request) => path === undefined || request.path === path);
    if (logged.length !== wanted) {
      throw new Error(`${logged.length} requests logged, ${wanted} expected: ${JSON.stringify(logged)}`);
    }
    const seen = logged.map((request) => request.status);
    if (statuses !== undefined && JSON.stringify(seen) !== JSON.stringify(statuses)) {
      throw new Error(`statuses ${JSON.stringify(seen)}, ${JSON.stringify(statuses)} expected`);
    }
  }
}

/** A token provider whose first token has expired (the mock refuses it with 401); it counts how often it is asked. */
function tokenProvider(token) {
  const provider = { asked: 0, getAccessToken: async () => (provider.asked++ === 0 ? "expired-token" : token) };
  return provider;
}

function expectOutcome(expect = {}, { error, ms }) {
  const wanted = JSON.stringify(expect);
  if ((expect.min_ms !== undefined && ms < expect.min_ms) || (expect.max_ms !== undefined && ms > expect.max_ms)) {
    throw new Error(`took ${Math.round(ms)} ms, outside ${wanted}`);
  }
  if (expect.error === undefined) {
    if (error !== undefined) throw new Error(`failed: ${error?.name}: ${error?.message}`);
    return;
  }
  if (error === undefined) throw new Error(`succeeded, ${expect.error} expected`);
  const same =
    error instanceof Error &&
    error.code === expect.error &&
    (expect.field === undefined || error.field === jsName(expect.field)) &&
    (expect.status === undefined || error.status === expect.status) &&
    (expect.limit === undefined || error.limit === expect.limit) &&
    (expect.message_contains === undefined || error.message.includes(expect.message_contains));
  if (!same) throw new Error(`failed with ${error?.code} (${error?.name}: ${error?.message}), ${wanted} expected`);
}

function inputOf(args = {}) {
  return Object.fromEntries(Object.entries(args).map(([name, value]) => [jsName(name), value]));
}

function count(value) {
  return value === "all" ? Infinity : value;
}

function firstDifference(got, expected) {
  for (let index = 0; index < Math.max(got.length, expected.length); index += 1) {
    if (got[index] !== expected[index]) return index;
  }
  return undefined;
}

function numberStrings(value, numbered) {
  if (typeof value === "string") return numbered(value);
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([name, inner]) => [name, numberStrings(inner, numbered)]));
}
