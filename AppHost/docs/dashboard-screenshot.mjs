// Takes docs/images/dashboard-cluster.png: the Aspire dashboard's resources page of a running AppHost.
//   node --experimental-websocket AppHost/docs/dashboard-screenshot.mjs '<dashboard login URL>' docs/images/dashboard-cluster.png
// Why not `chromium --screenshot`: the dashboard is Blazor Server, it renders only after its WebSocket circuit is up,
// and a one-shot headless screenshot (even with --virtual-time-budget) captures the empty page before that. So this
// drives Debian's chromium over the DevTools protocol (Node 20's built-in WebSocket, no npm package) and waits until
// the resources grid shows rows, then a little longer for their states to settle.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [loginUrl, outFile, minRowsArg] = process.argv.slice(2);
if (!loginUrl || !outFile) {
  console.error('usage: dashboard-screenshot.mjs <dashboard login URL> <out.png> [min resource rows, default 10]');
  process.exit(2);
}
const minRows = Number(minRowsArg ?? 10);
const port = 9300 + Math.floor(Math.random() * 500);
const profile = mkdtempSync(join(tmpdir(), 'dashboard-shot-'));
const chromium = spawn('/usr/bin/chromium', [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--window-size=1600,1000',
  `--remote-debugging-port=${port}`, `--user-data-dir=${profile}`, 'about:blank',
], { stdio: 'ignore' });

const sleep = ms => new Promise(r => setTimeout(r, ms));
async function until(what, probe, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try { const v = await probe(); if (v) return v; } catch { /* not yet */ }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}

try {
  const target = await until('chromium DevTools', async () => {
    const list = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
    return list.find(t => t.type === 'page');
  }, 60_000);
  const ws = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise((ok, fail) => { ws.onopen = ok; ws.onerror = fail; });
  let id = 0;
  const pending = new Map();
  ws.onmessage = e => { const m = JSON.parse(e.data); pending.get(m.id)?.(m); pending.delete(m.id); };
  const send = (method, params = {}) => new Promise(r => { pending.set(++id, r); ws.send(JSON.stringify({ id, method, params })); });
  const evaluate = async expression => (await send('Runtime.evaluate', { expression, returnByValue: true })).result?.result?.value;

  // The login URL sets the dashboard's cookie and redirects to the resources page.
  await send('Page.enable');
  await send('Page.navigate', { url: loginUrl });
  const rows = await until(`${minRows} resource rows`, async () => {
    const n = await evaluate("document.querySelectorAll('.fluent-data-grid-row, fluent-data-grid-row, tr').length");
    return n > minRows ? n : 0;
  }, 120_000);
  // Health icons and the grid's layout settle after the rows arrive.
  await sleep(3000);
  const shot = await send('Page.captureScreenshot', { format: 'png' });
  writeFileSync(outFile, Buffer.from(shot.result.data, 'base64'));
  console.log(`${outFile}: ${rows} grid rows`);
  ws.close();
} finally {
  chromium.kill('SIGTERM');
  await sleep(500);
  rmSync(profile, { recursive: true, force: true });
}
