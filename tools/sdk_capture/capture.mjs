#!/usr/bin/env node
// Records the same scripted click session twice, once with Sentry Replay and once with posthog-js, in headless
// Debian Chromium, and saves every request body each SDK sends to a local server on 127.0.0.1.
//
//   node capture.mjs OUTDIR [--sdk sentry|posthog|both] [--gap MS] [--port N]
//
// OUTDIR/sentry/envelope-NNN.bin    raw POST /api/1/envelope/ bodies, in arrival order
// OUTDIR/posthog/body-NNN.bin(.json) raw POST bodies to /e/ /s/ /batch/ /i/v0/e/ ... + {url, method, headers}
// OUTDIR/{sentry,posthog}-steps.json the steps run, with node-clock and page-clock (capture-phase click) times
// OUTDIR/meta.json                   versions, console errors, what was served
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import * as esbuild from 'esbuild';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const PAGES = path.join(HERE, 'pages');
const NM = path.join(HERE, 'node_modules');
const PH_DIST = path.join(NM, 'posthog-js', 'dist');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

const argv = process.argv.slice(2);
const opt = (name, dflt) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : dflt);
const OUT = argv.find((a, i) => !a.startsWith('--') && !(i > 0 && argv[i - 1].startsWith('--')));
if (!OUT) { console.error('usage: node capture.mjs OUTDIR [--sdk sentry|posthog|both] [--gap MS] [--port N]'); process.exit(2); }
const SDKS = opt('--sdk', 'both') === 'both' ? ['sentry', 'posthog'] : [opt('--sdk')];
const GAP = Number(opt('--gap', 3000));
const PORT = Number(opt('--port', process.env.SDKCAP_PORT || 47633));
const BASE = `http://127.0.0.1:${PORT}`;
fs.mkdirSync(OUT, { recursive: true });

const version = (p) => JSON.parse(fs.readFileSync(path.join(NM, p, 'package.json'), 'utf8')).version;
// Headless Chromium says "HeadlessChrome" in its user agent, and posthog-js drops such events as a bot's: both
// SDKs get the plain desktop Chrome user agent of the same build instead.
const CHROMIUM_VERSION = execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).match(/[\d.]+/)[0];
const USER_AGENT = `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${CHROMIUM_VERSION} Safari/537.36`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------- SDK set-up snippets
const SENTRY_INIT = `
<script src="/sentry.bundle.js"></script>
<script>
Sentry.init({
  dsn: 'http://public@127.0.0.1:${PORT}/1',
  integrations: [Sentry.replayIntegration({ maskAllText: false, blockAllMedia: false })],
  replaysSessionSampleRate: 1.0,
  replaysOnErrorSampleRate: 1.0,
  tracesSampleRate: 0,
});
</script>`;

const POSTHOG_INIT = `
<script src="/static/array.js"></script>
<script>
posthog.init('phc_test', {
  api_host: '${BASE}',
  autocapture: true,
  capture_dead_clicks: true,
  session_recording: {},
  disable_session_recording: false,
  persistence: 'memory',
});
</script>`;

// What posthog-js's remote config (/array/<token>/config[.js]) and /flags answer: recording and dead clicks on.
const PH_REMOTE_CONFIG = {
  token: 'phc_test',
  supportedCompression: ['gzip', 'gzip-js'],
  hasFeatureFlags: false,
  captureDeadClicks: true,
  capturePerformance: false,
  autocapture_opt_out: false,
  autocaptureExceptions: false,
  heatmaps: false,
  surveys: false,
  productTours: false,
  defaultIdentifiedOnly: true,
  elementsChainAsString: true,
  siteApps: [],
  sessionRecording: { endpoint: '/s/', consoleLogRecordingEnabled: false, recorderVersion: 'v2' },
};
const PH_FLAGS = { ...PH_REMOTE_CONFIG, flags: {}, featureFlags: {}, featureFlagPayloads: {}, errorsWhileComputingFlags: false };

