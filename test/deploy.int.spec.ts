// The container image and the Kubernetes manifests, checked without a Docker engine or a cluster:
// the Dockerfile linted, every overlay rendered and validated against the Kubernetes schemas and
// read for the properties docs/operations.md lists; and the build context measured.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseEnv } from 'node:util';
import { run as lintDockerfile } from 'dockerfilelint';
import ts from 'typescript';
import { parseAllDocuments, parse } from 'yaml';
import { generateKeysCommand } from '../apps/cli/src/commands/keys.js';
import { selectApp } from '../apps/teilhabe/src/apps.js';
import { loadConfig, loadProjectorWorkerConfig, loadRelayConfig } from '#config';
import { ROOT_DIR } from './support/paths.js';

// ---------------------------------------------------------------------------------------------
// The Dockerfile

const DOCKERFILE = join(ROOT_DIR, 'deploy', 'Dockerfile');
const dockerfileText = readFileSync(DOCKERFILE, 'utf8');

interface Instruction {
  readonly keyword: string;
  readonly args: string;
}
interface Stage {
  readonly from: string;
  readonly name: string | undefined;
  readonly instructions: Instruction[];
}

/** Stages of a Dockerfile: continuation lines joined, comments dropped. */
function stagesOf(text: string): Stage[] {
  const stages: Stage[] = [];
  const logical = text
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  for (const line of logical) {
    const [keyword = '', ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    if (keyword.toUpperCase() === 'FROM') {
      const [from = '', as, name] = args.split(/\s+/);
      stages.push({ from, name: as?.toUpperCase() === 'AS' ? name : undefined, instructions: [] });
    } else {
      stages.at(-1)?.instructions.push({ keyword: keyword.toUpperCase(), args });
    }
  }
  return stages;
}

const stages = stagesOf(dockerfileText);
const runtime = stages.at(-1)!;
const runtimeOf = (keyword: string) =>
  runtime.instructions.filter((i) => i.keyword === keyword).map((i) => i.args);

/** The uid the image runs as (USER of the last stage). */
function imageUser(): number {
  const users = runtimeOf('USER');
  expect(users).toHaveLength(1);
  const uid = users[0]!.split(':')[0]!;
  expect({ user: uid, numeric: /^\d+$/.test(uid) }).toEqual({ user: uid, numeric: true });
  return Number(uid);
}

describe('the container image (deploy/Dockerfile)', () => {
  it('passes dockerfilelint without findings', () => {
    expect(lintDockerfile(join(ROOT_DIR, 'deploy'), dockerfileText)).toEqual([]);
  });

  it('is one multi-stage build on a Node LTS slim base that the project supports', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const engines = (
      JSON.parse(readFileSync(join(ROOT_DIR, 'package.json'), 'utf8')) as {
        engines: { node: string };
      }
    ).engines.node;
    const minimum = Number(/>=\s*(\d+)/.exec(engines)![1]);
    for (const stage of stages) {
      const match = /^node:(\d+)(?:\.\d+){0,2}-(bookworm|trixie)-slim(@sha256:[0-9a-f]{64})?$/.exec(
        stage.from,
      );
      expect({ from: stage.from, slimNode: Boolean(match) }).toEqual({
        from: stage.from,
        slimNode: true,
      });
      const major = Number(match![1]);
      // Node's LTS lines are the even majors.
      expect({ from: stage.from, lts: major % 2 === 0, supported: major >= minimum }).toEqual({
        from: stage.from,
        lts: true,
        supported: true,
      });
    }
    expect(new Set(stages.map((s) => s.from)).size).toBe(1);
  });

  it('ships production dependencies only, installed from the lock file', () => {
    const copies = runtimeOf('COPY');
    const modules = copies.find((c) => /\bnode_modules\b/.test(c));
    const source = /--from=(\S+)/.exec(modules ?? '')?.[1];
    const stage = stages.find((s) => s.name === source);
    expect({ nodeModulesFrom: source, stageFound: Boolean(stage) }).toEqual({
      nodeModulesFrom: source,
      stageFound: true,
    });
    const installs = stage!.instructions.filter((i) => i.keyword === 'RUN').map((i) => i.args);
    expect(
      installs.some((c) => /\bnpm ci\b.*--omit=dev/.test(c) || /\bnpm prune\b.*--omit=dev/.test(c)),
    ).toBe(true);
    // Sources and build tools stay behind: only compiled code and package.json are copied.
    for (const copy of copies) {
      expect(copy).toMatch(/^(--from=\S+ )?(\S+ )+\S+$/);
      expect(copy).not.toMatch(/\s(apps|libs|\.)\s/);
    }
  });

  it('runs as a numeric non-root user and writes nowhere under its code', () => {
    expect(imageUser()).toBeGreaterThan(0);
    // Nothing of /app is handed to that user; only DATA_DIR (embedded mode) outside of it.
    const runs = runtimeOf('RUN').join('\n');
    expect(runs).not.toMatch(/chown[^\n]*\/app\b/);
    const dataDir = /DATA_DIR=(\S+)/.exec(runtimeOf('ENV').join(' '))?.[1];
    expect(dataDir).toMatch(/^\/(?!app\b)/);
    expect(runtimeOf('WORKDIR')).toEqual(['/app']);
    expect(runtimeOf('ENV').join(' ')).toMatch(/NODE_ENV=production/);
  });

  it('has a HEALTHCHECK that runs a compiled script of the project, and selects the app', () => {
    const [healthcheck] = runtimeOf('HEALTHCHECK');
    const script = /"(dist\/[^"]+\.js)"/.exec(healthcheck ?? '')?.[1];
    expect(script).toBeDefined();
    expect(
      statSync(join(ROOT_DIR, script!.replace(/^dist\//, '').replace(/\.js$/, '.ts'))).isFile(),
    ).toBe(true);
    const entrypoint = JSON.parse(runtimeOf('ENTRYPOINT')[0]!) as string[];
    const command = JSON.parse(runtimeOf('CMD')[0]!) as string[];
    expect(entrypoint).toEqual(['node', 'dist/apps/teilhabe/src/main.js']);
    expect(selectApp(command).app).toBe('teilhabe');
    // Every app the header documents is one the entry point accepts.
    const documented = [...dockerfileText.matchAll(/^#\s+docker run IMAGE (\S+)/gm)].map(
      (m) => m[1]!,
    );
    expect(documented.sort()).toEqual(['case-api', 'cli', 'projector', 'relay']);
    for (const app of documented)
      expect(selectApp(app === 'cli' ? [app, 'x'] : [app]).app).toBe(app);
  });

  it('is what docker compose builds, with commands the entry point accepts', () => {
    const compose = parse(readFileSync(join(ROOT_DIR, 'docker-compose.yml'), 'utf8'), {
      merge: true,
    }) as { services: Record<string, { build?: { dockerfile: string }; command?: string[] }> };
    const built = Object.entries(compose.services).filter(([, s]) => s.build);
    expect(built.length).toBeGreaterThan(0);
    for (const [, service] of built) {
      expect(service.build!.dockerfile).toBe('deploy/Dockerfile');
      expect(() => selectApp(service.command ?? [])).not.toThrow();
    }
  });
});

// ---------------------------------------------------------------------------------------------
// The build context

/** A .dockerignore pattern (Go's filepath.Match plus `**`) as a regular expression. */
function patternToRegExp(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (pattern.startsWith('**/', i)) {
      source += '(?:.*/)?';
      i += 2;
    } else if (pattern.startsWith('**', i)) {
      source += '.*';
      i += 1;
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else if (c === '[') {
      const end = pattern.indexOf(']', i);
      source += pattern
        .slice(i, end + 1)
        .replace('[^', '[^/')
        .replace(/^\[!/, '[^/');
      i = end;
    } else source += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/** Docker's .dockerignore rules: a path is out if the last pattern matching it or a parent says so. */
function dockerignore(text: string): (path: string) => boolean {
  const rules = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => {
      const include = l.startsWith('!');
      const pattern = (include ? l.slice(1) : l).replace(/^\/+|\/+$/g, '');
      const regExp = patternToRegExp(pattern);
      return { include, match: (path: string) => regExp.test(path) };
    });
  return (path) => {
    const parts = path.split('/');
    const prefixes = parts.map((_, i) => parts.slice(0, i + 1).join('/'));
    let excluded = false;
    for (const rule of rules) {
      if (prefixes.some((p) => rule.match(p))) excluded = !rule.include;
    }
    return excluded;
  };
}

function walk(dir: string, into: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === '.git' || entry.name === 'node_modules') continue;
      walk(path, into);
    } else if (entry.isFile()) into.push(relative(ROOT_DIR, path));
  }
  return into;
}

const MB = 1024 * 1024;
const mb = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`;

describe('the build context (.dockerignore)', () => {
  const excluded = dockerignore(readFileSync(join(ROOT_DIR, '.dockerignore'), 'utf8'));

  it('follows Docker’s matching rules', () => {
    const rules = dockerignore('*\n!apps\n**/*.spec.ts\n!apps/keep.spec.ts\n**/a?.[ch]\n');
    expect(rules('README.md')).toBe(true);
    expect(rules('apps/x/y.ts')).toBe(false);
    expect(rules('apps/x/y.unit.spec.ts')).toBe(true);
    expect(rules('apps/keep.spec.ts')).toBe(false);
    expect(rules('libs/z.ts')).toBe(true);
    expect(rules('apps/deep/ab.c')).toBe(true);
    expect(rules('apps/deep/abc.c')).toBe(false);
    expect(rules('apps/x.spec.tsx')).toBe(false);
  });

  it('holds every input of the build and nothing else; reports its size', () => {
    const files = walk(ROOT_DIR);
    const sent = files.filter((f) => !excluded(f));
    // Every file the image is built from: package files, the build's tsconfig and script, and
    // every non-test source under apps and libs (tsconfig.build.json's own exclusions).
    const needed = files.filter(
      (f) =>
        [
          'package.json',
          'package-lock.json',
          'apps/cli/launcher/package.json',
          'tsconfig.json',
          'tsconfig.build.json',
          'scripts/copy-assets.mjs',
        ].includes(f) ||
        (/^(apps|libs)\//.test(f) &&
          !/\.spec\.ts$|\/(conformance|testing)\//.test(f) &&
          /\.(ts|sql|html|css|js|mjs|json|svg)$/.test(f)),
    );
    expect(needed.filter((f) => excluded(f))).toEqual([]);
    const unwanted = sent.filter((f) =>
      /^(dist|data|test|bench|coverage|deploy|\.git|\.env)|\.spec\.ts$|(^|\/)\.env/.test(f),
    );
    expect(unwanted).toEqual([]);
    const bytes = sent.reduce((sum, f) => sum + statSync(join(ROOT_DIR, f)).size, 0);
    const all = files.reduce((sum, f) => sum + statSync(join(ROOT_DIR, f)).size, 0);
    expect(bytes).toBeLessThan(10 * MB);
    console.log(
      `build context: ${sent.length} files, ${mb(bytes)} (of ${files.length} files, ${mb(all)} outside node_modules and .git)`,
    );
  });

  it('reports what npm pack and the production dependencies weigh', () => {
    const [pack] = JSON.parse(
      execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
        cwd: ROOT_DIR,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }),
    ) as { size: number; unpackedSize: number; entryCount: number }[];
    expect(pack!.entryCount).toBeGreaterThan(0);
    // The runtime image's node_modules: the lock file's non-dev packages, as installed here.
    const lock = JSON.parse(readFileSync(join(ROOT_DIR, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { dev?: boolean; link?: boolean }>;
    };
    const sizeOf = (dir: string): number =>
      readdirSync(dir, { withFileTypes: true }).reduce((sum, entry) => {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) return entry.name === 'node_modules' ? sum : sum + sizeOf(path);
        return entry.isFile() ? sum + statSync(path).size : sum;
      }, 0);
    let production = 0;
    let packages = 0;
    for (const [path, meta] of Object.entries(lock.packages)) {
      if (!path.startsWith('node_modules/') || meta.dev || meta.link) continue;
      const dir = join(ROOT_DIR, path);
      try {
        production += sizeOf(dir);
        packages++;
      } catch {
        // An optional package for another platform is not installed here.
      }
    }
    expect(packages).toBeGreaterThan(50);
    console.log(
      `npm pack --dry-run: ${pack!.entryCount} files, ${mb(pack!.size)} packed, ${mb(pack!.unpackedSize)} unpacked; ` +
        `production node_modules: ${packages} packages, ${mb(production)}`,
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Kubernetes

const K8S_DIR = join(ROOT_DIR, 'deploy', 'k8s');
const OVERLAYS = readdirSync(join(K8S_DIR, 'overlays')).sort();
const KUBECTL = process.env.KUBECTL ?? 'kubectl';

interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [key: string]: unknown;
}
interface Container {
  name: string;
  image: string;
  args?: string[];
  ports?: { name?: string; containerPort: number }[];
  env?: {
    name: string;
    value?: string;
    valueFrom?: { secretKeyRef?: { name: string; key: string; optional?: boolean } };
  }[];
  envFrom?: { configMapRef?: { name: string } }[];
  readinessProbe?: { httpGet?: { path: string; port: string | number } };
  livenessProbe?: { httpGet?: { path: string; port: string | number } };
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: {
    allowPrivilegeEscalation?: boolean;
    readOnlyRootFilesystem?: boolean;
    capabilities?: { drop?: string[] };
  };
  volumeMounts?: { name: string; mountPath: string }[];
}
interface PodSpec {
  securityContext?: { runAsNonRoot?: boolean; runAsUser?: number };
  containers: Container[];
  volumes?: { name: string; emptyDir?: object }[];
}
interface Deployment extends K8sObject {
  spec: {
    replicas?: number;
    selector: { matchLabels: Record<string, string> };
    template: { metadata: { labels: Record<string, string> }; spec: PodSpec };
  };
}
interface Selector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

function kubectlVersion(): { kustomize: number; text: string } {
  let out: string;
  try {
    out = execFileSync(KUBECTL, ['version', '--client', '-o', 'json'], { encoding: 'utf8' });
  } catch (error) {
    throw new Error(
      `kubectl not found (${(error as Error).message}): run deploy/tools/ensure-kubectl.sh`,
      { cause: error },
    );
  }
  const info = JSON.parse(out) as {
    clientVersion: { gitVersion: string };
    kustomizeVersion?: string;
  };
  return {
    kustomize: Number(/^v(\d+)/.exec(info.kustomizeVersion ?? '')?.[1] ?? 0),
    text: `${info.clientVersion.gitVersion}, kustomize ${info.kustomizeVersion ?? 'none'}`,
  };
}

function render(overlay: string): K8sObject[] {
  const out = execFileSync(KUBECTL, ['kustomize', join(K8S_DIR, 'overlays', overlay)], {
    encoding: 'utf8',
  });
  return parseAllDocuments(out).map((doc) => doc.toJS() as K8sObject);
}

/** kubernetes-models' module path of an apiVersion: `apps/v1`, `v1`, `networking.k8s.io/v1`. */
function modelPath(object: K8sObject): string {
  return object.apiVersion.includes('/') ? object.apiVersion : `v1`;
}

async function validateSchema(object: K8sObject): Promise<void> {
  const where = `${object.kind} ${object.metadata.name} (${object.apiVersion})`;
  let Model: new (data: unknown) => { validate(): void };
  try {
    const module = (await import(
      `kubernetes-models/${modelPath(object)}/${object.kind}`
    )) as Record<string, new (data: unknown) => { validate(): void }>;
    Model = module[object.kind]!;
    if (!Model) throw new Error('no such export');
  } catch (error) {
    throw new Error(`${where}: unknown kind, no schema to validate it against (${String(error)})`, {
      cause: error,
    });
  }
  try {
    new Model(object).validate();
  } catch (error) {
    throw new Error(`${where}: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * The OpenAPI schemas accept unknown fields (a misspelt `readinesProbe` would pass); TypeScript's
 * excess-property check against the models' interfaces does not. One declaration per line, so
 * an error's line names the object.
 */
function unknownFields(objects: K8sObject[]): string[] {
  const file = join(ROOT_DIR, 'test', '__rendered-manifests__.ts');
  const lines = objects.map((o, i) => {
    const path = `kubernetes-models/${modelPath(o)}/${o.kind}`;
    return `import type { I${o.kind} as T${i} } from '${path}'; export const o${i}: T${i} = ${JSON.stringify(o)};`;
  });
  const source = lines.join('\n');
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.getSourceFile = (name, language, ...rest) =>
    name === file
      ? ts.createSourceFile(name, source, language)
      : getSourceFile(name, language, ...rest);
  host.fileExists = (name) => name === file || fileExists(name);
  const program = ts.createProgram([file], options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const line =
      d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line : -1;
    const o = objects[line];
    const what = o ? `${o.kind} ${o.metadata.name}` : 'manifests';
    return `${what}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
  });
}

function selects(selector: Selector, labels: Record<string, string>): boolean {
  const byLabel = Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
  const byExpression = (selector.matchExpressions ?? []).every((e) => {
    switch (e.operator) {
      case 'In':
        return e.values!.includes(labels[e.key] ?? '\0');
      case 'NotIn':
        return !e.values!.includes(labels[e.key] ?? '\0');
      case 'Exists':
        return e.key in labels;
      case 'DoesNotExist':
        return !(e.key in labels);
      default:
        throw new Error(`unknown selector operator ${e.operator}`);
    }
  });
  return byLabel && byExpression;
}

const SECRET_VARIABLES = [
  'DATABASE_URL',
  'READ_DATABASE_URL',
  'AUTH_SECRET',
  'ENCRYPTION_KEY',
  'ENCRYPTION_PREVIOUS_KEYS',
  'CHECKPOINT_SIGNING_KEY',
];
const APPS_DEPLOYED = ['case-api', 'projector', 'projector-worker', 'relay'];

let kubectlChecked = false;

describe.each(OVERLAYS)('the Kubernetes overlay %s', (overlay) => {
  let objects: K8sObject[];
  let deployments: Deployment[];
  const ofKind = <T extends K8sObject>(kind: string) =>
    objects.filter((o) => o.kind === kind) as T[];

  beforeAll(() => {
    const version = kubectlVersion();
    if (!kubectlChecked) console.log(`rendering with kubectl ${version.text}`);
    kubectlChecked = true;
    if (version.kustomize < 5) {
      throw new Error(
        `kubectl ${version.text} is too old for these manifests (kustomize v5 needed, kubectl >= 1.27): run deploy/tools/ensure-kubectl.sh`,
      );
    }
    objects = render(overlay);
    deployments = ofKind<Deployment>('Deployment');
  });

  it('renders objects that are valid against the Kubernetes schema, with no unknown field', async () => {
    expect(objects.length).toBeGreaterThan(10);
    for (const object of objects) await validateSchema(object);
    expect(unknownFields(objects)).toEqual([]);
    // All in one namespace, which Pod Security Admission holds to the restricted profile.
    const [namespace, ...more] = ofKind('Namespace');
    expect(more).toEqual([]);
    expect(namespace!.metadata.labels?.['pod-security.kubernetes.io/enforce']).toBe('restricted');
    for (const object of objects.filter((o) => o.kind !== 'Namespace')) {
      expect({ object: object.metadata.name, namespace: object.metadata.namespace }).toEqual({
        object: object.metadata.name,
        namespace: namespace!.metadata.name,
      });
    }
  });

  it('runs each app with /health probes, resources and a locked-down security context', () => {
    const uid = imageUser();
    expect(deployments.map((d) => d.metadata.name).sort()).toEqual(APPS_DEPLOYED);
    for (const deployment of deployments) {
      const name = deployment.metadata.name;
      const pod = deployment.spec.template.spec;
      expect(selects(deployment.spec.selector, deployment.spec.template.metadata.labels)).toBe(
        true,
      );
      expect({
        name,
        runAsNonRoot: pod.securityContext?.runAsNonRoot,
        uid: pod.securityContext?.runAsUser,
      }).toEqual({
        name,
        runAsNonRoot: true,
        uid,
      });
      for (const container of pod.containers) {
        const ports = (container.ports ?? []).flatMap((p) => [p.name, p.containerPort]);
        for (const probe of [container.readinessProbe, container.livenessProbe]) {
          expect({ name, path: probe?.httpGet?.path }).toEqual({ name, path: '/health' });
          expect(ports).toContain(probe!.httpGet!.port);
        }
        // The port the app listens on (PORT) is the one probed.
        const port = container.env?.find((e) => e.name === 'PORT')?.value;
        expect({ name, port: Number(port) }).toEqual({
          name,
          port: container.ports?.[0]?.containerPort,
        });
        for (const kind of ['requests', 'limits'] as const) {
          expect({
            name,
            kind,
            cpu: Boolean(container.resources?.[kind]?.cpu),
            memory: Boolean(container.resources?.[kind]?.memory),
          }).toEqual({
            name,
            kind,
            cpu: true,
            memory: true,
          });
        }
        expect({ name, ...container.securityContext }).toEqual({
          name,
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ['ALL'] },
        });
        // A read-only root filesystem with a writable /tmp.
        const tmp = container.volumeMounts?.find((m) => m.mountPath === '/tmp');
        expect(pod.volumes?.find((v) => v.name === tmp?.name)?.emptyDir).toBeDefined();
        // The image's entry point accepts the command.
        expect(() => selectApp(container.args ?? [])).not.toThrow();
      }
    }
    const appOf = (name: string) =>
      selectApp(
        deployments.find((d) => d.metadata.name === name)!.spec.template.spec.containers[0]!.args ??
          [],
      );
    expect(appOf('case-api').app).toBe('case-api');
    expect(appOf('projector').app).toBe('projector');
    expect(appOf('relay').app).toBe('relay');
    expect(appOf('projector-worker').app).toBe('cli');
    // One active relay and one standby.
    expect(deployments.find((d) => d.metadata.name === 'relay')!.spec.replicas).toBe(2);
  });

  it('scales case-api with a HorizontalPodAutoscaler and budgets disruptions of every app', () => {
    const [hpa, ...more] = ofKind<
      K8sObject & {
        spec: {
          scaleTargetRef: { kind: string; name: string };
          minReplicas: number;
          maxReplicas: number;
        };
      }
    >('HorizontalPodAutoscaler');
    expect(more).toEqual([]);
    expect(hpa!.spec.scaleTargetRef).toMatchObject({ kind: 'Deployment', name: 'case-api' });
    expect(hpa!.spec.minReplicas).toBeGreaterThanOrEqual(1);
    expect(hpa!.spec.maxReplicas).toBeGreaterThanOrEqual(hpa!.spec.minReplicas);
    // The autoscaler owns the count: a fixed one would be reset by every apply.
    expect(deployments.find((d) => d.metadata.name === 'case-api')!.spec.replicas).toBeUndefined();
    const budgets = ofKind<K8sObject & { spec: { selector: Selector } }>('PodDisruptionBudget');
    for (const deployment of deployments) {
      const labels = deployment.spec.template.metadata.labels;
      expect({
        app: deployment.metadata.name,
        budgets: budgets.filter((b) => selects(b.spec.selector, labels)).length,
      }).toEqual({
        app: deployment.metadata.name,
        budgets: 1,
      });
    }
    // A Service for every app; each selects its pods and targets a port they have.
    for (const service of ofKind<
      K8sObject & { spec: { selector: Record<string, string>; ports: { targetPort: string }[] } }
    >('Service')) {
      const pods = deployments.filter((d) =>
        selects({ matchLabels: service.spec.selector }, d.spec.template.metadata.labels),
      );
      expect({ service: service.metadata.name, pods: pods.map((d) => d.metadata.name) }).toEqual({
        service: service.metadata.name,
        pods: [service.metadata.name],
      });
      const names = pods[0]!.spec.template.spec.containers.flatMap((c) =>
        (c.ports ?? []).map((p) => p.name),
      );
      for (const port of service.spec.ports) expect(names).toContain(port.targetPort);
    }
  });

  it('lets only case-api and projector be reached from outside, through the ingress controller', () => {
    type Peer = { namespaceSelector?: Selector; podSelector?: Selector; ipBlock?: object };
    type Policy = K8sObject & {
      spec: {
        podSelector: Selector;
        policyTypes: string[];
        ingress?: { from?: Peer[] }[];
        egress?: unknown[];
      };
    };
    const policies = ofKind<Policy>('NetworkPolicy');
    const pods = deployments.map((d) => ({
      name: d.metadata.name,
      labels: d.spec.template.metadata.labels,
    }));
    // Default deny for every pod, both directions.
    expect(
      policies.some(
        (p) =>
          Object.keys(p.spec.podSelector).length === 0 &&
          p.spec.policyTypes.includes('Ingress') &&
          p.spec.policyTypes.includes('Egress') &&
          !p.spec.ingress &&
          !p.spec.egress,
      ),
    ).toBe(true);
    // Where each pod can be reached from: "anywhere", or namespace:<name>, or the own namespace.
    const sources = new Map<string, Set<string>>(pods.map((p) => [p.name, new Set()]));
    for (const policy of policies.filter((p) => p.spec.policyTypes.includes('Ingress'))) {
      for (const pod of pods.filter((p) => selects(policy.spec.podSelector, p.labels))) {
        for (const rule of policy.spec.ingress ?? []) {
          if (!rule.from || rule.from.length === 0) sources.get(pod.name)!.add('anywhere');
          for (const peer of rule.from ?? []) {
            if (peer.ipBlock) sources.get(pod.name)!.add('anywhere');
            else if (peer.namespaceSelector) {
              const name = peer.namespaceSelector.matchLabels?.['kubernetes.io/metadata.name'];
              sources.get(pod.name)!.add(name ? `namespace:${name}` : 'anywhere');
            } else sources.get(pod.name)!.add('own namespace');
          }
        }
      }
    }
    const reachable = (source: string) =>
      pods
        .filter((p) => sources.get(p.name)!.has(source))
        .map((p) => p.name)
        .sort();
    expect(reachable('anywhere')).toEqual([]);
    expect(reachable('namespace:ingress-nginx')).toEqual(['case-api', 'projector']);
    const otherSources = new Set([...sources.values()].flatMap((s) => [...s]));
    expect([...otherSources].sort()).toEqual(['namespace:ingress-nginx', 'namespace:monitoring']);
    // The Ingress routes only to those two.
    const backends = ofKind<
      K8sObject & {
        spec: { rules: { http: { paths: { backend: { service: { name: string } } }[] } }[] };
      }
    >('Ingress').flatMap((i) =>
      i.spec.rules.flatMap((r) => r.http.paths.map((p) => p.backend.service.name)),
    );
    expect([...new Set(backends)].sort()).toEqual(['case-api', 'projector']);
  });

  it('takes secrets only from Secret references and passes each app its configuration check', () => {
    expect(ofKind('Secret')).toEqual([]);
    const configMaps = ofKind<K8sObject & { data: Record<string, string> }>('ConfigMap');
    for (const configMap of configMaps) {
      for (const [key, value] of Object.entries(configMap.data)) {
        expect({
          key,
          secretName: SECRET_VARIABLES.includes(key) || /SECRET|KEY|PASSWORD/.test(key),
        }).toEqual({ key, secretName: false });
        expect({
          key,
          value,
          secretLooking: /BEGIN|:\/\/[^/]*:[^@]*@|^[A-Za-z0-9+/]{43}=$/.test(value),
        }).toEqual({ key, value, secretLooking: false });
      }
    }
    const secrets: Record<string, string | undefined> = {
      ...(parseEnv(generateKeysCommand()) as Record<string, string>),
      DATABASE_URL: 'postgres://teilhabe:password@postgres.example:5432/teilhabe',
    };
    for (const deployment of deployments) {
      const container = deployment.spec.template.spec.containers[0]!;
      const env: Record<string, string> = {};
      for (const from of container.envFrom ?? []) {
        const configMap = configMaps.find((c) => c.metadata.name === from.configMapRef?.name);
        expect({
          app: deployment.metadata.name,
          configMap: from.configMapRef?.name,
          found: Boolean(configMap),
        }).toEqual({
          app: deployment.metadata.name,
          configMap: from.configMapRef?.name,
          found: true,
        });
        Object.assign(env, configMap!.data);
      }
      for (const variable of container.env ?? []) {
        if (SECRET_VARIABLES.includes(variable.name)) {
          expect({ variable: variable.name, literal: variable.value }).toEqual({
            variable: variable.name,
            literal: undefined,
          });
          expect(variable.valueFrom?.secretKeyRef?.key).toBe(variable.name);
        }
        const ref = variable.valueFrom?.secretKeyRef;
        if (variable.value !== undefined) env[variable.name] = variable.value;
        else if (ref && !ref.optional) env[variable.name] = secrets[ref.key] ?? '';
        else if (ref?.key === 'AUTH_SECRET') env[variable.name] = secrets.AUTH_SECRET!;
      }
      const app = selectApp(container.args ?? []).app;
      const check = () => {
        if (app === 'relay') return loadRelayConfig(env).port;
        if (app === 'cli') return loadProjectorWorkerConfig(env).port; // projections consume
        return loadConfig(env).port;
      };
      expect(() => check()).not.toThrow();
    }
  });

  it('pins the image: a registry, a version tag or digest, never latest', () => {
    const images = new Set(
      deployments.flatMap((d) => d.spec.template.spec.containers.map((c) => c.image)),
    );
    expect(images.size).toBe(1);
    for (const image of images) {
      expect(image).toMatch(
        /^[a-z0-9.-]+(:\d+)?\/[a-z0-9/._-]+(:[A-Za-z0-9._-]+)?(@sha256:[0-9a-f]{64})?$/,
      );
      expect(image).toMatch(/:(?!latest$)[A-Za-z0-9._-]+$|@sha256:/);
    }
  });
});
