#!/usr/bin/env node
// `npm run cluster -- --nodes 3 [--port 8080]`: several breachdrill nodes on one machine behind
// HAProxy, for trying a cluster out (docs/deploy.md). Needs DATABASE_URL (PostgreSQL) and
// REDIS_URL. Node i listens on 127.0.0.1:310i with its own DATA_DIR under ./data/cluster; HAProxy
// (from Debian's packages, installed when missing and running as root) listens on the port given
// and checks each node's /healthz every second. Ctrl-C stops everything.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildStale, ROOT } from './build.js';

const { values } = parseArgs({
  options: { nodes: { type: 'string', default: '3' }, port: { type: 'string', default: '8080' } },
});
const count = Number(values.nodes);
const port = Number(values.port);
if (!Number.isInteger(count) || count < 1 || count > 9) fail(`--nodes must be 1 to 9, found "${values.nodes}"`);
if (!Number.isInteger(port) || port < 1 || port > 65535) fail(`--port must be a port number, found "${values.port}"`);
for (const name of ['DATABASE_URL', 'REDIS_URL']) {
  if (!process.env[name])
    fail(
      `${name} is not set: a cluster keeps its exercises in PostgreSQL (DATABASE_URL) and talks through Redis (REDIS_URL)`,
    );
}

function fail(message) {
  console.error(`breachdrill cluster: ${message}`);
  process.exit(1);
}

function haproxy() {
  if (spawnSync('haproxy', ['-v'], { stdio: 'ignore' }).status === 0) return;
  if (process.getuid?.() !== 0) fail('haproxy is not installed: apt-get install haproxy');
  console.log('breachdrill cluster: installing HAProxy from Debian');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', 'haproxy'],
  ]) {
    if (spawnSync('apt-get', args, { stdio: 'inherit', env }).status !== 0) fail(`apt-get ${args.join(' ')} failed`);
  }
}

await buildStale();
haproxy();
const dir = join(ROOT, 'data/cluster');
mkdirSync(dir, { recursive: true, mode: 0o700 });
const children = [];
const stop = () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);

const nodes = Array.from({ length: count }, (_, i) => ({ name: `node${i + 1}`, port: 3101 + i }));
// every client reaches the nodes from HAProxy's address: lift the per-address limits (README, Operations)
const limits = {
  BREACHDRILL_SOCKETS_PER_ADDRESS: '100000',
  BREACHDRILL_CONNECTIONS_PER_ADDRESS_PER_SECOND: '10000',
  BREACHDRILL_COMMANDS_PER_ADDRESS: '100000',
  BREACHDRILL_HELLOS_PER_ADDRESS: '10000',
  BREACHDRILL_JOINS_PER_MINUTE: '10000',
};
for (const node of nodes) {
  const env = { ...limits, ...process.env, PORT: String(node.port), HOST: '127.0.0.1', DATA_DIR: join(dir, node.name) };
  const child = spawn(process.execPath, [join(ROOT, 'bin/start.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  for (const stream of [child.stdout, child.stderr])
    stream.on('data', (chunk) => process.stdout.write(chunk.toString().replace(/^breachdrill: /gm, `${node.name}: `)));
  child.once('exit', (code, signal) => console.log(`breachdrill cluster: ${node.name} stopped (${signal ?? code})`));
  children.push(child);
}

const template = readFileSync(join(ROOT, 'deploy/haproxy.cfg'), 'utf8');
const config = template
  .replace(/^\s*bind .*$/m, `  bind 127.0.0.1:${port}`)
  .replace(
    /(^\s*server .*\n?)+/m,
    nodes.map((n) => `  server ${n.name} 127.0.0.1:${n.port} cookie ${n.name}\n`).join(''),
  );
const file = join(dir, 'haproxy.cfg');
writeFileSync(file, config);
const proxy = spawn('haproxy', ['-f', file, '-db'], { stdio: 'inherit' });
children.push(proxy);
proxy.once('exit', (code) => {
  console.log(`breachdrill cluster: HAProxy stopped (${code})`);
  stop();
});
console.log(
  `breachdrill cluster: ${count} node(s) on ports ${nodes.map((n) => n.port).join(', ')}; open http://127.0.0.1:${port} (HAProxy, config ${file})`,
);