// ---------------------------------------------------------------- server
const sentryBundle = (await esbuild.build({
  entryPoints: [path.join(PAGES, 'sentry-entry.js')], bundle: true, write: false, format: 'iife',
  target: 'chrome100', minify: false, nodePaths: [NM], absWorkingDir: HERE, logLevel: 'warning',
})).outputFiles[0].text;

const served = [];
const counters = { sentry: 0, posthog: 0 };
const requestLog = [];
const pad = (n) => String(n).padStart(3, '0');

function send(res, code, type, body) {
  res.writeHead(code, { 'content-type': type, 'cache-control': 'no-store', 'access-control-allow-origin': '*',
    'access-control-allow-headers': '*', 'access-control-allow-methods': 'GET,POST,OPTIONS' });
  res.end(body);
}

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    const u = new URL(req.url, BASE);
    const p = u.pathname;
    requestLog.push({ t: Date.now(), method: req.method, url: req.url, bytes: body.length });
    try {
      if (req.method === 'OPTIONS') return send(res, 204, 'text/plain', '');
      if (req.method === 'GET') {
        if (p === '/sentry.html' || p === '/posthog.html') {
          const html = fs.readFileSync(path.join(PAGES, 'app.html'), 'utf8')
            .replace('<!--SDK-->', p === '/sentry.html' ? SENTRY_INIT : POSTHOG_INIT);
          return send(res, 200, 'text/html; charset=utf-8', html);
        }
        if (p === '/app.js') return send(res, 200, 'text/javascript', fs.readFileSync(path.join(PAGES, 'app.js')));
        if (p === '/sentry.bundle.js') return send(res, 200, 'text/javascript', sentryBundle);
        if (p === '/array/phc_test/config') return send(res, 200, 'application/json', JSON.stringify(PH_REMOTE_CONFIG));
        if (p === '/array/phc_test/config.js') {
          return send(res, 200, 'text/javascript', `(function(){window._POSTHOG_REMOTE_CONFIG=window._POSTHOG_REMOTE_CONFIG||{};` +
            `window._POSTHOG_REMOTE_CONFIG['phc_test']={config:${JSON.stringify(PH_REMOTE_CONFIG)},siteApps:[]};})();`);
        }
        if (p.startsWith('/static/')) {
          const f = path.join(PH_DIST, path.basename(p));
          served.push(p);
          if (fs.existsSync(f)) return send(res, 200, 'text/javascript', fs.readFileSync(f));
          console.error('  404 static', p);
          return send(res, 404, 'text/plain', 'not found');
        }
        if (p === '/favicon.ico') return send(res, 404, 'text/plain', '');
        console.error('  404 GET', req.url);
        return send(res, 404, 'text/plain', 'not found');
      }
      if (req.method === 'POST') {
        if (/^\/api\/\d+\/envelope\/?$/.test(p)) {
          const f = path.join(OUT, 'sentry', `envelope-${pad(++counters.sentry)}.bin`);
          fs.writeFileSync(f, body);
          return send(res, 200, 'application/json', '{}');
        }
        if (p === '/flags/' || p === '/flags' || p === '/decide/' || p === '/decide') {
          return send(res, 200, 'application/json', JSON.stringify(PH_FLAGS));
        }
        // everything else is a posthog capture endpoint (/e/ /s/ /batch/ /i/v0/e/ ...)
        const n = pad(++counters.posthog);
        const f = path.join(OUT, 'posthog', `body-${n}`);
        fs.writeFileSync(f + '.bin', body);
        fs.writeFileSync(f + '.json', JSON.stringify({ url: req.url, method: req.method, headers: req.headers, received_ms: Date.now() }, null, 1));
        return send(res, 200, 'application/json', '{"status":1}');
      }
      send(res, 405, 'text/plain', '');
    } catch (e) { console.error(e); send(res, 500, 'text/plain', String(e)); }
  });
});
await new Promise((r, j) => { server.once('error', j); server.listen(PORT, '127.0.0.1', r); });

