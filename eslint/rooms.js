// The rooms of the house and what each may import (ARCHITECTURE.md, "Layout"), as an ESLint
// rule: every import is resolved to the room it lands in (`#name` is libs/name), so a relative
// path cannot slip past a pattern the way it could with no-restricted-imports.
import { dirname, relative, resolve, sep } from 'node:path';

const ROOT = dirname(dirname(new URL(import.meta.url).pathname));

/** The app that composes the others: the only one allowed to import apps. */
export const COMPOSITION_ROOT = 'apps/teilhabe';

/**
 * Which libs each lib may import (ARCHITECTURE.md's table; libs/config builds every process's
 * settings from the libs' own types, and no lib imports it). Test code may reach further.
 */
export const LIB_MAY_IMPORT = {
  'libs/domain': [],
  'libs/event-store': ['libs/domain'],
  'libs/privacy': ['libs/event-store'],
  'libs/security': [],
  'libs/messaging': ['libs/domain', 'libs/event-store'],
  'libs/projections': ['libs/domain', 'libs/event-store', 'libs/messaging', 'libs/security'],
  'libs/cases': ['libs/domain', 'libs/event-store', 'libs/privacy', 'libs/security'],
  'libs/http': [
    'libs/domain',
    'libs/event-store',
    'libs/security',
    'libs/cases',
    'libs/projections',
  ],
  'libs/config': [
    'libs/event-store',
    'libs/privacy',
    'libs/security',
    'libs/messaging',
    'libs/projections',
  ],
  'libs/api-client': [],
};

/** Packages that make code depend on a framework or on I/O: never in the domain. */
const FRAMEWORKS = [
  /^@nestjs\//,
  /^class-(validator|transformer)$/,
  /^(pg|kafkajs|express|rxjs|reflect-metadata|pino.*)$/,
  /^@electric-sql\//,
  /^@kurrent\//,
];

/** `libs/x`, `apps/x`, or a top-level folder (`test`, `bench`, `scripts`) of a path in the repo. */
export function roomOf(path) {
  const parts = relative(ROOT, path).split(sep);
  if (parts[0] === '..') return undefined;
  return parts[0] === 'libs' || parts[0] === 'apps' ? `${parts[0]}/${parts[1]}` : parts[0];
}

function isTestCode(file) {
  return /\.spec\.ts$/.test(file) || /\/testing\//.test(file) || /\/conformance\//.test(file);
}

/**
 * Why `importer` may not import `target` (a room, or `package:<name>`), or undefined if it may.
 * Specs and test support may also reach test/ (the support that finds real services).
 */
export function forbiddenImport(importerFile, target) {
  const from = roomOf(importerFile);
  if (!from) return undefined;
  if (target === 'test' && isTestCode(importerFile)) return undefined;
  if (from.startsWith('libs/') && target.startsWith('apps/'))
    return `a library never imports an app (${from} -> ${target})`;
  if (from === 'libs/domain') {
    if (target.startsWith('package:')) {
      const name = target.slice('package:'.length);
      if (FRAMEWORKS.some((pattern) => pattern.test(name)))
        return `libs/domain imports no framework or I/O package (${name})`;
      return undefined;
    }
    if (target !== 'libs/domain') return `libs/domain imports nothing outside itself (${target})`;
  }
  if (
    from === 'libs/event-store' &&
    ['libs/projections', 'libs/messaging', 'libs/http', 'libs/cases'].includes(target)
  )
    return `the event store imports no projection, messaging, application or HTTP code (${target})`;
  if (from.startsWith('libs/') && target.startsWith('libs/') && target !== from) {
    const allowed = LIB_MAY_IMPORT[from];
    if (!allowed) return `${from} is not in the table of rooms (eslint/rooms.js)`;
    if (!allowed.includes(target) && !isTestCode(importerFile))
      return `${from} may import ${allowed.join(', ') || 'no other lib'} (${target})`;
  }
  if (
    from.startsWith('apps/') &&
    target.startsWith('apps/') &&
    target !== from &&
    from !== COMPOSITION_ROOT
  )
    return `an app imports no sibling app; only ${COMPOSITION_ROOT} composes apps (${from} -> ${target})`;
  return undefined;
}

/** The room an import specifier of `file` lands in, or `package:<name>` for a dependency. */
export function targetOf(file, specifier) {
  if (specifier.startsWith('#')) return `libs/${specifier.slice(1).split('/')[0]}`;
  if (specifier.startsWith('.')) return roomOf(resolve(dirname(file), specifier)) ?? 'outside';
  if (specifier.startsWith('node:')) return `package:${specifier}`;
  const [scope, name] = specifier.split('/');
  return `package:${scope?.startsWith('@') ? `${scope}/${name}` : scope}`;
}

const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Imports respect the rooms of ARCHITECTURE.md' },
    schema: [],
  },
  create(context) {
    const file = context.filename;
    const check = (node) => {
      const source = node.source;
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string') return;
      const reason = forbiddenImport(file, targetOf(file, source.value));
      if (reason) context.report({ node: source, message: reason });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

export default { rules: { 'allowed-imports': rule } };
