// An oxlint plugin (ESLint rule API) with one rule, `layers/imports`: which part of the project
// may import which. It resolves every relative import against the importing file, so a rule
// reads as folders, not as `../../` strings. Packages from node_modules are not checked.
// The table is the import rule of docs/architecture.md; change both together.
import { dirname, relative, resolve, sep } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '../..');

/** Each layer, the folder it is, and the layers it may import besides itself. */
const LAYERS = [
  { name: 'server/engine', may: [] },
  { name: 'server/exercise', may: ['server/engine', 'protocol'] },
  { name: 'server/report', may: ['server/engine', 'server/exercise', 'protocol'] },
  { name: 'server/net', may: ['server/exercise', 'server/engine', 'server/report', 'protocol'] },
  { name: 'client', may: ['protocol'] },
  { name: 'protocol', may: [] },
];

/** The layer a project path (relative to the root, `/`-separated) belongs to, or null (free code). */
function layerOf(path) {
  return LAYERS.find((l) => path === l.name || path.startsWith(`${l.name}/`)) ?? null;
}

/** Project-relative `/` path of an absolute path, or null outside the project. */
function projectPath(absolute) {
  const rel = relative(root, absolute);
  if (rel.startsWith('..')) return null;
  return rel.split(sep).join('/');
}

/** The top folders a path names, for the message: `server/net/http.ts` → `server/net`. */
function area(path) {
  return layerOf(path)?.name ?? path.split('/').slice(0, 2).join('/');
}

const importsRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Each layer imports only the layers docs/architecture.md allows.' },
    schema: [],
  },
  create(context) {
    const from = projectPath(resolve(context.filename));
    const layer = from && layerOf(from);
    if (!layer) return {}; // server entry points, tests, bench, scripts: free
    function check(node, source) {
      if (!source || typeof source.value !== 'string' || !source.value.startsWith('.')) return;
      const target = projectPath(resolve(dirname(resolve(context.filename)), source.value));
      if (target === null) return;
      const to = layerOf(target);
      if (to === layer) return;
      if (to && layer.may.includes(to.name)) return;
      const allowed = layer.may.length ? layer.may.join(', ') : 'nothing else of the project';
      context.report({
        node: source,
        message: `${layer.name} may not import ${area(target)} ('${source.value}'); it may import ${allowed} (docs/architecture.md, import rules)`,
      });
    }
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
    };
  },
};

export default { meta: { name: 'layers' }, rules: { imports: importsRule } };