// ---------------------------------------------------------------- the scripted session
// Every scenario is followed by GAP ms of quiet. Clicks go through page.mouse at the element's centre.
const SCENARIOS = [
  { name: 'dead-button', clicks: ['dead-btn'] },
  { name: 'dead-link-preventDefault', clicks: ['dead-link'] },
  { name: 'fake-button-div-role-button', clicks: ['fake-div'] },
  { name: 'fake-button-span-btn', clicks: ['fake-span'] },
  { name: 'click-paragraph-text', clicks: ['para'] },
  { name: 'click-input-then-type', clicks: ['text-input'], type: 'hello world' },
  { name: 'react-add-node-now', clicks: ['add-btn'] },
  { name: 'react-change-after-500ms', clicks: ['late-btn'] },
  { name: 'react-scroll-page', clicks: ['scroll-btn'], resetScroll: true },
  { name: 'react-hash-navigation', clicks: ['nav-btn'] },
  { name: 'react-checkbox', clicks: ['check'] },
  { name: 'rage-dead-x3', clicks: ['rage-dead'], repeat: 3 },
  { name: 'rage-dead-x4', clicks: ['rage-dead'], repeat: 4 },
  { name: 'rage-dead-x5', clicks: ['rage-dead'], repeat: 5 },
  { name: 'rage-dead-x6', clicks: ['rage-dead'], repeat: 6 },
  { name: 'rage-reacting-x5', clicks: ['rage-live'], repeat: 5 },
  { name: 'slow-change-after-4s', clicks: ['slow-btn'], extraWait: 4000 },
];
const RAGE_INTERVALS = [120, 135, 110, 145, 125]; // ms between clicks of a series (~100-150 ms)

async function center(page, id) {
  const b = await page.locator('#' + id).boundingBox();
  if (!b) throw new Error('no box for #' + id);
  return { x: Math.round(b.x + b.width / 2), y: Math.round(b.y + b.height / 2) };
}

async function runSession(page, steps) {
  for (const sc of SCENARIOS) {
    const id = sc.clicks[0];
    const { x, y } = await center(page, id);
    await page.mouse.move(x - 40, y - 20);
    await page.mouse.move(x, y, { steps: 4 });
    await sleep(150);
    const n = sc.repeat || 1;
    const clicks = [];
    for (let i = 0; i < n; i++) {
      clicks.push({ node_ms: Date.now(), x, y });
      await page.mouse.click(x, y);
      if (i < n - 1) await sleep(RAGE_INTERVALS[i % RAGE_INTERVALS.length]);
    }
    const step = { scenario: sc.name, target: '#' + id, clicks, x, y };
    if (sc.type) {
      await sleep(200);
      step.type = { text: sc.type, start_node_ms: Date.now() };
      await page.keyboard.type(sc.type, { delay: 70 });
      step.type.end_node_ms = Date.now();
    }
    steps.push(step);
    console.log(`  ${sc.name}: ${n} click(s) on #${id}`);
    if (sc.extraWait) await sleep(sc.extraWait);
    if (sc.resetScroll) {
      await sleep(GAP / 2);
      step.scroll_reset_node_ms = Date.now();
      await page.evaluate(() => window.scrollTo(0, 0));
      await sleep(GAP / 2);
    } else {
      await sleep(GAP);
    }
  }
}

