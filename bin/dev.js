#!/usr/bin/env node
// `npm run dev`: the game server on 3001 (restarted on change) and Vite with hot reload on 5173.
import { spawn } from 'node:child_process';

const children = [
  spawn('npx', ['tsx', 'watch', 'server/serve-dev.ts'], { stdio: 'inherit', env: { ...process.env, PORT: '3001' } }),
  spawn('npx', ['vite'], { stdio: 'inherit' }),
];
const stop = () => children.forEach((c) => c.kill('SIGTERM'));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const child of children)
  child.on('exit', (code) => {
    if (code) {
      stop();
      process.exitCode = code;
    }
  });
