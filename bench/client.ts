import type { BenchPart } from './run.ts';
export const clientBench: BenchPart = { name: 'client', description: 'todo', async run() { return { tables: [], data: {} }; } };