async function capture(sdk) {
  fs.mkdirSync(path.join(OUT, sdk), { recursive: true });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sdkcap-chromium-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM, headless: true, viewport: { width: 1280, height: 800 }, userAgent: USER_AGENT,
    // navigator.webdriver would also make posthog-js drop every event as a bot's
    ignoreDefaultArgs: ['--enable-automation'],
    args: ['--disable-blink-features=AutomationControlled', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  const blocked = [];
  await context.route('**/*', (route) => {
    const u = new URL(route.request().url());
    if (u.protocol === 'blob:' || u.protocol === 'data:' || u.hostname === '127.0.0.1') return route.continue();
    blocked.push(route.request().url());
    return route.abort();
  });
  const page = context.pages()[0] || await context.newPage();
  const consoleMsgs = [];
  page.on('pageerror', (e) => consoleMsgs.push('pageerror: ' + String(e).slice(0, 300)));
  page.on('console', (m) => { if (['error', 'warning'].includes(m.type())) consoleMsgs.push(m.type() + ': ' + m.text().slice(0, 300)); });

  const t0 = Date.now();
  await page.goto(`${BASE}/app.js`);
  const nav = await page.evaluate(() => ({ webdriver: navigator.webdriver, userAgent: navigator.userAgent,
    brands: navigator.userAgentData ? navigator.userAgentData.brands.map((b) => b.brand) : null }));
  if (nav.webdriver || /Headless/.test(nav.userAgent + nav.brands)) console.error('  WARNING: browser looks automated', nav);
  await page.goto(`${BASE}/${sdk}.html`, { waitUntil: 'load' });
  // wait until the SDK records
  if (sdk === 'sentry') {
    await page.waitForFunction(() => { const r = window.Sentry && Sentry.getReplay && Sentry.getReplay(); return !!(r && r.getReplayId()); }, null, { timeout: 20000, polling: 100 });
  } else {
    await page.waitForFunction(() => {
      const ph = window.posthog; const ext = window.__PosthogExtensions__ || {};
      return !!(ph && ph.sessionRecording && ph.sessionRecording.started && ext.initDeadClicksAutocapture);
    }, null, { timeout: 20000, polling: 100 });
  }
  const ready = Date.now();
  await sleep(2000);
  const steps = [];
  let failed = null;
  try { await runSession(page, steps); } catch (e) { failed = String(e.stack || e); console.error('SESSION FAILED', failed); }
  // let the SDKs finish their detections (Sentry: 7 s slow-click timeout, checked every 1 s)
  await sleep(9000);
  const pageClicks = await page.evaluate(() => window.__clicks);
  let info = {};
  if (sdk === 'sentry') {
    info = await page.evaluate(async () => { const r = Sentry.getReplay(); const id = r.getReplayId(); await r.flush(); return { replayId: id }; });
    await sleep(3000);
  } else {
    info = await page.evaluate(() => ({ sessionId: posthog.get_session_id(), distinctId: posthog.get_distinct_id(),
      recordingStarted: !!posthog.sessionRecording.started }));
    await sleep(5000); // request queue (3 s) and recording buffer (2 s) flush on their own
  }
  // leave the page (pagehide flushes what is left; posthog uses sendBeacon)
  await page.goto('about:blank');
  await sleep(2500);
  await context.close();
  fs.rmSync(dir, { recursive: true, force: true });

  // page-clock click times, matched to the steps in order
  let k = 0;
  for (const st of steps) for (const c of st.clicks) { const pc = pageClicks[k++]; if (pc) { c.page_ms = pc.t; c.page_target = pc.id; } }
  const doc = { sdk, started_ms: t0, sdk_ready_ms: ready, gap_ms: GAP, steps, page_clicks: pageClicks, failed, ...info };
  fs.writeFileSync(path.join(OUT, `${sdk}-steps.json`), JSON.stringify(doc, null, 1));
  return { consoleMsgs, blocked, failed, info, navigator: nav };
}

const meta = {
  versions: { '@sentry/browser': version('@sentry/browser'), 'posthog-js': version('posthog-js'),
    'playwright-core': version('playwright-core'), esbuild: version('esbuild') },
  chromium: CHROMIUM, port: PORT, gap_ms: GAP, runs: {},
};
try {
  for (const sdk of SDKS) {
    console.log(`capturing ${sdk} ...`);
    meta.runs[sdk] = await capture(sdk);
    console.log(`  ${sdk}: ${sdk === 'sentry' ? counters.sentry : counters.posthog} request bodies saved`);
  }
} finally {
  meta.chromium_version = CHROMIUM_VERSION;
  meta.user_agent = USER_AGENT;
  meta.served_static = [...new Set(served)];
  meta.requests = requestLog;
  fs.writeFileSync(path.join(OUT, 'meta.json'), JSON.stringify(meta, null, 1));
  server.close();
}
