/**
 * Finds a Chromium for the tests and benchmarks: CHROME_PATH, Debian's /usr/bin/chromium, other usual
 * paths, or a Playwright-managed browser. `ensureChromium()` installs Debian's package when none is found
 * and we run as root with apt-get; otherwise it explains in one line how to get one.
 */
import {execFileSync, spawnSync} from 'node:child_process';
import {existsSync} from 'node:fs';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

/** Command-line flags for headless Chromium on a machine with no outside network and no GPU. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

/** Path of a usable Chromium, or null. */
export async function findChromium() {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  for (const path of CANDIDATES) if (existsSync(path)) return path;
  try {
    const {chromium} = await import('playwright-core');
    const managed = chromium.executablePath();
    if (managed && existsSync(managed)) return managed;
  } catch {
    // playwright-core missing or has no managed browser: fall through.
  }
  return null;
}

/** Like findChromium, but installs Debian's chromium when possible; exits with one line otherwise. */
export async function ensureChromium() {
  const found = await findChromium();
  if (found) return found;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], {stdio: 'ignore'}).status === 0;
  if (isRoot && hasApt) {
    console.log('No Chromium found: installing Debian\'s "chromium" package with apt-get…');
    const env = {...process.env, DEBIAN_FRONTEND: 'noninteractive'};
    execFileSync('apt-get', ['update', '-qq'], {stdio: 'inherit', env});
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], {stdio: 'inherit', env});
    const installed = await findChromium();
    if (installed) return installed;
  }
  console.error(
    'No Chromium found: install one (Debian/Ubuntu: sudo apt-get install chromium) or set CHROME_PATH to a Chrome/Chromium binary.'
  );
  process.exit(1);
}
