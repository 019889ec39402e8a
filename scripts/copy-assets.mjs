// Copies non-TypeScript assets (SQL migrations, the dashboard's static files) next to the
// compiled JavaScript in dist/.
import { cpSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const roots = ['libs', 'apps'];
const wanted = /\.sql$|[\\/]dashboard[\\/]public[\\/][^\\/]+$/;

function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (wanted.test(path)) cpSync(path, join('dist', relative('.', path)));
  }
}
for (const root of roots) walk(root);
