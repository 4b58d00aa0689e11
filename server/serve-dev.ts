/** Entry for `npm run dev`: the game server without the built client (Vite serves it). */
import { serveFromEnv } from './serve.ts';

await serveFromEnv();
