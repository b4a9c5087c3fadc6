/**
 * The server's module rules (`npm run check:modules`, run by .ci/run after lint); the picture and
 * the reasons are in docs/architecture.md. Three things fail the check:
 *   1. a module importing a module of its own level or above: that is how a cycle between modules
 *      starts, so the levels below keep the module graph acyclic (and a new module must be given one);
 *   2. importing another module's inner file: only `modules/<m>/index.ts`, the front door, may be
 *      imported from outside `<m>` (tests excepted);
 *   3. `platform/` importing a module or the composition root: the platform knows no module.
 * And a cycle between files (type-only imports aside: they are erased before the code runs).
 *
 * A module's tables name only lower modules' tables, through their front doors; a foreign key
 * that points up the order (radius_sessions -> subscribers) lives in the migrations alone.
 */
const src = '^packages/server/src';

/**
 * The modules' order, lowest first: a module may import only modules of a lower level. Modules
 * on one level know nothing of each other. Reporting, at the top, may read every module.
 */
const levels = {
  system: 0,
  tenancy: 0,
  identity: 1,
  aaa: 1,
  catalog: 2,
  subscribers: 3,
  billing: 4,
  support: 4,
  vouchers: 5,
  noc: 5,
  'platform-billing': 5,
  intelligence: 6,
  reporting: 7,
};

const names = Object.keys(levels);
const escapeRe = (s) => s.replace(/[-/\\^$*+?.()|[\]{}]/g, '\\$&');
// Tests may reach another module's inner files; fixtures shared across modules live in src/test/.
const tests = ['\\.test\\.ts$'];

const layering = names.flatMap((m) => {
  const notBelow = names.filter((n) => n !== m && levels[n] >= levels[m]);
  if (notBelow.length === 0) return [];
  const rule = {
    name: `module-order-${m}`,
    comment: `${m} (level ${levels[m]}) may import only modules of a lower level; the lower module owns an interface and the composition root plugs the higher one in (docs/architecture.md)`,
    severity: 'error',
  };
  const higher = `${src}/modules/(${notBelow.map(escapeRe).join('|')})/`;
  return [
    { ...rule, from: { path: `${src}/modules/${escapeRe(m)}/`, pathNot: tests }, to: { path: higher } },
  ];
});

module.exports = {
  forbidden: [
    ...layering,
    {
      name: 'module-not-in-order',
      comment: 'every module folder has a level in .dependency-cruiser.cjs (and a place in docs/architecture.md)',
      severity: 'error',
      from: { path: `${src}/modules/(?!(${names.map(escapeRe).join('|')})/)[^/]+/` },
      to: {},
    },
    {
      name: 'module-front-door',
      comment: "another module is imported only through its front door, modules/<m>/index.ts",
      severity: 'error',
      from: { path: `${src}/modules/([^/]+)/`, pathNot: tests },
      to: { path: `${src}/modules/[^/]+/`, pathNot: [`${src}/modules/$1/`, `${src}/modules/[^/]+/index\\.ts$`] },
    },
    {
      name: 'front-door-from-outside',
      comment: 'the composition root, the test harness and the benchmarks import a module only through modules/<m>/index.ts',
      // bench/auth-alloc.ts measures the AAA server's allocations per packet, so it assembles the server from its parts.
      severity: 'error',
      from: { pathNot: [`${src}/modules/`, ...tests, '^bench/auth-alloc\\.ts$'] },
      to: { path: `${src}/modules/[^/]+/(?!index\\.ts$)` },
    },
    {
      name: 'platform-knows-no-module',
      comment: 'platform/ is below every module: it declares interfaces (e.g. BranchDirectory, SmsSenders) that the composition root fills in',
      severity: 'error',
      from: { path: `${src}/platform/` },
      to: { path: `${src}/(modules|app)/` },
    },
    {
      name: 'modules-do-not-import-app',
      comment: 'the composition root (app/) knows the modules; they do not know it',
      severity: 'error',
      from: { path: `${src}/modules/`, pathNot: tests },
      to: { path: `${src}/app/` },
    },
    {
      name: 'no-file-cycle',
      comment: 'files import each other in one direction (a shared type goes into a file of its own)',
      severity: 'error',
      from: { path: `${src}/` },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: a cycle of types is still a cycle in the design.
    tsPreCompilationDeps: true,
    exclude: { path: '(^|/)node_modules/' },
  },
};
