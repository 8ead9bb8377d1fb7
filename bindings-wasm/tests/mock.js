// Starts the mock drive for a test file and stops it when the file is done: its stdin is a pipe, and the mock
// exits when the pipe closes, so even a crashed test leaves nothing running.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";

const STARTUP_MS = 30_000;

/** Starts the mock drive, with `options` added to its command line (`["--files", "10000"]`). */
export async function startMock(options = []) {
  const binary = process.env.DRIVEKIT_MOCK;
  if (!binary) throw new Error("DRIVEKIT_MOCK must name the drivekit-mock binary");
  const child = spawn(binary, ["--host", "127.0.0.1", "--port", "0", ...options], { stdio: ["pipe", "pipe", "inherit"] });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const read = async () => (await lines.next()).value ?? "";
  let timer;
  const deadline = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error("the mock drive did not start in time")), STARTUP_MS);
  });
  try {
    const [url, token, shareToken] = await Promise.race([
      (async () => [await read(), await read(), await read()])(),
      deadline,
    ]);
    return new Mock(child, url, token.replace("token: ", ""), shareToken.replace("share-token: ", ""));
  } catch (error) {
    child.kill();
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

class Mock {
  constructor(child, url, token, shareToken) {
    this.child = child;
    this.url = url;
    this.token = token;
    this.shareToken = shareToken;
  }

  async control(method, path, body) {
    const response = await fetch(`${this.url}/__mock/${path}`, {
      method,
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`mock control ${method} ${path}: HTTP ${response.status}`);
    return response.status === 204 ? undefined : response.json();
  }

  reset() {
    return this.control("POST", "reset");
  }

  fault(fault) {
    return this.control("POST", "faults", fault);
  }

  async requests() {
    return (await this.control("GET", "requests")).requests;
  }

  stop() {
    this.child.stdin.end();
    return new Promise((resolve) => {
      if (this.child.exitCode !== null) resolve();
      else this.child.once("exit", resolve);
    });
  }
}
