import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import './styles/app.css';
import { applyColourTokens } from './styles/tokens.ts';

applyColourTokens();
const root = document.getElementById('root');
if (!root) throw new Error('breachdrill: #root is missing from index.html');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
