import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * Run before `npm start`: builds each browser bundle whose output is missing (a checkout where
 * postinstall's `npm run build:ui` did not run, or a cleaned tree). Built output is git-ignored.
 */
const ROOT = path.join(__dirname, '../..');
const BUNDLES = [
  { output: 'explorer/dist/index.html', script: 'build:explorer' },
  { output: 'web/dist/index.html', script: 'build:dashboard' },
];

for (const bundle of BUNDLES) {
  if (existsSync(path.join(ROOT, bundle.output))) continue;
  process.stderr.write(`${bundle.output} is missing: npm run ${bundle.script}\n`);
  execFileSync('npm', ['run', '-s', bundle.script], { cwd: ROOT, stdio: 'inherit' });
}
