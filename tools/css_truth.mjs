#!/usr/bin/env node
// Ground truth for src/rrweb_py/_engine/css/: what Chromium's CSSOM serialises for CSS text and CSSOM operations.
//
//   RRWEB_PEER=/root/.cache/rrweb-peer node tools/css_truth.mjs [--corpus DIR] [--out FILE]
//   node tools/css_truth.mjs --cases CASES.json [--out FILE]     # only the given operation cases (default: stdout)
//   node tools/css_truth.mjs --probe rule|sheet|decl < lines.txt  # one input per line (JSON strings allowed)
//
// Inputs of the full run: the hand-written tables below (property values, declaration blocks, selectors, sheets,
// real-world shaped rules, seeded random value combinations, operation cases), CSS mined from the corpus
// (../shared/corpus: `_cssText` rules and sheets, <style> text, inserted rules, replace texts, style attributes,
// StyleDeclaration sets, style diffs; the corpus is only read) and a sample of the CSS files that
// shared/peer/setup.sh installs under $RRWEB_PEER. Selections are deterministic, so reruns give the same file.
//
// Needs playwright-core (from $RRWEB_PEER/node_modules, set up by shared/peer/setup.sh) and /usr/bin/chromium.
// No network: one about:blank page with setContent. The output (default tests/data/css_chromium.json) holds
//   rules:  [[rule text, cssText after insertRule into an empty <style> sheet, or null when insertRule threw], ...]
//           (in rules/sheets/decls an output of "=" means "the same as the input")
//   sheets: [[style element text, join of cssRules' cssText], ...]
//   decls:  [[style attribute text, element.style.cssText], ...]
//   cases:  [{name, kind: "style"|"constructed"|"inline", text, base?, ops: [...], initial, steps: [{ok, err?, css}]}]
// Operations: {op:"insert", rule, index?: n|[..]}, {op:"delete", index}, {op:"set", path, name, value, priority?},
// {op:"remove", path, name}, {op:"replace", text} (replaceSync), {op:"text", text} (<style> textContent).
// For inline cases the path is omitted and css is element.getAttribute('style') (null when absent).
// Where a case has `base`, css is additionally passed through rrweb-snapshot's absolutifyURLs(css, base),
// as rrweb's recorder does when it serialises a sheet.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const PEER = process.env.RRWEB_PEER || '/root/.cache/rrweb-peer';
const require = createRequire(path.join(PEER, 'package.json'));
const { chromium } = require('playwright-core');
const snapshotLib = await import(pathToFileURL(require.resolve('rrweb-snapshot')).href);
const absolutifyURLs = snapshotLib.absolutifyURLs;

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function argValue(name, dflt) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : dflt;
}

// ---------------------------------------------------------------------------------------------------------------
// In-page runner.
function pageRun(input) {
  const ruleList = (sheet, p) => {
    let list = sheet.cssRules;
    for (const i of p) {
      const r = list[i];
      if (!r || !r.cssRules) return null;
      list = r.cssRules;
    }
    return list;
  };
  const ruleAt = (sheet, p) => {
    let r = null;
    let list = sheet.cssRules;
    for (const i of p) {
      if (!list) return null;
      r = list[i];
      if (!r) return null;
      list = r.cssRules;
    }
    return r;
  };
  const joined = (sheet) => Array.from(sheet.cssRules, (r) => r.cssText).join('');
  const head = document.head;

  const out = { rules: [], sheets: [], decls: [], cases: [] };
  for (const rule of input.rules || []) {
    const el = document.createElement('style');
    head.appendChild(el);
    let res = null;
    try { el.sheet.insertRule(rule, 0); res = joined(el.sheet); } catch (e) { res = null; }
    el.remove();
    out.rules.push(res);
  }
  for (const text of input.sheets || []) {
    const el = document.createElement('style');
    el.textContent = text;
    head.appendChild(el);
    out.sheets.push(joined(el.sheet));
    el.remove();
  }
  for (const text of input.decls || []) {
    const el = document.createElement('div');
    el.setAttribute('style', text);
    out.decls.push(el.style.cssText);
  }
  for (const c of input.cases || []) {
    const res = { steps: [] };
    if (c.kind === 'inline') {
      const el = document.createElement('div');
      if (c.text !== null && c.text !== undefined) el.setAttribute('style', c.text);
      res.initial = el.getAttribute('style');
      for (const op of c.ops) {
        const step = { ok: true };
        try {
          if (op.op === 'set') el.style.setProperty(op.name, op.value, op.priority || '');
          else if (op.op === 'remove') el.style.removeProperty(op.name);
          else if (op.op === 'attr') el.setAttribute('style', op.text);
          else throw new TypeError('unknown op ' + op.op);
        } catch (e) { step.ok = false; step.err = e.name; }
        step.css = el.getAttribute('style');
        res.steps.push(step);
      }
      out.cases.push(res);
      continue;
    }
    let el = null;
    let sheet;
    if (c.kind === 'style') {
      el = document.createElement('style');
      el.textContent = c.text || '';
      head.appendChild(el);
      sheet = el.sheet;
    } else {
      sheet = new CSSStyleSheet();
      try { sheet.replaceSync(c.text || ''); } catch (e) { res.initialErr = e.name; }
    }
    res.initial = joined(sheet);
    for (const op of c.ops) {
      const step = { ok: true };
      try {
        if (op.op === 'insert' || op.op === 'delete') {
          const idx = op.index === undefined || op.index === null ? [] : (Array.isArray(op.index) ? op.index : [op.index]);
          let target = sheet;
          if (idx.length > 1) {
            target = ruleAt(sheet, idx.slice(0, -1));
            if (!target || !target.insertRule) throw new TypeError('no grouping rule');
          }
          const last = idx.length ? idx[idx.length - 1] : undefined;
          if (op.op === 'insert') {
            if (last === undefined) target.insertRule(op.rule); else target.insertRule(op.rule, last);
          } else {
            if (target.deleteRule) target.deleteRule(last); else throw new TypeError('no deleteRule');
          }
        } else if (op.op === 'set' || op.op === 'remove') {
          const r = ruleAt(sheet, op.path);
          if (!r || !r.style) throw new TypeError('no style rule');
          if (op.op === 'set') r.style.setProperty(op.name, op.value, op.priority || '');
          else r.style.removeProperty(op.name);
        } else if (op.op === 'replace') {
          sheet.replaceSync(op.text);
        } else if (op.op === 'text') {
          el.textContent = op.text;
          sheet = el.sheet;
        } else throw new TypeError('unknown op ' + op.op);
      } catch (e) { step.ok = false; step.err = e.name; }
      step.css = joined(sheet);
      res.steps.push(step);
    }
    if (el) el.remove();
    out.cases.push(res);
  }
  return out;
}

