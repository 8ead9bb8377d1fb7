// The built package in a page of headless Chromium, as a web app loads it: a local site on 127.0.0.1 serves the
// page (tests/browser/index.html, which imports the package as `window.drivekit`), the package under /pkg/ and
// the tests' own modules under /tests/. The site and the browser serve other pages too (a bundler's output).
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";

import { chromium } from "playwright-core";

const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const PACKAGE = new URL("../pkg/", import.meta.url);
const TESTS = new URL("./", import.meta.url);
const PAGE = new URL("browser/index.html", import.meta.url);
const TYPES = { ".js": "text/javascript", ".wasm": "application/wasm", ".html": "text/html" };

function fileOf(path) {
  if (path.includes("..")) return undefined;
  if (path === "/") return PAGE;
  if (path.startsWith("/pkg/")) return new URL(path.slice("/pkg/".length), PACKAGE);
  if (path.startsWith("/tests/") && path.endsWith(".js")) return new URL(path.slice("/tests/".length), TESTS);
  return undefined;
}

/**
 * A local site on 127.0.0.1: `locate(path)` names the file a URL path stands for, or nothing for a 404. Answers
 * `url` (with no trailing slash) and `close()`.
 */
export async function serveFiles(locate) {
  const site = createServer(async (request, response) => {
    const path = new URL(request.url, "http://127.0.0.1").pathname;
    try {
      const file = locate(path);
      if (!file) throw new Error("not found");
      const body = await readFile(file);
      response.writeHead(200, { "content-type": TYPES[path.slice(path.lastIndexOf("."))] ?? "text/html" });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise((resolve) => site.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${site.address().port}`,
    close: () => new Promise((resolve) => site.close(resolve)),
  };
}

/** Headless Chromium, without the background traffic and services a test has no use for. */
export function launchChromium() {
  return chromium.launch({
    executablePath: CHROMIUM,
    timeout: 30_000,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/** Opens the page once the package has loaded in it; `close()` ends the browser and the site. */
export async function openPage() {
  const site = await serveFiles(fileOf);
  let browser;
  try {
    browser = await launchChromium();
    const page = await browser.newPage();
    page.setDefaultTimeout(60_000);
    await page.goto(`${site.url}/`);
    await page.waitForFunction(() => window.ready === true);
    return {
      page,
      close: async () => {
        await browser.close();
        await site.close();
      },
    };
  } catch (error) {
    await browser?.close();
    await site.close();
    throw error;
  }
}
