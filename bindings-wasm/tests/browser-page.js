// The built package in a page of headless Chromium, as a web app loads it: a local site on 127.0.0.1 serves the
// page (tests/browser/index.html, which imports the package as `window.drivekit`), the package under /pkg/ and
// the tests' own modules under /tests/.
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

/** Opens the page once the package has loaded in it; `close()` ends the browser and the site. */
export async function openPage() {
  const site = createServer(async (request, response) => {
    const path = new URL(request.url, "http://127.0.0.1").pathname;
    try {
      const file = fileOf(path);
      if (!file) throw new Error("not found");
      const body = await readFile(file);
      response.writeHead(200, { "content-type": TYPES[path.slice(path.lastIndexOf("."))] ?? "text/html" });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise((resolve) => site.listen(0, "127.0.0.1", resolve));
  const closeSite = () => new Promise((resolve) => site.close(resolve));
  let browser;
  try {
    browser = await chromium.launch({
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
    const page = await browser.newPage();
    page.setDefaultTimeout(60_000);
    await page.goto(`http://127.0.0.1:${site.address().port}/`);
    await page.waitForFunction(() => window.ready === true);
    return {
      page,
      close: async () => {
        await browser.close();
        await closeSite();
      },
    };
  } catch (error) {
    await browser?.close();
    await closeSite();
    throw error;
  }
}