async function withPage(fn) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'css-truth-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: '/usr/bin/chromium', headless: true, args: ARGS, ignoreDefaultArgs: ['--enable-automation'],
  });
  try {
    await context.route('**/*', (route) => route.abort());
    const page = context.pages()[0] || await context.newPage();
    await page.setContent('<!DOCTYPE html><html><head><title>t</title></head><body><div id="t"></div></body></html>');
    const version = context.browser() ? context.browser().version() : '';
    return await fn(page, version);
  } finally {
    await context.close().catch(() => {});
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function runAll(page, input) {
  // Chunk to keep each evaluate() small.
  const out = { rules: [], sheets: [], decls: [], cases: [] };
  const N = 400;
  for (const key of ['rules', 'sheets', 'decls', 'cases']) {
    const items = input[key] || [];
    for (let i = 0; i < items.length; i += N) {
      const part = await page.evaluate(pageRun, { [key]: items.slice(i, i + N) });
      out[key].push(...part[key]);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Corpus mining.
function loadJson(p) {
  let buf = fs.readFileSync(p);
  if (p.endsWith('.gz')) buf = zlib.gunzipSync(buf);
  return JSON.parse(buf.toString('utf8'));
}

function findFiles(dir) {
  const found = [];
  const stack = [dir];
  while (stack.length) {
    const d = stack.pop();
    let entries = [];
    try { entries = fs.readdirSync(d, { withFileTypes: true }); } catch (e) { continue; }
    for (const e of entries) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) stack.push(p);
      else if (/^(events|probes)\.json(\.gz)?$/.test(e.name)) found.push(p);
    }
  }
  return found.sort();
}

// CSS files that shared/peer/setup.sh installs (select2, TodoMVC apps, playwright's own UI): a sample of their
// top-level rules, split by brace depth.
function minePeerCss(peer) {
  const files = [];
  const stack = [peer];
  while (stack.length) {
    const d = stack.pop();
    let entries = [];
    try { entries = fs.readdirSync(d, { withFileTypes: true }); } catch (e) { continue; }
    for (const e of entries) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) stack.push(p);
      else if (e.name.endsWith('.css')) files.push(p);
    }
  }
  const seen = new Set();
  const rules = [];
  for (const f of files.sort()) {
    const text = fs.readFileSync(f, 'utf8');
    if (seen.has(text)) continue;
    seen.add(text);
    const clean = text.replace(/\/\*[\s\S]*?\*\//g, '');
    for (const r of splitTopLevel(clean)) rules.push(r.replace(/\s+/g, ' '));
  }
  return rules;
}

function mineCorpus(dir) {
  const m = { cssText: new Set(), styleText: new Set(), rules: new Set(), styleAttr: new Set(), diffs: [],
    declSets: [], replaces: new Set() };
  const diffKeys = new Set();
  const walk = (root) => {
    const stack = [[root, null]];
    while (stack.length) {
      const [n, parentTag] = stack.pop();
      if (!n || typeof n !== 'object') continue;
      const a = n.attributes || {};
      if (typeof a._cssText === 'string') m.cssText.add(a._cssText);
      if (typeof a.style === 'string') m.styleAttr.add(a.style);
      if (n.type === 3 && parentTag === 'style' && n.textContent) m.styleText.add(n.textContent);
      for (const c of n.childNodes || []) stack.push([c, n.tagName]);
    }
  };
  for (const f of findFiles(dir)) {
    let data;
    try { data = loadJson(f); } catch (e) { continue; }
    if (!Array.isArray(data)) continue;
    const lastStyle = new Map();
    for (const e of data) {
      if (!e || typeof e !== 'object') continue;
      if (e.node && e.type === undefined) { walk(e.node); continue; }
      const d = e.data || {};
      if (e.type === 2) walk(d.node);
      if (e.type !== 3) continue;
      if (d.source === 0) {
        for (const a of d.adds || []) walk(a.node);
        for (const at of d.attributes || []) {
          const st = at.attributes && at.attributes.style;
          if (typeof st === 'string') { m.styleAttr.add(st); lastStyle.set(at.id, st); }
          else if (st && typeof st === 'object') {
            const key = JSON.stringify([lastStyle.get(at.id) ?? null, st]);
            if (!diffKeys.has(key)) { diffKeys.add(key); m.diffs.push([lastStyle.get(at.id) ?? null, st]); }
          }
          if (at.attributes && typeof at.attributes._cssText === 'string') m.cssText.add(at.attributes._cssText);
        }
        for (const t of d.texts || []) if (typeof t.value === 'string' && /[{}]/.test(t.value)) m.styleText.add(t.value);
      } else if (d.source === 8) {
        for (const a of d.adds || []) if (typeof a.rule === 'string') m.rules.add(a.rule);
        if (typeof d.replace === 'string') m.replaces.add(d.replace);
        if (typeof d.replaceSync === 'string') m.replaces.add(d.replaceSync);
      } else if (d.source === 13) {
        if (d.set) m.declSets.push(d.set);
      } else if (d.source === 15) {
        for (const s of d.styles || []) for (const r of s.rules || []) if (typeof r.rule === 'string') m.rules.add(r.rule);
      }
    }
  }
  return m;
}

// ---------------------------------------------------------------------------------------------------------------
// Hand-written inputs.
const PROPERTY_VALUES = {
  color: ['red', 'RED', '#f00', '#F00', '#ff0000', '#ff000080', '#f008', '#abc', '#ABCDEF', 'rgb(255,0,0)',
    'rgb(255 0 0)', 'rgb(255 0 0 / 50%)', 'rgb(255 0 0 / .5)', 'rgba(0,0,0,.5)', 'rgba(0, 0, 0, 0)',
    'rgba(0,0,0,1)', 'rgb(100%, 0%, 0%)', 'rgb(10.5, 20.4, 30.6)', 'rgb(300, -5, 0)', 'rgba(1,2,3,50%)',
    'hsl(120, 100%, 50%)', 'hsl(120deg 100% 25% / 0.5)', 'hsla(0, 100%, 50%, .3)', 'hsl(0.5turn 50% 50%)',
    'transparent', 'currentcolor', 'currentColor', 'inherit', 'initial', 'unset', 'revert', 'revert-layer',
    'rebeccapurple', 'ButtonText', 'hwb(120 0% 0%)', 'lab(50% 20 30)', 'oklch(60% 0.1 200)',
    'color-mix(in srgb, red, blue)', 'var(--c)', 'var(--c, #fff)', 'light-dark(#fff, #000)', 'notacolor', '#ggg',
    '#12345', 'rgb(1,2)', '-webkit-link', 'red !important', 'red!important', 'red ! important', 'red !IMPORTANT'],
  'background-color': ['#fff', 'rgba(255, 255, 255, 0.85)', 'transparent', 'inherit', 'none'],
  margin: ['0', '0 auto', '1px 2px', '1px 2px 3px', '1px 2px 3px 4px', '1px 1px 1px 1px', '1px 2px 1px 2px',
    '1px 2px 3px 2px', '-1px', '.5em', '0.50em', '10%', 'auto', '1e1px', '1E2px', '+1px', '1PX', '5', 'calc(1px + 2px)',
    'calc( 100% - 10px )', 'calc(100% - (2 * 10px))', 'min(1px, 2vw)', 'max(10px,5%)', 'clamp(1rem, 2.5vw, 2rem)',
    'var(--m)', '1px var(--m)', 'inherit', '1px 2px 3px 4px 5px', '1px !important', 'calc(2 * 3px)'],
  'margin-top': ['0', '0px', '-0', '0.0', '+0', '1.0px', '1.50px', '0.1px', '.1em', '1q', '1Q', '1in', '1cm', '1mm',
    '1pt', '1pc', '1ex', '1ch', '1rem', '1vw', '1vh', '1vmin', '1vmax', '1svh', '1dvh', '1lh', '1cqw', '100000000px',
    '1.23456789px', '0.000001px', '1e-7px', '3.14159265px', 'auto', 'AUTO', 'calc(10px)', 'calc(1px*2)', '5%'],
  padding: ['0', '1px 2px', '1px 2px 3px 4px', '-1px', 'auto', '0 0 0 0', '10px 0'],
  'padding-left': ['0', '5px', '1.5em', '-1px'],
  border: ['1px solid red', '1px solid', 'solid', 'none', '0', '0 none', 'thin dotted #000', 'red 2px dashed',
    '2px double rgb(0,0,0)', 'medium none currentcolor', '1px solid transparent', 'inherit', 'initial', 'unset',
    '1px solid red red', 'thick', 'hidden', '3px groove', '1px inset blue', 'var(--b)', '1px solid var(--c)'],
  'border-top': ['1px solid red', 'none', '0', '2px dotted'],
  'border-bottom': ['1px solid #eee', 'thin'],
  'border-left': ['3px solid rgba(0,0,0,.1)'],
  'border-right': ['0 none'],
  'border-width': ['1px', '1px 2px', '1px 2px 3px', '1px 2px 3px 4px', 'thin medium thick', '0'],
  'border-style': ['solid', 'solid dashed', 'none solid none solid'],
  'border-color': ['red', 'red blue', 'red blue green', '#000 #111 #222 #333', 'transparent'],
  'border-radius': ['4px', '50%', '4px 8px', '1px 2px 3px 4px', '10px / 20px', '1px 2px / 3px 4px', '0',
    '2px 2px 2px 2px', '1px 2px 3px 4px / 5px 6px 7px 8px'],
  'border-top-left-radius': ['4px', '4px 8px', '4px 4px'],
  'border-collapse': ['collapse'],
  'border-spacing': ['0', '2px 4px', '2px 2px'],
  'border-image': ['none', 'url(a.png) 30 round', 'linear-gradient(red, blue) 1'],
  outline: ['1px solid red', 'none', '0', 'red solid 1px', '2px dotted', 'thin', 'auto', '1px solid', 'invert',
    '5px auto -webkit-focus-ring-color', '0 none'],
  'outline-offset': ['0', '-2px'],
  background: ['red', '#fff', 'none', 'transparent', 'url(a.png)', 'url("a.png") no-repeat', "url('a.png') center / cover",
    'url(a.png) no-repeat 0 0', 'url(a.png) repeat-x left top #fff', 'linear-gradient(to right, red, blue)',
    'linear-gradient(90deg,#fff 0%,#000 100%)', 'radial-gradient(circle, red, blue)', 'rgba(0,0,0,.5)',
    'url(a.png), url(b.png)', 'red url(a.png)', '0 0', 'inherit', 'initial', 'var(--bg)',
    'url(a.png) 50% 50% / 10px 20px no-repeat fixed padding-box border-box red',
    '-webkit-linear-gradient(top, #fff, #000)', 'center', 'no-repeat', 'url(data:image/png;base64,iVBORw0KGgo=)',
    'url(x.svg) no-repeat right 8px center / 12px', 'repeating-linear-gradient(45deg, red 0 10px, blue 10px 20px)'],
  'background-image': ['none', 'url(a.png)', 'url( "a b.png" )', "url('a\"b.png')", 'url(a.png), none',
    'linear-gradient(red,blue)', 'linear-gradient(to bottom, rgba(255,255,255,0) 0%, #fff 100%)',
    'image-set("a.png" 1x, "b.png" 2x)', '-webkit-image-set(url(a.png) 1x)', 'conic-gradient(red, blue)'],
  'background-position': ['0 0', 'center', 'left top', '50% 50%', 'right 10px bottom 5px', 'center center', 'top',
    '10px', '0px 0px, 10px 10px'],
  'background-size': ['cover', 'contain', '100%', '100% 100%', 'auto', 'auto auto', '10px 20px'],
  'background-repeat': ['no-repeat', 'repeat-x', 'repeat no-repeat', 'repeat repeat', 'space round'],
  'background-clip': ['text', 'padding-box', 'border-box'],
  '-webkit-background-clip': ['text', 'padding-box'],
  'background-attachment': ['fixed'],
  'background-origin': ['content-box'],
  font: ['12px Arial', 'bold 12px/1.5 "Helvetica Neue", Arial, sans-serif', 'italic small-caps bold 16px/2 cursive',
    '16px serif', 'inherit', '1em/normal sans-serif', 'normal normal 400 12px / 18px monospace', 'caption', 'menu',
    'icon', '700 1rem system-ui', 'italic 12px Georgia', 'x', '12px', 'var(--f)', '12px/1.2 -apple-system, BlinkMacSystemFont',
    'normal 12px Arial', 'condensed 12px Arial', 'oblique 10deg 12px serif', 'small-caps 12px a'],
  'font-family': ['Arial', 'arial', '"Helvetica Neue", Arial', "'Open Sans', sans-serif", 'Times New Roman, serif',
    'a  b', '"a"', 'system-ui', '-apple-system', 'monospace, monospace', '"Segoe UI Emoji"', 'inherit', 'Font Awesome\\ 5 Free',
    '"a,b"', "'x'"],
  'font-weight': ['bold', 'normal', '400', '700', '550', 'bolder', 'lighter', '1000', '0', '1001', '100.5'],
  'font-size': ['12px', '1.2em', 'small', 'larger', '100%', '0', 'calc(1em + 2px)', 'xx-large', 'math'],
  'font-style': ['italic', 'oblique', 'oblique 10deg', 'normal'],
  'font-variant': ['small-caps', 'normal', 'none', 'all-small-caps'],
  'font-stretch': ['condensed', '50%'],
  'font-feature-settings': ['"liga" 1', '"kern"', 'normal', '"liga" on'],
  'font-display': ['swap'],
  'line-height': ['1', '1.5', '0', '0px', '150%', 'normal', '20px', '1.50', '.8'],
  'letter-spacing': ['0', '0.5px', 'normal', '-.02em'],
  'word-spacing': ['1px', '0', 'normal'],
  'text-decoration': ['none', 'underline', 'underline red', 'underline dotted red', 'line-through', 'underline overline',
    'red underline wavy', 'inherit', 'underline 2px'],
  'text-decoration-line': ['underline'],
  'text-decoration-color': ['red'],
  'text-decoration-thickness': ['2px', 'from-font'],
  'text-underline-offset': ['2px'],
  'text-align': ['center', 'left', 'justify', '-webkit-center', 'start', 'match-parent'],
  'text-transform': ['uppercase', 'none'],
  'text-overflow': ['ellipsis', 'clip'],
  'text-shadow': ['none', '1px 1px 2px black', '0 0 1px #000', '1px 1px red, 2px 2px blue', '#000 1px 1px'],
  'text-indent': ['0', '-9999px', '2em'],
  'white-space': ['nowrap', 'pre', 'pre-wrap', 'pre-line', 'normal', 'break-spaces'],
  'word-break': ['break-all', 'break-word', 'keep-all'],
  'word-wrap': ['break-word', 'normal'],
  'overflow-wrap': ['break-word', 'anywhere'],
  'vertical-align': ['middle', 'top', '-2px', 'baseline', 'text-bottom', '10%'],
  display: ['none', 'block', 'inline-block', 'flex', 'inline-flex', 'grid', 'inline-grid', 'table', 'table-cell',
    'contents', 'list-item', '-webkit-box', '-webkit-flex', '-ms-flexbox', 'block flow', 'inline flow-root', 'flow-root',
    'BLOCK', 'foo', 'block !important', 'inline list-item', '-webkit-inline-box'],
  position: ['absolute', 'relative', 'fixed', 'sticky', '-webkit-sticky', 'static'],
  top: ['0', '50%', 'auto', '-1px', 'calc(50% - 10px)'],
  left: ['0', '-9999px'],
  inset: ['0', '0 auto', '1px 2px 3px 4px', 'auto', '0px 0px 0px 0px'],
  'inset-inline': ['0', '1px 2px'],
  'inset-block-start': ['0'],
  width: ['100%', '0', 'auto', '10px', 'fit-content', 'max-content', 'min-content', '-webkit-fill-available',
    'calc(100% - 20px)', 'calc(100%/3)', 'calc(100% / 3 - 2 * 1em)', '-moz-available', 'stretch', '50vw', '-1px',
    'calc(100% - -10px)', 'calc(1px + 2em + 3px)', 'calc((100% - 10px) / 2)', 'calc(100% + var(--x))'],
  height: ['100vh', '0', 'auto', '1px'],
  'min-width': ['0', 'auto', '100px'],
  'max-width': ['none', '100%', '1200px'],
  'min-height': ['0', '100vh'],
  'max-height': ['none', '0'],
  'aspect-ratio': ['16 / 9', '16/9', '1', 'auto', 'auto 1 / 1'],
  'box-sizing': ['border-box', 'content-box'],
  '-webkit-box-sizing': ['border-box'],
  '-moz-box-sizing': ['border-box'],
  'box-shadow': ['none', '0 0 0 1px red', '0 1px 2px rgba(0,0,0,.2)', 'inset 0 1px 0 #fff', '0 1px 2px 0 rgba(0,0,0,.1), 0 0 0 1px #eee',
    '1px 1px red inset', 'red 0 0 1px', '0 0 0 0 transparent'],
  '-webkit-box-shadow': ['0 0 1px red'],
  opacity: ['0', '1', '.5', '0.50', '50%', '1.5', '-1'],
  'z-index': ['1', '-1', 'auto', '9999', '10.5', '2147483647'],
  flex: ['1', '1 1 0', '1 1 0%', '1 1 auto', 'none', 'auto', '0 0 auto', '2 2', '1 0 100px', '100px', '0', 'initial',
    '1 1', '0 1 auto', '1 0', 'var(--f)'],
  '-webkit-flex': ['1'],
  '-ms-flex': ['1'],
  'flex-grow': ['1', '0', '1.5'],
  'flex-shrink': ['0'],
  'flex-basis': ['0', 'auto', '100px', '50%', 'content'],
  'flex-direction': ['column', 'row-reverse'],
  'flex-wrap': ['wrap', 'nowrap'],
  'flex-flow': ['row wrap', 'column', 'wrap', 'row nowrap', 'column-reverse wrap-reverse'],
  'justify-content': ['center', 'space-between', 'flex-start', 'start', 'normal', 'safe center', 'stretch', 'left'],
  'align-items': ['center', 'flex-start', 'baseline', 'first baseline', 'last baseline', 'stretch', 'normal'],
  'align-self': ['auto', 'center'],
  'align-content': ['space-around'],
  'justify-items': ['center', 'legacy', 'legacy left'],
  'justify-self': ['end'],
  'place-items': ['center', 'center start', 'start start'],
  'place-content': ['center', 'space-between center'],
  'place-self': ['center', 'auto'],
  order: ['1', '-1'],
  gap: ['10px', '10px 20px', '0', '1em 1em', 'normal'],
  'row-gap': ['5px'],
  'column-gap': ['normal', '1em'],
  'grid-gap': ['10px', '1px 2px'],
  'grid-template-columns': ['repeat(3, 1fr)', '1fr 1fr', '100px auto', 'repeat(auto-fill, minmax(200px, 1fr))',
    '[a] 1fr [b] 2fr', 'none', 'minmax(0,1fr)', 'subgrid', 'fit-content(100px)', 'repeat(2,minmax(0,1fr))'],
  'grid-template-rows': ['auto 1fr auto'],
  'grid-template-areas': ['"a b" "c d"', "'a' 'b'", 'none', '"a  b"  "c d"'],
  'grid-template': ['none', '"a" 1fr / auto'],
  'grid-area': ['a', '1 / 2', '1 / 2 / 3 / 4', 'auto', '1 / 1 / 1 / 1', 'a / b', 'span 2 / 3', 'a / a / a / a'],
  'grid-column': ['1 / 3', 'span 2', '1', '1 / -1', 'auto / auto', 'a', 'a / a'],
  'grid-row': ['1', '2 / span 3'],
  'grid-column-start': ['1', 'span 2'],
  'grid-auto-flow': ['row', 'column', 'dense', 'row dense', 'column dense'],
  'grid-auto-rows': ['100px', 'minmax(100px, auto)'],
  'grid-auto-columns': ['1fr'],
  'grid': ['none', 'auto-flow / 1fr 1fr', '100px / 200px'],
  transition: ['all 0.3s', 'all .3s ease', 'opacity 0.3s ease-in-out', 'none', 'color .2s, background-color .2s',
    'all 300ms', 'transform 0.3s cubic-bezier(0.4, 0, 0.2, 1) 0s', 'width 1s linear 2s', '0.5s', 'all 0s ease 0s',
    'opacity .15s linear,transform .15s linear', 'all 1s steps(4, end)', 'all 1s step-start', '.2s',
    'all 0.2s ease 0s', 'all', 'inherit', 'background-color 0.2s, color 0.2s'],
  'transition-property': ['opacity', 'opacity, transform', 'all', 'none'],
  'transition-duration': ['.3s', '0s', '300ms', '0.3s, 1s'],
  'transition-timing-function': ['ease', 'ease-in-out', 'cubic-bezier(0.25,0.1,0.25,1)', 'linear', 'steps(2)',
    'steps(2, start)', 'steps(2, jump-end)', 'cubic-bezier(.4,0,.2,1)', 'linear(0, 1)'],
  'transition-delay': ['0s', '-1s', '100ms'],
  '-webkit-transition': ['all .3s', 'opacity .2s ease'],
  animation: ['spin 1s linear infinite', 'fade 2s', 'none', 'x 1s ease 0s 1 normal none running', 'bounce 1s infinite alternate',
    '1s a', 'a 1s 2s', 'a 1s steps(3) both', 'spin 1s infinite linear', 'a 0.5s ease-out forwards, b 1s', 'pulse 2s cubic-bezier(.4,0,.6,1) infinite'],
  'animation-name': ['spin', 'none', 'a, b'],
  'animation-duration': ['1s', '.5s'],
  'animation-iteration-count': ['infinite', '2', '1.5'],
  'animation-fill-mode': ['forwards', 'both'],
  'animation-timing-function': ['ease-in'],
  'animation-delay': ['0s'],
  'animation-direction': ['alternate'],
  'animation-play-state': ['paused'],
  '-webkit-animation': ['spin 1s linear infinite'],
  transform: ['none', 'rotate(45deg)', 'translate(10px, 20px)', 'translateX(-50%)', 'translate(-50%,-50%)',
    'scale(1.5)', 'scale(1, 1)', 'translateY(0)', 'rotate(0)', 'matrix(1,0,0,1,0,0)', 'translate3d(0,0,0)',
    'translateZ(0)', 'skew(10deg, 20deg)', 'rotate(.5turn)', 'scale(0.95) translateY(2px)', 'perspective(100px) rotateX(10deg)',
    'translateY(0px) rotate(-164.967deg)', 'rotate(47.7deg)', 'rotate(-45DEG)', 'translate(10px)'],
  '-webkit-transform': ['translateZ(0)', 'rotate(45deg)'],
  '-ms-transform': ['rotate(45deg)'],
  'transform-origin': ['center', '0 0', 'top left', '50% 50%', 'left', 'center center', '50% 50% 0', 'bottom right 10px'],
  translate: ['10px', '10px 20px', '0'],
  rotate: ['45deg', 'x 90deg', 'none'],
  scale: ['1.5', '1 2'],
  perspective: ['1000px', 'none'],
  'will-change': ['transform', 'opacity, transform', 'auto'],
  'backface-visibility': ['hidden'],
  '-webkit-backface-visibility': ['hidden'],
  filter: ['blur(5px)', 'none', 'grayscale(100%)', 'drop-shadow(0 0 2px #000)', 'brightness(0.5) contrast(1.2)', 'url(#f)'],
  'backdrop-filter': ['blur(10px)'],
  '-webkit-backdrop-filter': ['blur(10px)'],
  'mix-blend-mode': ['multiply'],
  'clip-path': ['inset(50%)', 'circle(50% at 50% 50%)', 'polygon(0 0, 100% 0, 100% 100%)', 'none', 'url(#c)'],
  clip: ['rect(0 0 0 0)', 'rect(0,0,0,0)', 'rect(1px, 2px, 3px, 4px)', 'auto'],
  overflow: ['hidden', 'auto', 'scroll', 'visible', 'hidden auto', 'auto hidden', 'hidden hidden', 'clip', 'overlay'],
  'overflow-x': ['hidden', 'auto'],
  'overflow-y': ['scroll', 'overlay'],
  'overflow-anchor': ['none'],
  'overscroll-behavior': ['contain', 'none auto'],
  'scroll-behavior': ['smooth'],
  'scroll-snap-type': ['x mandatory'],
  'scrollbar-width': ['none', 'thin'],
  'scrollbar-color': ['red blue'],
  '-webkit-overflow-scrolling': ['touch'],
  '-ms-overflow-style': ['none'],
  visibility: ['hidden', 'visible', 'collapse'],
  cursor: ['pointer', 'default', 'not-allowed', 'url(c.cur), auto', 'url(c.png) 4 4, pointer', 'grab', '-webkit-grab', 'hand'],
  'pointer-events': ['none', 'auto', 'all'],
  'user-select': ['none', 'text', 'all'],
  '-webkit-user-select': ['none'],
  '-moz-user-select': ['none'],
  '-ms-user-select': ['none'],
  '-webkit-tap-highlight-color': ['transparent', 'rgba(0,0,0,0)'],
  '-webkit-font-smoothing': ['antialiased'],
  '-moz-osx-font-smoothing': ['grayscale'],
  '-webkit-text-size-adjust': ['100%', 'none'],
  'text-size-adjust': ['100%'],
  '-webkit-appearance': ['none', 'button'],
  '-moz-appearance': ['none', 'textfield'],
  appearance: ['none', 'auto'],
  '-webkit-line-clamp': ['2', 'none'],
  '-webkit-box-orient': ['vertical'],
  '-webkit-text-fill-color': ['transparent'],
  '-webkit-text-stroke': ['1px red'],
  '-webkit-mask-image': ['url(m.svg)', 'linear-gradient(#000, transparent)'],
  'mask': ['url(m.svg) no-repeat center'],
  'list-style': ['none', 'disc', 'square inside', 'decimal outside none', 'url(a.png)', 'none inside', 'inside',
    'circle url(a.png) outside', 'disc outside none'],
  'list-style-type': ['none', 'disc', '"-"', 'lower-roman'],
  'list-style-position': ['inside'],
  'list-style-image': ['none', 'url(a.png)'],
  content: ['""', "''", '"a"', "'a'", 'none', 'normal', 'attr(title)', 'counter(x)', '"\\201C"', '"\\f101"', "'\\e900'",
    'open-quote', '"a" attr(x) "b"', 'url(a.png)', '"\'"', "'\"'", '"a\\"b"', '"\\\\"', '"\\a"', 'counters(item, ".")',
    '"\\00a0"', '"→"', '""/""', '"x" / "alt"'],
  quotes: ['none', '"«" "»"'],
  'counter-reset': ['item', 'item 0', 'none', 'a 1 b'],
  'counter-increment': ['item', 'item 1'],
  float: ['left', 'right', 'none'],
  clear: ['both'],
  resize: ['none', 'vertical'],
  'table-layout': ['fixed'],
  'caption-side': ['bottom'],
  'empty-cells': ['hide'],
  direction: ['rtl'],
  'unicode-bidi': ['isolate'],
  'writing-mode': ['vertical-rl', 'tb-rl'],
  'object-fit': ['cover', 'contain'],
  'object-position': ['center', '50% 50%', 'top'],
  'image-rendering': ['pixelated', '-webkit-optimize-contrast', 'crisp-edges'],
  'isolation': ['isolate'],
  contain: ['strict', 'layout paint', 'content', 'paint layout', 'size layout paint style'],
  'content-visibility': ['auto'],
  'contain-intrinsic-size': ['auto 500px', '100px'],
  'container-type': ['inline-size'],
  'container-name': ['sidebar'],
  container: ['sidebar / inline-size', 'a'],
  'accent-color': ['red', 'auto'],
  'caret-color': ['transparent', 'auto'],
  'color-scheme': ['light dark', 'normal'],
  'forced-color-adjust': ['none'],
  'print-color-adjust': ['exact'],
  '-webkit-print-color-adjust': ['exact'],
  'touch-action': ['none', 'manipulation', 'pan-x pan-y', 'pan-y'],
  'columns': ['2', '2 200px', 'auto'],
  'column-count': ['3'],
  'column-rule': ['1px solid #ccc'],
  'column-width': ['200px'],
  'column-span': ['all'],
  'break-inside': ['avoid'],
  'page-break-inside': ['avoid'],
  'page-break-after': ['always'],
  'tab-size': ['4', '2em'],
  '-moz-tab-size': ['4'],
  hyphens: ['auto'],
  '-webkit-hyphens': ['auto'],
  'text-rendering': ['optimizeLegibility', 'geometricPrecision'],
  'font-kerning': ['normal'],
  'font-variant-numeric': ['tabular-nums', 'lining-nums tabular-nums'],
  'font-variant-ligatures': ['none', 'common-ligatures'],
  'font-synthesis': ['none'],
  'font-optical-sizing': ['auto'],
  'vertical-text': ['x'],
  'text-wrap': ['balance', 'wrap', 'pretty', 'nowrap'],
  'text-align-last': ['justify'],
  'text-emphasis': ['dot red'],
  'stroke': ['red', 'none', 'currentColor', '#000'],
  'stroke-width': ['2', '2px', '0'],
  'stroke-dasharray': ['5, 5', '5 5', 'none'],
  'stroke-linecap': ['round'],
  fill: ['red', 'none', 'currentcolor', 'url(#g)', '#fff'],
  'fill-opacity': ['0.5'],
  'fill-rule': ['evenodd'],
  r: ['5', '5px'],
  cx: ['10'],
  d: ['path("M 0 0 L 10 10")', 'none'],
  'stop-color': ['#fff'],
  zoom: ['1', '1.5', '150%', 'normal', 'reset'],
  all: ['unset', 'initial', 'inherit', 'revert'],
  'border-block': ['1px solid red'],
  'border-inline-start': ['1px solid'],
  'border-inline': ['0'],
  'margin-inline': ['auto', '0 auto', '1px 1px'],
  'margin-block': ['0', '1em 0'],
  'margin-inline-start': ['0'],
  'padding-inline': ['1rem'],
  'padding-block': ['1px 2px'],
  'padding-block-start': ['0'],
  'inline-size': ['100%'],
  'block-size': ['auto'],
  'min-inline-size': ['0'],
  'offset-path': ['none'],
  '--x': ['1px', ' 1px ', '#FFF', 'red  blue', '{a:b}', '', ' ', 'calc( 1px + 2px )', '"str"', '0', '1px !important',
    'a/**/b', 'var(--y)', '  x  y  ', '[1,2]', 'url(a.png)', ';', '!important'],
  '--X-Case': ['1'],
  '--': ['1'],
  '--a-b_c': ['red'],
  '-webkit-unknown-thing': ['1px'],
  'unknown-property': ['1px'],
  'colr': ['red'],
  'COLOR': ['red'],
  'Background-Color': ['red'],
  '-webkit-text-decoration': ['underline'],
  '-webkit-border-radius': ['3px', '3px 4px'],
  '-moz-border-radius': ['3px'],
  '-webkit-box-flex': ['1'],
  '-webkit-box-pack': ['center'],
  '-webkit-box-align': ['center'],
  '-webkit-flex-direction': ['column'],
  '-webkit-align-items': ['center'],
  '-webkit-justify-content': ['center'],
  '-webkit-flex-wrap': ['wrap'],
  '-webkit-box-direction': ['normal'],
  '-webkit-box-ordinal-group': ['2'],
  '-webkit-flex-shrink': ['0'],
  '-webkit-order': ['1'],
  '-webkit-user-drag': ['none'],
  '-webkit-touch-callout': ['none'],
  '-webkit-animation-name': ['x'],
  '-webkit-transition-property': ['opacity'],
  '-webkit-margin-before': ['0'],
  '-webkit-padding-start': ['40px'],
  '-webkit-column-count': ['2'],
  '-webkit-filter': ['blur(1px)'],
  '-webkit-mask': ['none'],
  '-webkit-perspective': ['1000'],
  '-webkit-transform-style': ['preserve-3d'],
  '-webkit-font-feature-settings': ['"liga"'],
  '-webkit-writing-mode': ['vertical-lr'],
  '-ms-filter': ['"progid:DXImageTransform.Microsoft.Alpha(Opacity=50)"'],
  filterx: ['alpha(opacity=50)'],
  '*zoom': ['1'],
  '_height': ['1px'],
  'speak': ['none'],
  'src': ['url(a.woff)'],
  'unicode-range': ['U+0000-00FF'],
  'size': ['A4'],
};

// Whole declaration blocks (also used as style attributes).
const DECL_BLOCKS = [
  'color: red', 'color:red;', 'color: red;;', ';color: red', 'color: red; color: blue', 'color: red !important; color: blue',
  'color: blue; color: red !important', 'margin: 0; margin-top: 5px', 'margin-top: 5px; margin: 0',
  'margin-top: 1px; margin-right: 1px; margin-bottom: 1px; margin-left: 1px',
  'margin-top: 1px; margin-right: 2px; margin-bottom: 1px', 'margin-left: 1px; margin-top: 1px; margin-right: 1px; margin-bottom: 1px',
  'margin-top: 1px !important; margin-right: 1px; margin-bottom: 1px; margin-left: 1px',
  'padding: 1px; padding-left: 0', 'border: 1px solid red; border-left: 0', 'border: 1px solid red; border-top-color: blue',
  'border: 1px solid red; border-width: 2px', 'border-width: 1px; border-style: solid; border-color: red',
  'border-top: 1px solid red; border-right: 1px solid red; border-bottom: 1px solid red; border-left: 1px solid red',
  'border-top: 1px solid red; border-right: 1px solid red; border-bottom: 1px solid red; border-left: 1px solid blue',
  'border: 1px solid red; border-image: none', 'border: none; border-radius: 4px',
  'outline: 0; outline-offset: 2px', 'background: red; background-image: url(a.png)', 'background-color: red; background-image: none',
  'background: url(a.png) no-repeat; background-size: cover', 'background: none; background-color: red',
  'font: 12px Arial; font-weight: bold', 'font-family: Arial; font-size: 12px', 'font-size: 12px; line-height: 1; font-family: a',
  'flex: 1; flex-basis: auto', 'flex-grow: 1; flex-shrink: 1; flex-basis: 0%', 'flex-direction: column; flex-wrap: wrap',
  'overflow-x: hidden; overflow-y: hidden', 'overflow-x: hidden; overflow-y: auto', 'overflow: hidden; overflow-y: scroll',
  'transition: opacity .3s; transition-delay: 1s', 'transition-property: opacity; transition-duration: 1s',
  'list-style: none; list-style-type: disc', 'text-decoration: underline; text-decoration-color: red',
  'gap: 1px; row-gap: 2px', 'grid-area: a; grid-row-start: 2', 'inset: 0; top: 1px', 'top: 0; right: 0; bottom: 0; left: 0',
  'animation: a 1s; animation-delay: 2s', 'place-items: center; align-items: start',
  '--a: 1; color: var(--a)', 'margin: var(--m); margin-top: 1px', 'color: red; --x: y', 'color: red; foo: bar; background: blue',
  'color: ; background: blue', 'color: red background: blue', 'color red; background: blue', ': red; color: blue',
  'color: red; }', '{color: red}', 'color: red; /* c */ background: blue', '/* only */', '', '   ', 'color: red !ie',
  'width: 10px; width: 20px !important; width: 30px', 'width: 10px !important; width: 20px !important',
  'position: absolute; top: 0px; left: 0px; width: 100%; height: 100%',
  'display: -webkit-box; display: -ms-flexbox; display: flex', 'display: flex; display: -webkit-box',
  'transform: translate(0px, 0px); opacity: 1', 'visibility: visible; opacity: 1; transform: none',
  'border-radius: 4px; border-top-left-radius: 0', 'border-top-left-radius: 1px; border-top-right-radius: 1px; border-bottom-right-radius: 1px; border-bottom-left-radius: 1px',
  'margin-inline-start: 1px; margin-inline-end: 1px', 'padding-block: 1px; padding-inline: 2px',
  'background-position: 0 0; background-repeat: no-repeat', 'background-position-x: 0; background-position-y: 0',
  'font-style: italic; font-variant: small-caps; font-weight: bold; font-stretch: normal; font-size: 12px; line-height: 1; font-family: serif',
  'columns: 2; column-gap: 1em', 'text-overflow: ellipsis; white-space: nowrap; overflow: hidden',
  'z-index: 1; position: relative', 'cursor: pointer; user-select: none', 'content: ""; display: block',
  'COLOR: RED', 'Margin-Top: 1PX', 'color:red;background:url(a.png)', 'background: URL(a.png)', 'color: rgb(0 0 0 / 0)',
  'width: calc(100% - 10px); height: calc(100vh - 2*10px)', '-webkit-transform: rotate(1deg); transform: rotate(1deg)',
  'transition: all 0.3s; -webkit-transition: all 0.3s', 'width: 1px; min-width: 2px; max-width: 3px',
  'border-color: red; border-style: solid', 'border-bottom: 1px solid; border-bottom-color: red',
  'border-left-width: 0; border-right-width: 0', 'text-align: center; vertical-align: middle',
  'grid-template-columns: 1fr; grid-template-rows: auto; grid-template-areas: none',
  'grid-row-start: 1; grid-row-end: 2; grid-column-start: 1; grid-column-end: 2',
  'border-spacing: 0; border-collapse: collapse', 'outline-color: red; outline-style: solid; outline-width: 1px',
  'margin: 0 !important', 'margin: 0 auto !important; margin-top: 1px', 'all: unset; color: red', 'color: red; all: unset',
  'white-space: nowrap; white-space-collapse: preserve', 'white-space-collapse: collapse; text-wrap-mode: nowrap',
  'text-wrap: balance', 'text-wrap-mode: wrap; text-wrap-style: balance',
];

const SELECTORS = [
  "[DATA-X]", "[Href=\"x\"]", "a[TARGET=_blank]", "A:NOT(.B)", ":is(a, :unknown)", ":where(a, ::before)",
  ":not(a, :unknown)", "a:has(> b, + c)", ".a > .b ~ .c + .d .e", "*.a", "*#b", "*[c]", "*:hover", "*::before",
  "a::-webkit-scrollbar-thumb:window-inactive", "::-webkit-scrollbar-thumb:vertical:hover",
  "::-webkit-scrollbar-button:single-button:decrement", "input::-webkit-slider-thumb",
  "video::-webkit-media-controls-panel", "::part(foo):hover", "::slotted(*)", "::slotted(a.b)", ":host(:hover) .x",
  ":host-context(body.dark)", ".a:nth-child(2n + 1 of .b, .c)", "li:nth-of-type(2n+1):not(:last-child)",
  "a:lang(\"en\")", "a:lang(en, fr)", "a:dir(ltr)", ":state(checked)", "a:popover-open", "dialog:modal",
  ":fullscreen", ":-webkit-full-screen", "a:-webkit-any(b, c)", "::cue", "::cue(b)", "::highlight(x)",
  "::view-transition-old(root)", "::view-transition-group(*)", "::file-selector-button", "::placeholder", "::marker",
  "::first-letter", ":first-letter", "a:FIRST-CHILD", "#a#b", ".a.a", "a[x=\"a\\\"b\"]", "a[x='a\"b']",
  "a[x=\"\\\\\"]", "a[x=\"\"]", "a[x=\"y\" s]", "a[x=\"y\" I]", "a[*|x]", "a[|x]", ".\\31 23", ".-\\31", ".\\-",
  ".a\\ b", "#\\#hash", ".\u65e5\u672c", ".emoji-\ud83d\ude00", ".a\\00000a", "b", "a\t>\tb", "a/**/b", "a /**/ b",
  "a>/**/b", "html body div#main > ul.nav li:first-child a[href^=\"http\"]:not(.external)::after",
  ".a:hover:focus:active", ".a::before:hover", ".a:hover::before:hover", ":root:not(.dark)", ":root", ":scope",
  ":focus:not(:focus-visible)", "a:any-link", "a:target-within", "input:user-invalid", "input:autofill",
  "input:read-write", "input:-moz-read-write", "p:empty::before", ".x:is()", ".x:where(.a, )", ".x:not(.a,)",
  ".x:has()",
  'a', 'A', 'DIV', 'div p', 'div  p', 'div>p', 'div > p', 'div+p', 'div ~ p', 'div~p', '*', '* > *', 'a,b', 'a , b',
  'a,\nb', '.a.b', '#id', '#ID .Cls', '.a .b', '[href]', '[href="x"]', "[href='x']", '[href=x]', '[href^="http"]',
  '[href$=".pdf"]', '[href*=a]', '[class~=a]', '[lang|=en]', '[type=text i]', '[ type = "text" ]', '[data-x="a b"]',
  'a:hover', 'a:HOVER', 'a::before', 'a:before', 'a:after', 'a::after', 'p::first-line', 'p:first-line',
  'input::placeholder', 'input::-webkit-input-placeholder', 'input:-ms-input-placeholder', '::-moz-selection',
  '::selection', 'li:nth-child(2n+1)', 'li:nth-child( 2n + 1 )', 'li:nth-child(odd)', 'li:nth-child(even)',
  'li:nth-child(2)', 'li:nth-child(-n+3)', 'li:nth-child(n)', 'li:nth-child(0n+1)', 'li:nth-of-type(3n)',
  'li:nth-last-child(1)', 'li:nth-child(2n of .a)', 'a:not(.b)', 'a:not(.b, .c)', 'a:not( .b )', ':is(a, b) c',
  ':where(.a,.b)', 'a:has(> img)', 'a:has(img)', ':root', 'html', 'body', ':focus-visible', ':focus-within',
  'a:-webkit-any-link', 'input:checked + label', 'input[type="checkbox"]:checked', ':lang(en)', ':dir(rtl)',
  'a:first-child', 'a:last-of-type', 'a:only-child', 'a:empty', 'a:link', 'a:visited', 'button:disabled',
  'button:enabled', 'input:required', 'input:invalid', 'details[open] > summary', 'svg|a', '*|a', '|a',
  'ns|*', '::-webkit-scrollbar', '::-webkit-scrollbar-thumb', '::-webkit-scrollbar-thumb:hover',
  '::-webkit-scrollbar:horizontal', 'a::marker', '::backdrop', 'dialog::backdrop', '::part(x)', ':host',
  ':host(.a)', ':host-context(.a)', '::slotted(span)', ':defined', 'custom-element:not(:defined)', '.a\\:b',
  '.\\31 0', '.a\\.b', '#\\31 23', '.sm\\:flex', '.w-1\\/2', '.\\@container', '[data-a\\:b]', '.a:is(.b)',
  ':nth-child(2n+1 of li)', 'a:matches(.b)', 'a:-webkit-autofill', 'input:-webkit-autofill:hover',
  ':-moz-focusring', 'a:focus:not(:focus-visible)', '.a::after:hover', 'a::before::after', 'a:hover::before',
  'a..b', 'a:', '.', '#', '[', 'a[', 'a[href', '::unknown-pseudo', ':unknown-pseudo', 'a:hover(x)', '> a', 'a >',
  'a,', ',a', 'a,,b', '.a .b .c .d .e', '.a.b.c', 'a#b.c[d]:hover::before', 'table td', 'ul li a', '.Abc-Def_ghi',
  '.-a', '._a', '.a1', '#a1', '.é', '[data-v-7231068e]', 'main[data-v-7231068e]', '.a[data-v-1]::after',
  '&', '.a &', 'a:where()', 'a:is()', ':not()', 'li:nth-child(2n+ 1)', 'li:nth-child(+5)', 'li:nth-child(-2n-1)',
  'li:nth-child(N)', 'li:nth-child(3n-0)', 'input:placeholder-shown', '.a:active', ':scope > a', ':has(+ .a)',
  'a:not([href])', 'a:NOT(.b)', ':is(h1, h2):hover', 'A:Hover', '.A', '#A', 'svg', 'SVG', 'foreignObject', 'clipPath',
];

const SHEETS = [
  '', ' ', '/* comment */', '/* a *//* b */', 'a{}', 'a {}', 'a { }', 'a{;}', 'a{color:red}', 'a{color:red;}b{color:blue}',
  'a { color: red } /* x */ b { color: blue }', 'a { color: red', 'a { color: red; ', 'a { color: "red', 'a {',
  '} a { color: red }', 'a { color: red } }', 'a { color: red } b', 'a { color: red } b {', '@media screen { a { color: red } }',
  '@media screen{a{color:red}b{color:blue}}', '@media (min-width:100px) and (max-width:200px) { a { color: red } }',
  '@media screen and (max-width: 600px) { }', '@media print { }', '@media { a { color: red } }', '@media all { a { color: red } }',
  '@media not all and (monochrome) { a { color: red } }', '@media (min-width: 640px) { .sm\\:flex { display: flex } }',
  '@media only screen and (-webkit-min-device-pixel-ratio: 2), (min-resolution: 192dpi) { a { color: red } }',
  '@media (prefers-reduced-motion: reduce) { *, ::before, ::after { animation-duration: .01ms !important } }',
  '@media (prefers-color-scheme: dark) { :root { --bg: #000 } }', '@media (width >= 600px) { a { color: red } }',
  '@media (400px <= width <= 700px) { a { color: red } }', '@media (hover: hover) and (pointer: fine) { a:hover { color: red } }',
  '@media screen, print { a { color: red } }', '@media SCREEN { a { color: red } }', '@media (MIN-WIDTH: 100PX) { a { color: red } }',
  '@media (min-width: 0) { a { color: red } }', '@media (orientation:landscape) { a { color: red } }',
  '@media (max-width: 599.98px) { a { color: red } }', '@media (min-aspect-ratio: 16/9) { a { color: red } }',
  '@media foo { a { color: red } }', '@media (foo) { a { color: red } }', '@media screen and { a { color: red } }',
  '@media (min-width: 100px) { @media (max-width: 200px) { a { color: red } } }',
  '@media print { @page { margin: 1cm } }',
  '@supports (display: grid) { a { display: grid } }', '@supports (display:grid) and (not (display:inline-grid)) { a { color: red } }',
  '@supports not (display: grid) { a { float: left } }', '@supports (--x: 1) { a { color: red } }',
  '@supports selector(:has(a)) { a { color: red } }', '@supports (display: flex) or (display: -webkit-box) { a { color: red } }',
  '@supports ((position: sticky) or (position: -webkit-sticky)) { a { top: 0 } }', '@supports (foo: bar) { a { color: red } }',
  '@supports foo { a { color: red } }',
  '@import url(a.css);', '@import "a.css";', "@import 'a.css' screen;", '@import url("a.css") print, screen;',
  '@import url(a.css) layer(base);', '@import url(a.css) supports(display: grid) screen;', 'a { color: red } @import "a.css";',
  '@charset "utf-8"; a { color: red }', '@charset "UTF-8";', '@namespace svg url(http://www.w3.org/2000/svg);',
  '@namespace url(http://www.w3.org/1999/xhtml);', '@namespace svg "http://www.w3.org/2000/svg"; svg|a { color: red }',
  '@font-face { font-family: "X"; src: url(x.woff2) format("woff2"), url(x.woff) format("woff"); font-weight: 400; font-style: normal; font-display: swap }',
  '@font-face { font-family: X; src: url(x.woff2) format(woff2); unicode-range: U+0000-00FF, U+0131 }',
  "@font-face{font-family:'Y';src:local('Y'),url('y.ttf') format('truetype')}", '@font-face { }', '@font-face { color: red }',
  '@font-face { font-family: X; src: url(x.woff); font-weight: 100 900; font-stretch: 75% 125% }',
  '@font-face { font-family: X; src: url(x.eot?#iefix) format("embedded-opentype") }',
  '@keyframes spin { from { transform: rotate(0deg) } to { transform: rotate(360deg) } }',
  '@keyframes fade { 0% { opacity: 0 } 50% { opacity: .5 } 100% { opacity: 1 } }', '@keyframes x { 0%, 100% { opacity: 0 } }',
  '@keyframes x { FROM { top: 0 } TO { top: 1px } }', '@keyframes x { 0.0% { top: 0 } 33.333% { top: 1px } }',
  '@-webkit-keyframes spin { from { -webkit-transform: rotate(0) } to { -webkit-transform: rotate(360deg) } }',
  '@keyframes "quoted" { from { top: 0 } }', '@keyframes x { }', '@keyframes x { foo { top: 0 } 10% { top: 1px } }',
  '@keyframes x { 10% { top: 0; animation-timing-function: ease-in } }', '@keyframes x { 10% { top: 0 !important; left: 0 } }',
  '@keyframes x { 0% { top: 0 } 0% { left: 0 } }', '@keyframes none { from { top: 0 } }', '@keyframes initial { from { top: 0 } }',
  '@keyframes x { entry 0% { top: 0 } }', '@keyframes x { 110% { top: 0 } }', '@-moz-keyframes x { from { top: 0 } }',
  '@page { margin: 1cm }', '@page :first { margin-top: 2cm }', '@page { size: A4; margin: 0 }', '@page wide { size: landscape }',
  '@page { @top-center { content: "x" } }',
  '@layer base;', '@layer base, components;', '@layer base { a { color: red } }', '@layer { a { color: red } }',
  '@layer a.b { a { color: red } }', '@layer base { @layer inner { a { color: red } } }',
  '@container (min-width: 400px) { a { color: red } }', '@container sidebar (min-width: 400px) { a { color: red } }',
  '@container style(--x: 1) { a { color: red } }', '@scope (.a) { b { color: red } }', '@scope (.a) to (.b) { c { color: red } }',
  '@property --x { syntax: "<length>"; inherits: false; initial-value: 0px }', '@property --y { syntax: "*"; inherits: true }',
  '@counter-style thumbs { system: cyclic; symbols: "👍"; suffix: " " }', '@font-feature-values Font One { @styleset { nice-style: 12 } }',
  '@starting-style { a { opacity: 0 } }', '@view-transition { navigation: auto }', '@position-try --x { top: 0 }',
  '@unknown { a { color: red } }', '@unknown foo;', '@-ms-viewport { width: device-width }', '@viewport { width: device-width }',
  '@media screen { @font-face { font-family: x } }', '@supports (display: grid) { @media screen { a { color: red } } }',
  'a { color: red; b { color: blue } }', '.a { &:hover { color: red } }', '.a { color: red; & .b { color: blue } }',
  '.a { .b { color: blue } color: red }', '.a { @media screen { color: red } }', '.a { > .b { color: red } }',
  'a { color: red } @media screen { b { color: blue } } c { color: green }',
  'a { background: url(a.png) } b { background: url("b.png") } c { background: url( \'c.png\' ) }',
  'a { background: url(data:image/svg+xml;charset=utf8,%3Csvg xmlns=%27http://www.w3.org/2000/svg%27%3E%3C/svg%3E) }',
  'a { background-image: url("data:image/svg+xml,<svg xmlns=\'http://www.w3.org/2000/svg\'></svg>") }',
  'a { background: url() }', 'a { background: url("") }', 'a { background: url(a b.png) }', 'a { background: url(a\\ b.png) }',
  'a { content: "\\"" }', "a { content: '\\'' }", 'a { content: "a\\\nb" }', 'a { content: "\\0" }', 'a { content: "\\10FFFF" }',
  'a { font-family: "\\"" }', 'a { quotes: "\\201C" "\\201D" }',
  '<!-- a { color: red } -->', 'a { color: red } <!-- b { color: blue } -->', '\ufeffa { color: red }',
  'a { color: red; } b { }', '@media screen { a { } }', 'a, b { color: red }', 'a,b,c { }', 'a:hover,a:focus{outline:0}',
  '*,*::before,*::after{box-sizing:border-box}', 'html{-webkit-text-size-adjust:100%;line-height:1.15}',
  'button,[type="button"],[type="reset"],[type="submit"]{-webkit-appearance:button}',
  '::-webkit-file-upload-button{-webkit-appearance:button;font:inherit}', 'abbr[title]{text-decoration:underline dotted}',
  'b,strong{font-weight:bolder}', 'sub,sup{font-size:75%;line-height:0;position:relative;vertical-align:baseline}',
  'a { color: red !important; color: blue }', 'a { COLOR: RED }', 'a { color : red ; }', 'a{color:red!important}',
  'a { color: red } ; b { color: blue }', 'a { color: red } ;', '; a { color: red }', 'a { color: red }}b{color:blue}',
  'a { color: red } @media', 'a { color: red } @media screen', '@media screen { a { color: red }', '@media screen { a { color: red',
  'a { color: "x }', "a { color: red; content: 'x } b { color: blue }", 'a[x="}"] { color: red }', 'a { color: red; ; ; }',
  'a { ; color: red }', 'a { color: red; background: }', 'a { color: red; @media screen { } }', '@media screen { ; a { color: red } }',
  '@media screen { foo } a { color: red }', '@media screen { @import "x.css"; a { color: red } }', 'a { x: y { } color: red }',
  'a { color: red; background: blue !important; margin: 0 }', 'a { margin: 0 !important; margin-top: 1px }',
  ':root { --main-color: #06c; --accent: calc(var(--x) * 2); --empty:; --space: ; --json: { "a": 1 } }',
  ':root{--a:1px;--b: 2px ;--c:  3px  }', 'a { --x: 1px; --x: 2px }', 'a { --X: 1; --x: 2 }', 'a { color: var(--c) }',
  'a { margin: var(--m) 0 }', 'a { margin: 0 var(--m); margin-top: 1px }', 'a { border: var(--b); border-left: 0 }',
  'a { background: var(--bg) }', 'a { font: var(--f) }', 'a { width: calc(var(--w) * 1px) }', 'a { color: var(--c,) }',
  'a { color: var( --c ) }', 'a { color: VAR(--c) }', 'a { color: var(--c, var(--d, red)) }', 'a { color: var(c) }',
  'a { transition: var(--t) }', 'a { padding: var(--p) !important }', 'a { inset: var(--i) }',
];

// Real-world shaped rules (CSS-in-JS output, Bootstrap, Tailwind, normalize.css idioms).
const REAL_WORLD_RULES = [
  "p { transition-timing-function: linear(0, 0.5, 1); }",
  "p { transition-timing-function: linear(0, 0.25 75%, 1); }",
  "p { transition-timing-function: linear(0, 0.5 25% 75%, 1); }",
  "p { transition-timing-function: linear(0 10%, 0.5 5%, 1); }",
  "p { animation-timing-function: linear(0, 0.1, 0.3, 1); }",
  "p { transition-timing-function: linear(1); }",
  "p { grid-template: \"a b\" \"c d\"; }",
  "p { grid-template: \"a\" auto \"b\" 10px / 1fr 2fr; }",
  "p { grid-template-areas: \"a\" \"b\"; grid-template-rows: 1fr; grid-template-columns: none; }",
  "p { grid-template-areas: \"a\" \"b\"; grid-template-rows: auto 1fr; grid-template-columns: 10px; }",
  "p { border-block-start: none; border-block-end: none; }",
  "p { background: red; background-image: var(--x); }",
  "p { text-decoration: underline; text-decoration-color: var(--x); }",
  "p { outline: red; outline-width: var(--x); }",
  "p { mask: none; }",
  "p { mask: url(a.svg) padding-box; }",
  "p { mask: url(a.svg) content-box no-clip add alpha; }",
  "p { -webkit-mask: url(a.svg) center / contain no-repeat; }",
  "p { mask: url(a.svg), url(b.svg) 0 0; }",
  "p { mask: linear-gradient(#000, transparent); mask-size: 10px; }",
  "p { -webkit-mask-image: url(a.svg); -webkit-mask-repeat: no-repeat; }",
  "p { mask: url(a.svg) luminance; }",
  "p { background: url(a.png), url(b.png) 0 0 / 10px no-repeat, red; }",
  "p { background: url(a.png) 0 0, none; background-size: 1px; }",
  "p { column-rule: solid red; }",
  "p { column-rule: thin none; }",
  "p { border-radius: calc(1px + 1%); }",
  "p { border-top-width: calc(1px + 1%); }",
  "p { justify-items: auto; }",
  "p { align-self: auto; }",
  "p { orphans: 0; }",
  "p { column-count: 0; }",
  "p { outline-style: hidden; }",
  "p { rotate: 0; }",
  "p { container-name: none auto; }",
  "p { container-name: auto; }",
  "p { scroll-padding-top: auto; }",
  "p { text-decoration: 1px solid red; }",
  "p { text-decoration: none auto; }",
  "p { border-image: url(a.png); }",
  "p { column-rule: none; }",
  "p { column-rule: red; }",
  "p { translate: 0 0; }",
  "p { scale: 0 0; }",
  "p { scale: 2 2 1; }",
  "p { overflow-anchor: visible; }",
  "p { resize: auto; }",
  "p { rx: auto; }",
  "p { filter: invert(100); }",
  "p { filter: opacity(150%); }",
  "p { font: 0/0 a; }",
  "p { transition: opacity .2s, visibility 0s .2s; }",
  "p { transition: 0s; }",
  "p { width: calc(1px + 1%); }",
  "p { outline-width: calc(1px + 1%); }",
  ".sc-bdVaJa{display:-webkit-box;display:-webkit-flex;display:-ms-flexbox;display:flex;-webkit-align-items:center;-webkit-box-align:center;-ms-flex-align:center;align-items:center;-webkit-box-pack:justify;-webkit-justify-content:space-between;-ms-flex-pack:justify;justify-content:space-between;}",
  ".css-1dbjc4n{-webkit-align-items:stretch;-ms-flex-align:stretch;align-items:stretch;border:0 solid black;box-sizing:border-box;display:-webkit-box;display:-moz-box;display:-ms-flexbox;display:-webkit-flex;display:flex;-webkit-flex-basis:auto;-ms-flex-preferred-size:auto;flex-basis:auto;-webkit-flex-direction:column;-ms-flex-direction:column;flex-direction:column;-webkit-flex-shrink:0;-ms-flex-negative:0;flex-shrink:0;margin:0px;min-height:0px;min-width:0px;padding:0px;position:relative;z-index:0;}",
  ".emotion-0{position:relative;margin:0 auto;max-width:1200px;padding:16px 24px;font-family:-apple-system,BlinkMacSystemFont,\"Segoe UI\",Roboto,sans-serif;}",
  ".ring{--tw-ring-offset-shadow:var(--tw-ring-inset) 0 0 0 var(--tw-ring-offset-width) var(--tw-ring-offset-color);--tw-ring-shadow:var(--tw-ring-inset) 0 0 0 calc(2px + var(--tw-ring-offset-width)) var(--tw-ring-color);box-shadow:var(--tw-ring-offset-shadow),var(--tw-ring-shadow),var(--tw-shadow, 0 0 #0000)}",
  "*,:after,:before{--tw-border-spacing-x:0;--tw-translate-x:0;--tw-ring-color:rgba(59,130,246,.5);border:0 solid #e5e7eb;box-sizing:border-box}",
  ".translate-x-1{--tw-translate-x:0.25rem;transform:translate(var(--tw-translate-x),var(--tw-translate-y)) rotate(var(--tw-rotate)) skewX(var(--tw-skew-x))}",
  ".btn{display:inline-block;padding:6px 12px;margin-bottom:0;font-size:14px;font-weight:400;line-height:1.42857143;text-align:center;white-space:nowrap;vertical-align:middle;-ms-touch-action:manipulation;touch-action:manipulation;cursor:pointer;-webkit-user-select:none;-moz-user-select:none;-ms-user-select:none;user-select:none;background-image:none;border:1px solid transparent;border-radius:4px}",
  ".btn-default{background-image:-webkit-linear-gradient(top,#fff 0,#e0e0e0 100%);background-image:-o-linear-gradient(top,#fff 0,#e0e0e0 100%);background-image:-webkit-gradient(linear,left top,left bottom,from(#fff),to(#e0e0e0));background-image:linear-gradient(to bottom,#fff 0,#e0e0e0 100%);filter:progid:DXImageTransform.Microsoft.gradient(startColorstr='#ffffffff', endColorstr='#ffe0e0e0', GradientType=0);filter:progid:DXImageTransform.Microsoft.gradient(enabled=false);background-repeat:repeat-x;border-color:#dbdbdb;text-shadow:0 1px 0 #fff;border-color:#ccc}",
  ".fade{opacity:0;-webkit-transition:opacity .15s linear;-o-transition:opacity .15s linear;transition:opacity .15s linear}",
  ".modal.fade .modal-dialog{-webkit-transition:-webkit-transform .3s ease-out;-o-transition:-o-transform .3s ease-out;transition:transform .3s ease-out;-webkit-transform:translate(0,-25%);-ms-transform:translate(0,-25%);-o-transform:translate(0,-25%);transform:translate(0,-25%)}",
  ".clearfix:after,.clearfix:before{display:table;content:\" \"}",
  ".sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);border:0}",
  ".caret{display:inline-block;width:0;height:0;margin-left:2px;vertical-align:middle;border-top:4px dashed;border-top:4px solid\\9;border-right:4px solid transparent;border-left:4px solid transparent}",
  ".img{*zoom:1;_height:1px;filter:alpha(opacity=50);-ms-filter:\"alpha(opacity=50)\";opacity:.5}",
  ".glyphicon{position:relative;top:1px;display:inline-block;font-family:'Glyphicons Halflings';font-style:normal;font-weight:400;line-height:1;-webkit-font-smoothing:antialiased;-moz-osx-font-smoothing:grayscale}",
  "@font-face{font-family:'Glyphicons Halflings';src:url(../fonts/glyphicons-halflings-regular.eot);src:url(../fonts/glyphicons-halflings-regular.eot?#iefix) format('embedded-opentype'),url(../fonts/glyphicons-halflings-regular.woff2) format('woff2'),url(../fonts/glyphicons-halflings-regular.woff) format('woff'),url(../fonts/glyphicons-halflings-regular.ttf) format('truetype'),url(../fonts/glyphicons-halflings-regular.svg#glyphicons_halflingsregular) format('svg')}",
  "@-webkit-keyframes progress-bar-stripes{from{background-position:40px 0}to{background-position:0 0}}",
  ".progress-bar-striped{background-image:-webkit-linear-gradient(45deg,rgba(255,255,255,.15) 25%,transparent 25%,transparent 50%,rgba(255,255,255,.15) 50%,rgba(255,255,255,.15) 75%,transparent 75%,transparent);background-size:40px 40px}",
  ".table>thead>tr>th{vertical-align:bottom;border-bottom:2px solid #ddd}",
  "input[type=checkbox],input[type=radio]{-webkit-box-sizing:border-box;-moz-box-sizing:border-box;box-sizing:border-box;padding:0}",
  "input[type=number]::-webkit-inner-spin-button,input[type=number]::-webkit-outer-spin-button{height:auto}",
  "input[type=search]::-webkit-search-cancel-button,input[type=search]::-webkit-search-decoration{-webkit-appearance:none}",
  "button::-moz-focus-inner,input::-moz-focus-inner{padding:0;border:0}",
  ".form-control::-moz-placeholder{color:#999;opacity:1}",
  ".form-control:-ms-input-placeholder{color:#999}",
  ".form-control::-webkit-input-placeholder{color:#999}",
  ".form-control:focus{border-color:#66afe9;outline:0;-webkit-box-shadow:inset 0 1px 1px rgba(0,0,0,.075),0 0 8px rgba(102,175,233,.6);box-shadow:inset 0 1px 1px rgba(0,0,0,.075),0 0 8px rgba(102,175,233,.6)}",
  "a:focus{outline:5px auto -webkit-focus-ring-color;outline-offset:-2px}",
  "hr{margin-top:20px;margin-bottom:20px;border:0;border-top:1px solid #eee}",
  ".well{min-height:20px;padding:19px;margin-bottom:20px;background-color:#f5f5f5;border:1px solid #e3e3e3;border-radius:4px;-webkit-box-shadow:inset 0 1px 1px rgba(0,0,0,.05);box-shadow:inset 0 1px 1px rgba(0,0,0,.05)}",
  ".navbar-fixed-top{top:0;border-width:0 0 1px}",
  ".nav>li>a>img{max-width:none}",
  ".text-hide{font:0/0 a;color:transparent;text-shadow:none;background-color:transparent;border:0}",
  ".affix{position:fixed;-webkit-transform:translate3d(0,0,0);transform:translate3d(0,0,0)}",
  ".x{background:url(\"data:image/svg+xml,%3csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3e%3cpath fill='none' stroke='%23343a40' stroke-linecap='round' stroke-linejoin='round' stroke-width='2' d='M2 5l6 6 6-6'/%3e%3c/svg%3e\") no-repeat right .75rem center/8px 10px}",
  ".x{transition:color .15s ease-in-out,background-color .15s ease-in-out,border-color .15s ease-in-out,box-shadow .15s ease-in-out}",
  ".x{font-size:calc(1.375rem + 1.5vw)}",
  ".x{-webkit-mask:url(a.svg) no-repeat 50% 50%;mask:url(a.svg) no-repeat 50% 50%}",
  ".x{background:linear-gradient(180deg,rgba(255,255,255,.15),rgba(255,255,255,0)) #0d6efd}",
  ".x{border-radius:50rem!important}",
  ".x{flex:1 0 0%}",
  ".x{flex:0 0 auto;width:8.33333333%}",
  ".x{margin-right:calc(-.5 * var(--bs-gutter-x));margin-left:calc(-.5 * var(--bs-gutter-x))}",
  ".x{inset:0 auto auto 0}",
  ".x{gap:.25rem!important;row-gap:0!important}",
  ".x{background-color:rgba(var(--bs-primary-rgb),var(--bs-bg-opacity))!important}",
  ".x{color:RGBA(0,0,0,var(--bs-link-opacity,1))!important}",
  ".x{text-decoration:underline dotted;cursor:help;-webkit-text-decoration-skip-ink:none;text-decoration-skip-ink:none}",
  ".x{-webkit-appearance:none;-moz-appearance:none;appearance:none}",
  ".x{scroll-behavior:smooth;-webkit-text-size-adjust:100%;-webkit-tap-highlight-color:transparent}",
  ".x{font-variant-numeric:tabular-nums}",
  ".x{transform:translateY(-50%) rotate(-45deg)}",
  ".x{background-position:right calc(.375em + .1875rem) center}",
  ".x{box-shadow:0 .5rem 1rem rgba(0,0,0,.15)!important}",
  ".x{animation:1s linear infinite spinner-border}",
  ".x{animation:.75s linear infinite spinner-grow;-webkit-animation:.75s linear infinite spinner-grow}",
  ".x{transition:none;-webkit-transition:none}",
  ".x{outline:0;box-shadow:0 0 0 .25rem rgba(13,110,253,.25)}",
  ".x{border:var(--bs-border-width) solid var(--bs-border-color)}",
  ".x{background:0 0}",
  ".x{background:transparent url(a.svg) center/1em auto no-repeat}",
  ".x{filter:grayscale(100%) brightness(200%)}",
  ".x{grid-template-columns:repeat(auto-fit,minmax(120px,1fr));grid-gap:10px}",
  ".x{width:-webkit-fill-available;width:-moz-available;width:stretch}",
  ".x{height:100dvh;height:-webkit-fill-available}",
  ".x{position:-webkit-sticky;position:sticky;top:0}",
  ".x{white-space:nowrap!important;overflow:hidden!important;text-overflow:ellipsis!important}",
  ".x{display:-webkit-box;-webkit-line-clamp:3;-webkit-box-orient:vertical;overflow:hidden}",
  ".x{background-clip:text;-webkit-background-clip:text;color:transparent}",
  ".x{-webkit-background-clip:text;-webkit-text-fill-color:transparent}",
  ".x{cursor:-webkit-grab;cursor:grab}",
  ".x{mix-blend-mode:difference;isolation:isolate}",
  ".x{object-fit:cover;object-position:50% 0}",
  ".x{font:normal normal normal 14px/1 FontAwesome}",
  ".x{font:italic bold 12px/30px Georgia, serif}",
  ".x{font:12px/1.5 \"Helvetica Neue\",Arial,\"Liberation Sans\",FreeSans,sans-serif}",
  ".x{font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,\"Helvetica Neue\",\"Noto Sans\",\"Liberation Sans\",Arial,sans-serif,\"Apple Color Emoji\",\"Segoe UI Emoji\",\"Segoe UI Symbol\",\"Noto Color Emoji\"}",
  ".x{font-family:SFMono-Regular,Menlo,Monaco,Consolas,\"Liberation Mono\",\"Courier New\",monospace}",
  ".x{content:\"\\f101\";font-family:FontAwesome}",
  ".x::after{content:\"\";position:absolute;inset:0;z-index:1;pointer-events:auto;background-color:rgba(0,0,0,0)}",
  ".x{margin:0 0 0 auto;padding:.375rem .75rem .375rem .75rem}",
  ".x{border-top-left-radius:0;border-bottom-left-radius:0}",
  ".x{border-top-left-radius:.25rem;border-top-right-radius:.25rem;border-bottom-right-radius:.25rem;border-bottom-left-radius:.25rem}",
  ".x{border-style:solid;border-width:1px 0;border-color:#ddd}",
  ".x{outline:thin dotted}",
  ".x{outline:2px solid Highlight;outline:5px auto -webkit-focus-ring-color}",
  ".x{list-style:none;padding-left:0}",
  ".x{list-style-type:\"\\2014\\00A0\"}",
  ".x{quotes:\"\\201C\" \"\\201D\" \"\\2018\" \"\\2019\"}",
  ".x{counter-reset:section;counter-increment:section 2}",
  ".x{columns:3 200px;column-gap:2em;column-rule:1px dotted #ccc}",
  ".x{resize:vertical;min-height:calc(1.5em + .75rem + 2px)}",
  ".x{transform-origin:0 0;transform:scale(.5)}",
  ".x{will-change:transform,opacity}",
  ".x{backface-visibility:hidden;-webkit-backface-visibility:hidden;perspective:1000px}",
  ".x{transition-property:opacity,visibility;transition-duration:.2s;transition-timing-function:cubic-bezier(.4,0,.2,1)}",
  ".x{transition:opacity .2s,visibility 0s .2s}",
  ".x{transition:all .2s cubic-bezier(.645,.045,.355,1)}",
  ".x{animation-name:fadeIn;animation-duration:1s;animation-fill-mode:both}",
  ".x{animation:fadeIn 1s both,slideUp .5s ease-out .1s}",
  ".x{z-index:2147483647!important}",
  ".x{letter-spacing:-.025em;line-height:1.25}",
  ".x{text-indent:-9999px;overflow:hidden}",
  ".x{vertical-align:-.125em}",
  ".x{word-break:break-word;overflow-wrap:anywhere;hyphens:auto}",
  ".x{box-sizing:content-box;height:0;overflow:visible}",
  ".x{background-color:#0000001a;color:#ffffffcc}",
  ".x{color:hsl(210 40% 96.1%);background:hsl(222.2 84% 4.9% / .8)}",
  ".x{border-color:hsl(var(--border))}",
  ".x{max-width:min(100%,600px);width:clamp(200px,50%,800px)}",
  ".x{padding:max(1rem,env(safe-area-inset-left))}",
  ".x{aspect-ratio:16/9;aspect-ratio:1}",
  ".x{scrollbar-width:none;-ms-overflow-style:none}",
  ".x{overscroll-behavior-y:contain;scroll-snap-type:y mandatory;scroll-snap-align:start}",
  ".x{user-select:none;-webkit-user-drag:none;-webkit-touch-callout:none}",
  ".x{image-rendering:-webkit-optimize-contrast;image-rendering:crisp-edges;image-rendering:pixelated}",
  ".x{tab-size:4;-moz-tab-size:4}",
  ".x{margin:-1px!important;clip-path:inset(50%)!important}",
  ".x{top:auto!important;bottom:-100%!important}",
  ".x{inset-inline-start:0;inset-block:0}",
  ".x{margin-inline:auto;padding-block:1rem 2rem}",
  ".x{border-inline-end:1px solid;border-block-end:none}",
  ".x{place-content:center;place-items:center start}",
  ".x{grid-area:1/1/2/3}",
  ".x{grid-column:1/-1;grid-row:span 2}",
  ".x{grid-template-areas:\"header header\" \"sidebar main\"}",
  ".x{text-shadow:0 0 1px rgba(0,0,0,.3),0 1px 2px rgba(0,0,0,.2)}",
  ".x{-webkit-text-stroke:1px #000;text-stroke:1px #000}",
  ".x{font-feature-settings:\"kern\" 1,\"liga\" 1;font-kerning:normal}",
  ".x{font-variant-ligatures:no-common-ligatures}",
  ".x{background-image:url(a.png),url(b.png);background-position:0 0,100% 0;background-repeat:no-repeat,repeat-y}",
  ".x{background:url(a.png) 0 0/cover,linear-gradient(#fff,#000)}",
  ".x{background:#fff url(a.png) no-repeat right top / 20px 20px}",
  ".x{background:none;border:none;padding:0;font:inherit;color:inherit;cursor:pointer;outline:inherit}",
  ".x{all:inherit}",
  ".x{-webkit-margin-before:0;-webkit-margin-after:0;-webkit-padding-start:0}",
  ".x{-webkit-column-count:2;-moz-column-count:2;column-count:2}",
  ".x{page-break-inside:avoid;break-inside:avoid-column}",
  ".x{zoom:1;zoom:110%}",
  ".x{writing-mode:vertical-lr;text-orientation:upright}",
  ".x{direction:rtl;unicode-bidi:bidi-override}",
  ".x{content:attr(data-label) \": \"}",
  ".x{content:counter(item) \". \"}",
  ".x{content:\"\" / \"alt text\"}",
  ".x{stroke-dasharray:4 2;stroke-linecap:round;stroke-width:1.5;fill:none}",
  ".x{fill:currentColor;stroke:none}",
  ".x{caret-color:#000;accent-color:#0d6efd}",
  ".x{color-scheme:dark;forced-color-adjust:none}",
  ".x{contain:content;content-visibility:auto;contain-intrinsic-size:0 500px}",
  ".x{container-type:inline-size;container-name:card}",
  ".x{translate:0 -1px;scale:1.05;rotate:3deg}",
  ".x{inset:auto;inset:0 0 auto}",
  ".x{background-size:100% 2px,auto}",
  ".x{border-image:linear-gradient(to right,red,blue) 1}",
  ".x{border-image-source:url(a.png);border-image-slice:30 fill}",
  ".x{mask-image:linear-gradient(to bottom,#000 80%,transparent)}",
  ".x{-webkit-mask-image:-webkit-linear-gradient(top,#000,transparent)}",
  ".x{cursor:url(\"data:image/png;base64,iVBORw0KGgo=\"),auto}",
  ".x{width:calc(100% - var(--sidebar-width,250px))}",
  ".x{width:calc(100%/3 - 2*1em - 2*1px)}",
  ".x{height:calc(100vh - 60px - 2rem)}",
  ".x{margin:calc(-1 * var(--gap)) 0}",
  ".x{transform:translate(-50%,-50%) scale(1.0)}",
  ".x{transform:matrix3d(1,0,0,0,0,1,0,0,0,0,1,0,0,0,0,1)}",
  ".x{transform:rotate3d(1,1,0,45deg)}",
  ".x{transform:translate3d(-50%,0,0) skewX(-12deg)}",
  ".x{filter:drop-shadow(0 1px 2px rgb(0 0 0 / .1)) drop-shadow(0 1px 1px rgb(0 0 0 / .06))}",
  ".x{backdrop-filter:saturate(180%) blur(20px);-webkit-backdrop-filter:saturate(180%) blur(20px)}",
  ".x{color:transparent!important;text-shadow:none!important}",
  ".x{background-color:initial;border-color:unset;color:revert}",
  ".x{margin:inherit auto}",
  ".x{transition:var(--transition)}",
  ".x{padding:var(--pad) var(--pad) 0}",
  ".x{--empty:;--space: ;color:var(--empty)red}",
  ".x{color:var(--a,var(--b,#fff))}",
  ".x{font-size:var(--fs,1rem);line-height:var(--lh)}",
];

// Random combinations of common values for common properties (seeded, so reruns give the same list): most are
// invalid and must be dropped, the rest exercise shorthand parsing.
const COMBO_PROPS = ['background', 'border', 'border-top', 'outline', 'font', 'flex', 'transition', 'animation',
  'box-shadow', 'text-shadow', 'margin', 'padding', 'border-radius', 'transform', 'grid-area', 'grid-template-columns',
  'list-style', 'text-decoration', 'overflow', 'gap', 'place-items', 'inset', 'columns', 'background-position',
  'background-size', 'transform-origin', 'filter', 'font-family', 'content', 'cursor', 'flex-flow', 'white-space',
  'border-width', 'width', 'line-height', 'vertical-align', 'color', 'display', 'mask', 'will-change', 'border-image'];
const COMBO_VALUES = ['0', '1', '2', '0.5', '-1', '1px', '2px', '-3px', '10%', '50%', '1em', 'auto', 'none', 'normal',
  'red', '#000', '#fff8', 'rgba(0,0,0,.3)', 'transparent', 'currentColor', 'solid', 'dashed', 'thin', 'thick', 'center',
  'left', 'top', 'bottom', '/', '1s', '.3s', '200ms', 'ease', 'linear', 'infinite', 'alternate', 'forwards', 'spin',
  'bold', 'italic', 'small-caps', '12px', '1.5', 'Arial', '"Helvetica Neue"', 'sans-serif', 'inset', 'url(a.png)',
  'linear-gradient(red,blue)', 'no-repeat', 'repeat-x', 'cover', 'fixed', 'padding-box', 'content-box', 'hidden',
  'scroll', 'wrap', 'column', 'nowrap', 'pre', 'underline', 'wavy', 'disc', 'inside', 'all', 'opacity', 'span',
  'calc(100% - 10px)', 'rotate(45deg)', 'scale(2)', 'blur(2px)', '1fr', 'repeat(2,1fr)', 'minmax(0,1fr)', ','];

function comboRules(count) {
  let seed = 12345;
  const rnd = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
  const out = [];
  for (let i = 0; i < count; i++) {
    const prop = COMBO_PROPS[rnd(COMBO_PROPS.length)];
    const k = 1 + rnd(4);
    const vals = [];
    for (let j = 0; j < k; j++) vals.push(COMBO_VALUES[rnd(COMBO_VALUES.length)]);
    out.push(`p { ${prop}: ${vals.join(' ')}; }`);
  }
  return out;
}

function declCasesFromTable() {
  const rules = [];
  for (const [prop, values] of Object.entries(PROPERTY_VALUES)) {
    for (const v of values) rules.push(`p { ${prop}: ${v}; }`);
  }
  for (const d of DECL_BLOCKS) rules.push(`p { ${d} }`);
  for (const s of SELECTORS) rules.push(`${s} { color: red; }`);
  rules.push(...REAL_WORLD_RULES);
  rules.push(...comboRules(400));
  return rules;
}

// More operation sequences: shorthands set over longhands, var() in shorthands, nested rules, keyframes, @import order.
const EXTRA_CASES = [
  {"name": "ops-media-invalid", "kind": "style", "text": "a{top:0}", "ops": [{"op": "insert", "rule": "@media screen and { b { top: 0 } }", "index": 0}, {"op": "insert", "rule": "@supports foo { b { top: 0 } }", "index": 0}, {"op": "insert", "rule": "@font-face { font-family: x }", "index": [0, 0]}, {"op": "insert", "rule": "@keyframes k { to { top: 0 } }", "index": 0}, {"op": "insert", "rule": "@media print { @keyframes k2 { to { top: 0 } } }", "index": 0}, {"op": "insert", "rule": "x { }", "index": [1, 0]}]},
  {"name": "ops-shorthand-set", "kind": "style", "text": "a { margin-top: 1px; border-left: 2px solid red; }", "ops": [{"op": "set", "path": [0], "name": "margin", "value": "3px"}, {"op": "set", "path": [0], "name": "border", "value": "1px dashed"}, {"op": "set", "path": [0], "name": "border-left-width", "value": "var(--w)"}, {"op": "set", "path": [0], "name": "margin", "value": "var(--m)"}, {"op": "set", "path": [0], "name": "margin-left", "value": "0"}, {"op": "remove", "path": [0], "name": "border"}, {"op": "remove", "path": [0], "name": "margin"}]},
  {"name": "ops-set-important-flip", "kind": "style", "text": "a { color: red !important; top: 0; left: 0 }", "ops": [{"op": "set", "path": [0], "name": "color", "value": "blue"}, {"op": "set", "path": [0], "name": "top", "value": "1px", "priority": "important"}, {"op": "set", "path": [0], "name": "inset", "value": "0"}, {"op": "set", "path": [0], "name": "flex", "value": "1"}, {"op": "set", "path": [0], "name": "flex-basis", "value": "10px"}, {"op": "set", "path": [0], "name": "transition", "value": "opacity .3s"}, {"op": "set", "path": [0], "name": "transition-delay", "value": "1s"}]},
  {"name": "ops-set-background", "kind": "style", "text": "a { background: red url(a.png) }", "ops": [{"op": "set", "path": [0], "name": "background-color", "value": "blue"}, {"op": "set", "path": [0], "name": "background-size", "value": "cover"}, {"op": "set", "path": [0], "name": "background-position", "value": "center"}, {"op": "remove", "path": [0], "name": "background-image"}, {"op": "set", "path": [0], "name": "background", "value": "none"}]},
  {"name": "ops-set-font", "kind": "style", "text": "a { font: 12px Arial }", "ops": [{"op": "set", "path": [0], "name": "font-weight", "value": "700"}, {"op": "set", "path": [0], "name": "line-height", "value": "1.5"}, {"op": "set", "path": [0], "name": "font-family", "value": "\"Helvetica Neue\", sans-serif"}, {"op": "set", "path": [0], "name": "font-variant-numeric", "value": "tabular-nums"}, {"op": "remove", "path": [0], "name": "font-variant-numeric"}]},
  {"name": "ops-set-outline", "kind": "style", "text": "a { outline: none }", "ops": [{"op": "set", "path": [0], "name": "outline-color", "value": "red"}, {"op": "set", "path": [0], "name": "outline-width", "value": "2px"}, {"op": "remove", "path": [0], "name": "outline-style"}]},
  {"name": "ops-nested-rules", "kind": "style", "text": ".a { color: red; &:hover { color: blue } .b { top: 0 } }", "ops": [{"op": "insert", "rule": "> .c { top: 1px }", "index": [0, 0]}, {"op": "insert", "rule": "@media print { top: 2px }", "index": [0, 1]}, {"op": "delete", "index": [0, 3]}, {"op": "set", "path": [0], "name": "left", "value": "0"}, {"op": "set", "path": [0, 0], "name": "left", "value": "0"}]},
  {"name": "ops-keyframes", "kind": "style", "text": "@keyframes k { 0% { top: 0 } 50% { top: 1px } 100% { top: 2px } }", "ops": [{"op": "set", "path": [0, 1], "name": "transform", "value": "translateX(10px)"}, {"op": "set", "path": [0, 2], "name": "top", "value": "5px", "priority": "important"}, {"op": "remove", "path": [0, 0], "name": "top"}, {"op": "set", "path": [0, 5], "name": "top", "value": "0"}]},
  {"name": "ops-import-sheet", "kind": "style", "text": "@import url(a.css); @import url(b.css) screen; a { top: 0 }", "ops": [{"op": "delete", "index": 0}, {"op": "insert", "rule": "@import url(c.css);", "index": 1}, {"op": "insert", "rule": "@import url(c.css);", "index": 2}, {"op": "delete", "index": 2}, {"op": "insert", "rule": "@layer x;", "index": 0}]},
  {"name": "ops-constructed-replace", "kind": "constructed", "text": "", "ops": [{"op": "insert", "rule": "a { top: 0 }"}, {"op": "insert", "rule": "@namespace x url(y);", "index": 0}, {"op": "replace", "text": "@namespace x url(y); x|a { top: 0 } b { color: red }"}, {"op": "insert", "rule": "x|c { top: 0 }", "index": 2}, {"op": "insert", "rule": "y|c { top: 0 }", "index": 2}, {"op": "delete", "index": 0}]},
  {"name": "ops-text-change", "kind": "style", "text": "a { top: 0 }", "ops": [{"op": "text", "text": "b { top: 1px } c { top: 2px }"}, {"op": "set", "path": [1], "name": "color", "value": "red"}, {"op": "text", "text": "@media print { d { top: 0 } }"}, {"op": "insert", "rule": "e { top: 0 }", "index": [0, 1]}]},
  {"name": "inline-ops-2", "kind": "inline", "text": "margin: 0px auto; border: 1px solid red; transform: translate(0px, 0px);", "ops": [{"op": "set", "name": "margin-top", "value": "10px"}, {"op": "set", "name": "transform", "value": "translate(10px, 0px)"}, {"op": "set", "name": "border-color", "value": "blue"}, {"op": "remove", "name": "border-top"}, {"op": "set", "name": "opacity", "value": "0.5", "priority": "important"}, {"op": "set", "name": "opacity", "value": "1"}, {"op": "remove", "name": "opacity"}]},
  {"name": "inline-ops-3", "kind": "inline", "text": "display:none", "ops": [{"op": "set", "name": "display", "value": "block"}, {"op": "set", "name": "display", "value": "block"}, {"op": "remove", "name": "display"}, {"op": "set", "name": "width", "value": "100px"}, {"op": "set", "name": "height", "value": "100px"}]},
  {"name": "inline-ops-4", "kind": "inline", "text": "--x: 1; color: var(--x); background: var(--bg) no-repeat", "ops": [{"op": "set", "name": "background-color", "value": "red"}, {"op": "set", "name": "--x", "value": "2"}, {"op": "remove", "name": "background"}]},
  {"name": "inline-ops-5", "kind": "inline", "text": "transition: opacity 0.3s ease 0s; opacity: 0", "ops": [{"op": "set", "name": "opacity", "value": "1"}, {"op": "set", "name": "transition", "value": "none"}, {"op": "set", "name": "transform", "value": "scale(1.1)"}]},
  {"name": "inline-ops-6", "kind": "inline", "text": "left: 10px; top: 20px; position: absolute; width: 30px; height: 40px;", "ops": [{"op": "set", "name": "left", "value": "15px"}, {"op": "set", "name": "top", "value": "25px"}, {"op": "set", "name": "right", "value": "0"}, {"op": "set", "name": "bottom", "value": "0"}, {"op": "set", "name": "inset", "value": "1px"}]},
];

function opCases() {
  const C = [];
  const add = (name, kind, text, ops, extra = {}) => C.push({ name, kind, text, ops, ...extra });
  add('insert-default-index', 'style', 'a { color: red }', [{ op: 'insert', rule: 'b { color: blue }' }]);
  add('insert-end', 'style', 'a { color: red }', [{ op: 'insert', rule: 'b { color: blue }', index: 1 }]);
  add('insert-out-of-range', 'style', 'a { color: red }', [{ op: 'insert', rule: 'b { color: blue }', index: 2 },
    { op: 'insert', rule: 'b { color: blue }', index: -1 }, { op: 'insert', rule: 'b { color: blue }', index: 99 }]);
  add('insert-invalid', 'style', 'a { color: red }', [{ op: 'insert', rule: 'b { color: blue ' }, { op: 'insert', rule: '' },
    { op: 'insert', rule: 'b { color: blue } c { color: green }' }, { op: 'insert', rule: 'b' }, { op: 'insert', rule: '}' },
    { op: 'insert', rule: '   ' }, { op: 'insert', rule: '/* x */' }, { op: 'insert', rule: 'b{}' }, { op: 'insert', rule: '@media screen' },
    { op: 'insert', rule: ' b { color: blue } ' }, { op: 'insert', rule: 'b { color: blue };' }, { op: 'insert', rule: '@charset "utf-8";' },
    { op: 'insert', rule: '<!-- b { } -->' }, { op: 'insert', rule: 'b { color: blue } /* c */' }, { op: 'insert', rule: '/* c */ b { top: 0 }' }]);
  add('insert-import-order', 'style', 'a { color: red }', [{ op: 'insert', rule: '@import url(x.css);', index: 1 },
    { op: 'insert', rule: '@import url(x.css);', index: 0 }, { op: 'insert', rule: '@import url(y.css);', index: 0 },
    { op: 'insert', rule: 'b { top: 0 }', index: 0 }, { op: 'insert', rule: 'b { top: 0 }', index: 1 },
    { op: 'insert', rule: '@namespace x url(y);', index: 0 }, { op: 'insert', rule: '@charset "x";', index: 0 },
    { op: 'delete', index: 0 }, { op: 'insert', rule: '@layer a;', index: 0 }, { op: 'insert', rule: '@import url(z.css);', index: 0 }]);
  add('insert-namespace-order', 'style', '@namespace svg url(http://www.w3.org/2000/svg);', [
    { op: 'insert', rule: '@namespace x url(y);', index: 1 }, { op: 'insert', rule: 'a { top: 0 }', index: 1 },
    { op: 'insert', rule: '@namespace z url(y);', index: 1 }, { op: 'insert', rule: '@import url(a.css);', index: 0 },
    { op: 'insert', rule: '@import url(a.css);', index: 1 }]);
  add('insert-layer-statement', 'style', '@layer a; b { top: 0 }', [{ op: 'insert', rule: '@import url(x.css);', index: 0 },
    { op: 'insert', rule: '@import url(x.css);', index: 1 }, { op: 'insert', rule: '@layer z;', index: 0 }]);
  add('constructed-import', 'constructed', '@import url(a.css); a { color: red }', [{ op: 'insert', rule: '@import url(b.css);' },
    { op: 'replace', text: '@import "x.css"; b { color: blue }' }, { op: 'replace', text: '' }, { op: 'replace', text: 'c{top:0}d{top:1px}' }]);
  add('delete', 'style', 'a { top: 0 } b { top: 1px } c { top: 2px }', [{ op: 'delete', index: 1 }, { op: 'delete', index: 5 },
    { op: 'delete', index: -1 }, { op: 'delete', index: 1 }, { op: 'delete', index: 0 }, { op: 'delete', index: 0 }]);
  add('nested-insert', 'style', '@media screen { a { top: 0 } } b { top: 1px }', [{ op: 'insert', rule: 'c { top: 2px }', index: [0, 1] },
    { op: 'insert', rule: 'd { top: 3px }', index: [0, 0] }, { op: 'insert', rule: 'e { top: 4px }', index: [0, 9] },
    { op: 'insert', rule: 'f { top: 5px }', index: [1, 0] }, { op: 'insert', rule: 'g { top: 6px }', index: [5, 0] },
    { op: 'insert', rule: '@media print { h { top: 7px } }', index: [0, 0] }, { op: 'insert', rule: 'i { top: 8px }', index: [0, 0, 0] },
    { op: 'delete', index: [0, 1] }, { op: 'delete', index: [0, 0, 0] }, { op: 'delete', index: [0, 7] }, { op: 'delete', index: [1, 0] },
    { op: 'insert', rule: '@import url(x.css);', index: [0, 0] }, { op: 'insert', rule: 'j {', index: [0, 0] },
    { op: 'insert', rule: 'k { top: 0 }', index: [0] }, { op: 'insert', rule: 'l { top: 0 }', index: [] }]);
  add('nested-supports-layer', 'style', '@supports (display: grid) { @layer x { a { top: 0 } } } @layer y { }', [
    { op: 'insert', rule: 'b { top: 1px }', index: [0, 0, 1] }, { op: 'insert', rule: 'c { top: 2px }', index: [1, 0] },
    { op: 'set', path: [0, 0, 1], name: 'color', value: 'red' }, { op: 'delete', index: [0, 0, 0] }]);
  add('keyframes-ops', 'style', '@keyframes k { from { top: 0 } to { top: 1px } }', [
    { op: 'insert', rule: '50% { top: 2px }', index: [0, 0] }, { op: 'set', path: [0, 0], name: 'color', value: 'red' },
    { op: 'set', path: [0, 1], name: 'left', value: '0' }, { op: 'remove', path: [0, 1], name: 'top' },
    { op: 'delete', index: [0, 0] }, { op: 'insert', rule: 'p { top: 0 }', index: [0, 0] }]);
  add('nested-style-rule', 'style', '.a { color: red; .b { color: blue } }', [
    { op: 'insert', rule: '.c { top: 0 }', index: [0, 0] }, { op: 'insert', rule: '&:hover { top: 0 }', index: [0, 1] },
    { op: 'set', path: [0, 0], name: 'left', value: '1px' }, { op: 'delete', index: [0, 0] }]);
  add('set-property', 'style', 'a { color: red } @media screen { b { top: 0 } }', [
    { op: 'set', path: [0], name: 'color', value: 'blue' }, { op: 'set', path: [0], name: 'margin', value: '0' },
    { op: 'set', path: [0], name: 'margin-top', value: '1px' }, { op: 'set', path: [0], name: 'color', value: 'green', priority: 'important' },
    { op: 'set', path: [0], name: 'color', value: 'x' }, { op: 'set', path: [0], name: 'foo', value: '1' },
    { op: 'set', path: [0], name: 'color', value: '' }, { op: 'set', path: [1, 0], name: 'left', value: '2px' },
    { op: 'set', path: [1], name: 'left', value: '2px' }, { op: 'set', path: [9], name: 'left', value: '2px' },
    { op: 'set', path: [0], name: '--v', value: ' 1px ' }, { op: 'set', path: [0], name: 'COLOR', value: 'red' },
    { op: 'set', path: [0], name: 'padding', value: '1px', priority: 'important' }, { op: 'set', path: [0], name: 'padding-left', value: '2px' },
    { op: 'set', path: [0], name: 'top', value: '1px', priority: 'IMPORTANT' }, { op: 'set', path: [0], name: 'top', value: '1px', priority: 'x' },
    { op: 'set', path: [0], name: 'top', value: '1px !important' }, { op: 'set', path: [0], name: 'top', value: '1px; left: 2px' },
    { op: 'set', path: [0], name: 'border', value: '1px solid red' }, { op: 'set', path: [0], name: 'border-left-color', value: 'blue' }]);
  add('remove-property', 'style', 'a { margin: 0; color: red; border: 1px solid red; --x: 1 }', [
    { op: 'remove', path: [0], name: 'color' }, { op: 'remove', path: [0], name: 'margin-top' },
    { op: 'remove', path: [0], name: 'border' }, { op: 'remove', path: [0], name: 'nothing' }, { op: 'remove', path: [0], name: '--x' },
    { op: 'remove', path: [0], name: 'MARGIN' }, { op: 'remove', path: [5], name: 'color' }]);
  add('page-fontface-set', 'style', '@page { margin: 1cm } @font-face { font-family: x; src: url(a.woff) }', [
    { op: 'set', path: [0], name: 'margin-top', value: '2cm' }, { op: 'set', path: [0], name: 'color', value: 'red' },
    { op: 'set', path: [1], name: 'font-weight', value: 'bold' }, { op: 'set', path: [1], name: 'color', value: 'red' },
    { op: 'remove', path: [1], name: 'src' }]);
  add('text-reset', 'style', 'a { color: red }', [{ op: 'insert', rule: 'b { top: 0 }', index: 1 },
    { op: 'text', text: 'c { top: 1px }' }, { op: 'insert', rule: 'd { top: 2px }', index: 0 }, { op: 'text', text: '' },
    { op: 'insert', rule: 'e { top: 0 }', index: 0 }]);
  add('set-then-serialize-shorthand', 'style', 'a { margin-top: 1px; margin-right: 1px; margin-bottom: 1px }', [
    { op: 'set', path: [0], name: 'margin-left', value: '1px' }, { op: 'set', path: [0], name: 'margin-left', value: '2px' },
    { op: 'remove', path: [0], name: 'margin-top' }, { op: 'set', path: [0], name: 'margin-top', value: '1px' }]);
  add('constructed-basic', 'constructed', 'a { color: red }', [{ op: 'insert', rule: 'b { top: 0 }', index: 1 },
    { op: 'set', path: [1], name: 'color', value: 'red' }, { op: 'replace', text: '@media print { x { top: 0 } }' },
    { op: 'insert', rule: 'y { top: 0 }', index: [0, 1] }, { op: 'delete', index: 0 }, { op: 'delete', index: 0 }]);
  add('insert-weird-indices', 'style', 'a { top: 0 }', [{ op: 'insert', rule: 'b { top: 0 }', index: [0, 0] },
    { op: 'delete', index: [0, 0] }, { op: 'set', path: [0, 0], name: 'color', value: 'red' }, { op: 'set', path: [], name: 'color', value: 'red' }]);
  add('base-url-insert', 'style', 'a { background: url(x.png) }', [{ op: 'insert', rule: 'b { background: url(img/b.png) }', index: 1 },
    { op: 'insert', rule: 'c { background: url("../c.png") }', index: 2 }, { op: 'insert', rule: "d { background: url('/d.png') }", index: 3 },
    { op: 'insert', rule: 'e { background: url(data:image/png;base64,AAA=) }', index: 4 },
    { op: 'insert', rule: 'f { background: url(https://cdn.example.com/f.png) }', index: 5 },
    { op: 'insert', rule: 'g { background: url(//cdn.example.com/g.png) }', index: 6 },
    { op: 'insert', rule: 'h { background: url(#frag) }', index: 7 }, { op: 'insert', rule: '@import "i.css";', index: 0 },
    { op: 'insert', rule: '@font-face { font-family: j; src: url(./j.woff) format("woff") }', index: 0 },
    { op: 'set', path: [3], name: 'background-image', value: 'url(k.png)' }], { base: 'http://localhost:8000/css/page.html' });
  // Inline style attributes.
  add('inline-set', 'inline', 'color: red', [{ op: 'set', name: 'color', value: 'blue' }, { op: 'set', name: 'margin', value: '0' },
    { op: 'set', name: 'margin-top', value: '1px' }, { op: 'remove', name: 'margin' }, { op: 'remove', name: 'color' },
    { op: 'remove', name: 'nothing' }]);
  add('inline-none', 'inline', null, [{ op: 'remove', name: 'color' }, { op: 'set', name: 'color', value: 'red' }, { op: 'remove', name: 'color' }]);
  add('inline-none-set-invalid', 'inline', null, [{ op: 'set', name: 'color', value: 'nope' }, { op: 'set', name: 'foo', value: '1' }]);
  add('inline-unnormalised', 'inline', 'COLOR:#F00;margin:0 auto', [{ op: 'set', name: 'top', value: '0' }]);
  add('inline-unnormalised-remove-missing', 'inline', 'COLOR:#F00', [{ op: 'remove', name: 'top' }]);
  add('inline-unnormalised-set-invalid', 'inline', 'COLOR:#F00', [{ op: 'set', name: 'top', value: 'bad' }]);
  add('inline-unnormalised-set-same', 'inline', 'color:#F00', [{ op: 'set', name: 'color', value: '#f00' }]);
  add('inline-important', 'inline', 'color: red !important', [{ op: 'set', name: 'color', value: 'blue' },
    { op: 'set', name: 'color', value: 'blue', priority: 'important' }, { op: 'set', name: 'top', value: '0', priority: 'important' },
    { op: 'set', name: 'color', value: 'green' }]);
  add('inline-transform', 'inline', 'transform: translateY(0px) rotate(-164.967deg); transition: transform 0.2s', [
    { op: 'set', name: 'transform', value: 'rotate(47.7deg)' }, { op: 'set', name: 'opacity', value: '0.5' },
    { op: 'remove', name: 'transition' }]);
  add('inline-shorthand-split', 'inline', 'border: 1px solid red', [{ op: 'set', name: 'border-left-width', value: '2px' },
    { op: 'set', name: 'border-left-width', value: '1px' }, { op: 'remove', name: 'border-top' }]);
  add('inline-empty-value', 'inline', 'color: red; top: 0', [{ op: 'set', name: 'color', value: '' }, { op: 'set', name: 'top', value: null }]);
  add('inline-custom', 'inline', '--a: 1', [{ op: 'set', name: '--b', value: 'x  y' }, { op: 'set', name: '--a', value: '' }]);
  add('inline-blocked', 'inline', null, [{ op: 'set', name: 'width', value: '100px' }, { op: 'set', name: 'height', value: '50.5px' }]);
  C.push(...EXTRA_CASES);
  return C;
}

// ---------------------------------------------------------------------------------------------------------------
// Where Chromium's output equals the input, the file stores "=" instead of repeating it.
const same = (input, output) => (input === output ? '=' : output);

async function main() {
  const casesOnly = process.argv.includes('--cases');
  const outFile = argValue('--out', casesOnly ? '-' : path.join(ROOT, 'tests/data/css_chromium.json'));
  const probe = argValue('--probe', null);
  if (probe) {
    const lines = fs.readFileSync(0, 'utf8').split('\n').filter((l) => l.length)
      .map((l) => (l.startsWith('"') ? JSON.parse(l) : l));
    const key = { rule: 'rules', sheet: 'sheets', decl: 'decls' }[probe];
    const res = await withPage((page) => runAll(page, { [key]: lines }));
    lines.forEach((l, i) => console.log(JSON.stringify(l) + '\n  -> ' + JSON.stringify(res[key][i])));
    return;
  }
  const casesFile = argValue('--cases', null);
  let input;
  if (casesFile) {
    input = { rules: [], sheets: [], decls: [], cases: JSON.parse(fs.readFileSync(casesFile, 'utf8')) };
  } else {
    const corpus = argValue('--corpus', path.resolve(ROOT, '../shared/corpus'));
    const m = fs.existsSync(corpus) ? mineCorpus(corpus) : null;
    input = buildInput(m);
  }
  const { version, res } = await withPage(async (page, version) => ({ version, res: await runAll(page, input) }));
  const cases = input.cases.map((c, i) => {
    const r = res.cases[i];
    if (c.base) {
      r.initial = absolutifyURLs(r.initial, c.base);
      for (const s of r.steps) s.css = absolutifyURLs(s.css, c.base);
    }
    return { ...c, ...r };
  });
  const doc = {
    generator: 'tools/css_truth.mjs', chromium: version,
    rules: input.rules.map((r, i) => [r, same(r, res.rules[i])]),
    sheets: input.sheets.map((s, i) => [s, same(s, res.sheets[i])]),
    decls: input.decls.map((d, i) => [d, same(d, res.decls[i])]),
    cases,
  };
  // One item per line, for readable diffs.
  const list = (xs) => '[\n' + xs.map((x) => JSON.stringify(x)).join(',\n') + '\n]';
  const text = `{"generator": ${JSON.stringify(doc.generator)}, "chromium": ${JSON.stringify(doc.chromium)},\n` +
    ['rules', 'sheets', 'decls', 'cases'].map((k) => `"${k}": ${list(doc[k])}`).join(',\n') + '}';
  if (outFile === '-') {
    process.stdout.write(text + '\n');
    return;
  }
  fs.writeFileSync(outFile, text + '\n');
  console.log(`wrote ${outFile}: ${doc.rules.length} rules, ${doc.sheets.length} sheets, ${doc.decls.length} decls, ` +
    `${cases.length} cases, ${text.length} bytes, Chromium ${version}`);
}

// Deterministic selection of corpus items (sorted, capped) so reruns give the same file.
function pick(values, maxCount, maxLen) {
  const arr = Array.from(new Set(values)).filter((v) => v.length <= maxLen).sort();
  if (arr.length <= maxCount) return arr;
  const step = arr.length / maxCount;
  const out = [];
  for (let i = 0; i < maxCount; i++) out.push(arr[Math.floor(i * step)]);
  return out;
}

function splitTopLevel(css) {
  // Splits serialised (Chromium) sheet text into top-level rules by brace depth, honouring strings.
  const out = [];
  let depth = 0, start = 0, q = null;
  for (let i = 0; i < css.length; i++) {
    const ch = css[i];
    if (q) { if (ch === '\\') i++; else if (ch === q) q = null; continue; }
    if (ch === '"' || ch === "'") q = ch;
    else if (ch === '{') depth++;
    else if (ch === '}') { depth--; if (depth === 0) { out.push(css.slice(start, i + 1).trim()); start = i + 1; } }
    else if (ch === ';' && depth === 0) { out.push(css.slice(start, i + 1).trim()); start = i + 1; }
  }
  return out.filter((s) => s.length);
}

function buildInput(m) {
  const rules = declCasesFromTable();
  const sheets = [...SHEETS];
  const decls = [...DECL_BLOCKS];
  const cases = opCases();
  if (m) {
    // Recorded sheets (Chromium output already): each top-level rule re-inserted must come back unchanged;
    // a few whole sheets too, as style text.
    const cssRules = [];
    for (const t of m.cssText) for (const r of splitTopLevel(t.replaceAll('/* rr_split */', ''))) cssRules.push(r);
    rules.push(...pick(cssRules, 160, 500));
    sheets.push(...pick([...m.cssText].map((t) => t.replaceAll('/* rr_split */', '')), 12, 6000));
    // Raw author CSS: <style> text, inserted rules, replace texts.
    sheets.push(...pick(m.styleText, 60, 8000));
    sheets.push(...pick(m.replaces, 20, 4000));
    rules.push(...pick(m.rules, 200, 1500));
    // Style attributes as written by pages (raw or Chromium-serialised).
    decls.push(...pick(m.styleAttr, 240, 300));
    // StyleDeclaration sets into a rule.
    const sets = m.declSets.slice(0, 40).map((s) => ({ op: 'set', path: [0], name: s.property, value: s.value, priority: s.priority || '' }));
    if (sets.length) cases.push({ name: 'corpus-declaration-sets', kind: 'style', text: 'a { color: red }', ops: sets });
    // Style diffs, applied like rrweb's Replayer (setProperty / removeProperty on element.style).
    const diffs = m.diffs.filter(([old, d]) => (old || '').length < 400).slice(0, 2000);
    const diffSel = pick(diffs.map((x) => JSON.stringify(x)), 80, 600).map((x) => JSON.parse(x));
    diffSel.forEach(([old, d], i) => {
      const ops = Object.entries(d).map(([k, v]) => (v === false ? { op: 'remove', name: k }
        : Array.isArray(v) ? { op: 'set', name: k, value: v[0], priority: v[1] || '' } : { op: 'set', name: k, value: String(v) }));
      cases.push({ name: `corpus-style-diff-${i}`, kind: 'inline', text: old, ops, diff: d });
    });
  }
  if (fs.existsSync(PEER)) rules.push(...pick(minePeerCss(PEER), 190, 400));
  return { rules: Array.from(new Set(rules)), sheets: Array.from(new Set(sheets)), decls: Array.from(new Set(decls)), cases };
}

await main();
