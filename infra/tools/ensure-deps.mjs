// Installs what `npm start` and `npm test` need on a fresh clone. Node built-ins only: it runs
// before node_modules exists.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..');
const stampFile = path.join(root, 'node_modules', '.stride-deps.sha256');
const CHROMIUM = '/usr/bin/chromium';

function run(command, args, env = {}) {
  console.log(`[stride] $ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.error) throw new Error(`${command} could not run: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed with exit code ${result.status}`);
}

// The fields of a package.json that change what npm installs; scripts and descriptions do not.
const DEPENDENCY_FIELDS = [
  'dependencies',
  'devDependencies',
  'optionalDependencies',
  'peerDependencies',
  'overrides',
  'workspaces',
  'engines',
];

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${path.relative(root, file)} is not valid JSON: ${error.message}`);
  }
}

/** The dependency inputs: when any changes, node_modules is stale. */
function dependencyHash() {
  const rootManifest = readJson(path.join(root, 'package.json'));
  const manifests = ['package.json', ...(rootManifest.workspaces ?? []).map((w) => `${w}/package.json`)];
  const hash = createHash('sha256');
  for (const file of manifests) {
    const full = path.join(root, file);
    const manifest = existsSync(full) ? readJson(full) : {};
    hash.update(`${file}\0${JSON.stringify(DEPENDENCY_FIELDS.map((field) => manifest[field] ?? null))}\0`);
  }
  const lockfile = path.join(root, 'package-lock.json');
  hash.update(`package-lock.json\0${existsSync(lockfile) ? readFileSync(lockfile) : 'missing'}\0`);
  return hash.digest('hex');
}

function ensureNodeModules() {
  const wanted = dependencyHash();
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === wanted) return;
  console.log('[stride] npm dependencies are missing or stale; installing…');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  // Browsers come from Debian (see ensureChromium); Playwright must not try to download its own.
  const env = { PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' };
  if (existsSync(path.join(root, 'package-lock.json'))) run(npm, ['ci', '--no-audit', '--no-fund'], env);
  else run(npm, ['install', '--no-audit', '--no-fund'], env);
  writeFileSync(stampFile, wanted);
}

function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  if (process.platform !== 'linux' || typeof process.getuid !== 'function' || !existsSync('/usr/bin/apt-get')) {
    throw new Error(`browser tests need Chromium at ${CHROMIUM}; install Debian's "chromium" package`);
  }
  const sudo = process.getuid() === 0 ? [] : ['sudo'];
  console.log(`[stride] ${CHROMIUM} is missing; installing Debian's chromium…`);
  const apt = (...args) =>
    sudo.length
      ? run('sudo', ['apt-get', ...args], { DEBIAN_FRONTEND: 'noninteractive' })
      : run('apt-get', args, { DEBIAN_FRONTEND: 'noninteractive' });
  apt('update');
  apt('install', '-y', '--no-install-recommends', 'chromium', 'fonts-liberation');
  if (!existsSync(CHROMIUM)) throw new Error(`apt-get installed chromium but ${CHROMIUM} is still missing`);
}

try {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19))
    throw new Error(`Node ${process.versions.node} is too old: Stride needs Node 20.19 or newer`);
  ensureNodeModules();
  if (process.argv.includes('--browser')) ensureChromium();
} catch (error) {
  console.error(`[stride] setup failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
