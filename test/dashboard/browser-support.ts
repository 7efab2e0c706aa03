/**
 * The dashboard's browser tests: Debian's Chromium driven by playwright-core
 * (one browser per test file), a real `iac dev` per example app, axe-core
 * injected into the page, and screenshots written to
 * test/dashboard/screenshots/ (ignored by git) for a person to look at.
 */
import * as fs from "fs";
import * as path from "path";
import { type Browser, chromium, type Page } from "playwright-core";
import { startDev, type RunningDev, until } from "../local/support/cli";

export const SCREENSHOTS = path.join(__dirname, "screenshots");

/** Where Chromium is: $CHROMIUM_PATH, else Debian's package (`apt-get install -y chromium`; .ci/run installs it). */
export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(
    (p): p is string => typeof p === "string" && p !== "",
  );
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found) throw new Error(`no Chromium at ${candidates.join(" or ")}: install it with \`apt-get install -y chromium\` (.ci/run does) or set CHROMIUM_PATH`);
  return found;
}

export function launchBrowser(): Promise<Browser> {
  // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
  return chromium.launch({ executablePath: chromiumPath(), args: ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"] });
}

export interface DevWithDashboard extends RunningDev {
  dashboardUrl: string;
}

/** `iac dev` on `dir`, once it has printed the dashboard's URL. */
export async function startDevWithDashboard(dir: string): Promise<DevWithDashboard> {
  const dev = await startDev(dir);
  const dashboardUrl = await until(() => /dashboard: (http:\/\/\S+)/.exec(dev.output())?.[1], "iac dev's dashboard URL");
  return { ...dev, dashboardUrl };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: false });
}

const AXE = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core's serious and critical violations on the page as it is now, one line each. */
export async function seriousViolations(page: Page): Promise<string[]> {
  // The functions below run in the page (their source is sent): `globalThis` is the page's window.
  const loaded = await page.evaluate(() => "axe" in globalThis);
  if (!loaded) await page.addScriptTag({ content: AXE });
  const violations = await page.evaluate(async () => {
    const axe: unknown = Reflect.get(globalThis, "axe");
    const run = (axe as { run(options: object): Promise<{ violations: AxeViolation[] }> }).run;
    const result = await run({ resultTypes: ["violations"] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}
