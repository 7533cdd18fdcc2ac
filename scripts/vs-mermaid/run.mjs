// The mermaid comparison: renders every diagram of the set with mermaid (mermaid-cli's
// renderMermaid) and with netfig (`target/release/netfig render`), measures both SVGs the same
// way in one headless Chromium session (measure.js) and writes the table into
// docs/vs-mermaid.md between its markers. Run it through ./run (it installs what it needs).
//
// Environment: NETFIG (a netfig binary; default target/release/netfig, built by ./run),
// CHROMIUM (default /usr/bin/chromium), VS_MERMAID_ONLY (a substring: measure only matching
// diagrams, for debugging; the doc is then left alone).

import fs from 'node:fs'
import path from 'node:path'
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import puppeteer from 'puppeteer'

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.resolve(here, '..', '..')
const corpus = path.resolve(root, '..', 'shared', 'corpus', 'realworld', 'flowchart')
const ours = path.join(root, 'tests', 'fixtures', 'vs-mermaid')
const out = path.join(here, 'out')
const netfig = process.env.NETFIG || path.join(root, 'target', 'release', 'netfig')
const only = process.env.VS_MERMAID_ONLY || ''
const started = Date.now()

// --- the diagram set ---------------------------------------------------------------------------
const diagrams = []
const skipped = []
if (fs.existsSync(path.join(corpus, 'MANIFEST.tsv'))) {
  const rows = fs.readFileSync(path.join(corpus, 'MANIFEST.tsv'), 'utf8').trim().split('\n').slice(1)
  for (const row of rows) {
    const [file, repo, , renders] = row.split('\t')
    const name = 'corpus/' + file.replace(/\.mmd$/, '')
    if (renders !== 'yes') { skipped.push(`${name} (${repo}): mermaid rejects it`); continue }
    diagrams.push({ name, src: path.join(corpus, file) })
  }
} else {
  console.error(`warning: no corpus at ${corpus}; measuring the project's own diagrams only`)
}
for (const file of fs.readdirSync(ours).filter(f => f.endsWith('.mmd')).sort()) {
  diagrams.push({ name: 'ours/' + file.replace(/\.mmd$/, ''), src: path.join(ours, file) })
}
const chosen = diagrams.filter(d => d.name.includes(only))

// --- netfig: one process renders them all ------------------------------------------------------
fs.rmSync(out, { recursive: true, force: true })
for (const dir of ['netfig/corpus', 'netfig/ours', 'mermaid/corpus', 'mermaid/ours']) {
  fs.mkdirSync(path.join(out, dir), { recursive: true })
}
for (const set of ['corpus', 'ours']) {
  const inputs = chosen.filter(d => d.name.startsWith(set + '/')).map(d => d.src)
  if (!inputs.length) continue
  try {
    execFileSync(netfig, ['render', '--out-dir', path.join(out, 'netfig', set), ...inputs], { stdio: ['ignore', 'ignore', 'pipe'] })
  } catch (e) {
    console.error(`netfig reported problems (exit ${e.status}):\n${e.stderr}`)
  }
}

// --- one browser for mermaid's rendering and for all measuring ---------------------------------
// mermaid renders in one page as mermaid-cli's renderMermaid does (its page, mermaid's IIFE bundle,
// its fonts and layout loaders, `mermaid.render` with the id `my-svg`), loaded once for all diagrams.
const modules = path.join(here, 'node_modules')
const cliPage = path.join(modules, '@mermaid-js', 'mermaid-cli', 'dist', 'index.html')
const mermaidJs = path.join(modules, 'mermaid', 'dist', 'mermaid.js')
// puppeteer.json is also the file to give `mmdc -p` by hand: Debian's Chromium, no network.
const launch = JSON.parse(fs.readFileSync(path.join(here, 'puppeteer.json'), 'utf8'))
const browser = await puppeteer.launch({
  ...launch,
  executablePath: process.env.CHROMIUM || launch.executablePath,
  headless: true
})
const results = []
try {
  const mm = await browser.newPage()
  mm.on('console', (msg) => { if (msg.type() === 'error') console.error(`mermaid: ${msg.text()}`) })
  await mm.goto('file://' + cliPage)
  await mm.addScriptTag({ path: mermaidJs })
  await mm.evaluate(async () => {
    await Promise.all(Array.from(document.fonts, (font) => font.load()))
    if (globalThis.elkLayouts) globalThis.mermaid.registerLayoutLoaders(globalThis.elkLayouts)
  })
  const renderMermaid = (definition) => mm.$eval('#container', async (container, definition) => {
    const { mermaid } = globalThis
    // mmdc's own defaults: theme `default`.
    mermaid.initialize({ startOnLoad: false, theme: 'default' })
    const { svg } = await mermaid.render('my-svg', definition, container)
    container.innerHTML = svg
    const text = new XMLSerializer().serializeToString(container.getElementsByTagName('svg')[0])
    container.innerHTML = ''
    return text
  }, definition)
  const page = await browser.newPage()
  await page.setContent('<!doctype html><html><body style="margin:0;background:white"><div id="stage"></div></body></html>')
  await page.addScriptTag({ path: path.join(here, 'measure.js') })
  const measure = async (svgText, tool) => {
    await page.evaluate((s) => { document.getElementById('stage').innerHTML = s }, svgText)
    await page.evaluate(() => document.fonts.ready)
    return page.evaluate((t) => window.measureSvg(t), tool)
  }
  for (const d of chosen) {
    const row = { name: d.name }
    const nfFile = path.join(out, 'netfig', d.name + '.svg')
    if (fs.existsSync(nfFile)) {
      row.netfig = await measure(fs.readFileSync(nfFile, 'utf8'), 'netfig')
    } else {
      row.netfig = null
    }
    try {
      const svgText = await renderMermaid(fs.readFileSync(d.src, 'utf8'))
      fs.writeFileSync(path.join(out, 'mermaid', d.name + '.svg'), svgText)
      row.mermaid = await measure(svgText, 'mermaid')
    } catch (e) {
      console.error(`${d.name}: mermaid failed: ${String(e.message || e).split('\n')[0]}`)
      row.mermaid = null
    }
    results.push(row)
    process.stderr.write('.')
  }
  process.stderr.write('\n')
} finally {
  await browser.close()
}
const seconds = (Date.now() - started) / 1000
fs.writeFileSync(path.join(out, 'results.json'), JSON.stringify({ seconds, skipped, results }, null, 1))

// --- the table ---------------------------------------------------------------------------------
const COLUMN = 750
const both = results.filter(r => r.netfig && r.mermaid)
const cell = (r, k) => r ? String(r[k]) : '—'
const fits = (r) => r ? `${r.fit}/${r.labels}` : '—'
const px = (v) => v === undefined ? '—' : String(Math.round(v))
const lines = []
lines.push('| diagram | crossings nf / mm | through nf / mm | within 8 px nf / mm | width nf / mm | height nf / mm | labels fitting nf / mm |')
lines.push('|---|---|---|---|---|---|---|')
for (const r of results) {
  const n = r.netfig; const m = r.mermaid
  lines.push(`| ${r.name} | ${cell(n, 'crossings')} / ${cell(m, 'crossings')} | ${cell(n, 'through')} / ${cell(m, 'through')} | ${cell(n, 'near')} / ${cell(m, 'near')} | ${px(n?.width)} / ${px(m?.width)} | ${px(n?.height)} / ${px(m?.height)} | ${fits(n)} / ${fits(m)} |`)
}
const sum = (tool, k) => both.reduce((a, r) => a + r[tool][k], 0)
const median = (tool, k) => {
  const v = both.map(r => r[tool][k]).sort((a, b) => a - b)
  return v.length ? v[Math.floor(v.length / 2)] : 0
}
const wide = (tool) => both.filter(r => r[tool].width > COLUMN).length
const total = (k) => `**${sum('netfig', k)}** / **${sum('mermaid', k)}**`
lines.push(`| **total (${both.length} drawn by both)** | ${total('crossings')} | ${total('through')} | ${total('near')} | Σ ${Math.round(sum('netfig', 'width'))} / ${Math.round(sum('mermaid', 'width'))} | Σ ${Math.round(sum('netfig', 'height'))} / ${Math.round(sum('mermaid', 'height'))} | ${sum('netfig', 'fit')}/${sum('netfig', 'labels')} / ${sum('mermaid', 'fit')}/${sum('mermaid', 'labels')} |`)
const summary = [
  '| measure (diagrams drawn by both) | netfig | mermaid |',
  '|---|---|---|',
  `| diagrams | ${both.length} | ${both.length} |`,
  `| edge crossings | ${sum('netfig', 'crossings')} | ${sum('mermaid', 'crossings')} |`,
  `| edges through a foreign node or cluster title | ${sum('netfig', 'through')} | ${sum('mermaid', 'through')} |`,
  `| edges within 8 px of one (not through) | ${sum('netfig', 'near')} | ${sum('mermaid', 'near')} |`,
  `| total width, px | ${Math.round(sum('netfig', 'width'))} | ${Math.round(sum('mermaid', 'width'))} |`,
  `| total height, px | ${Math.round(sum('netfig', 'height'))} | ${Math.round(sum('mermaid', 'height'))} |`,
  `| median width / height, px | ${Math.round(median('netfig', 'width'))} / ${Math.round(median('netfig', 'height'))} | ${Math.round(median('mermaid', 'width'))} / ${Math.round(median('mermaid', 'height'))} |`,
  `| diagrams wider than ${COLUMN} px | ${wide('netfig')} | ${wide('mermaid')} |`,
  `| node labels fitting their box | ${sum('netfig', 'fit')} of ${sum('netfig', 'labels')} | ${sum('mermaid', 'fit')} of ${sum('mermaid', 'labels')} |`
]
const missing = results.filter(r => !r.netfig || !r.mermaid).map(r => `${r.name} (${!r.netfig ? 'netfig' : 'mermaid'} drew nothing)`)
const generated = [
  `Run of ${new Date().toISOString().slice(0, 10)}: ${results.length} diagrams measured in ${seconds.toFixed(0)} s`,
  `(mermaid ${JSON.parse(fs.readFileSync(path.join(here, 'node_modules', 'mermaid', 'package.json'), 'utf8')).version},`,
  `${netfigVersion()}).`,
  '',
  ...summary,
  '',
  'Left out: ' + (skipped.length ? skipped.join('; ') : 'none') + '.' + (missing.length ? ' Not drawn by one tool (no row in the totals): ' + missing.join('; ') + '.' : ''),
  '',
  ...lines
].join('\n')

/** `netfig 0.1.0 at <commit>` (the working tree's, when it is the build measured). */
function netfigVersion () {
  const v = execFileSync(netfig, ['--version']).toString().trim()
  if (process.env.NETFIG) return `${v}, ${process.env.NETFIG}`
  try {
    const rev = execFileSync('git', ['-C', root, 'rev-parse', '--short', 'HEAD']).toString().trim()
    const dirty = execFileSync('git', ['-C', root, 'status', '--porcelain', '--', 'src']).toString().trim()
    return `${v} at ${rev}${dirty ? ' with uncommitted changes in src/' : ''}`
  } catch {
    return v
  }
}

const doc = path.join(root, 'docs', 'vs-mermaid.md')
if (only) {
  console.log(generated)
} else {
  const text = fs.readFileSync(doc, 'utf8')
  const start = '<!-- vs-mermaid:start -->'; const end = '<!-- vs-mermaid:end -->'
  const a = text.indexOf(start); const b = text.indexOf(end)
  if (a < 0 || b < a) throw new Error(`${doc} lacks the ${start} … ${end} markers`)
  fs.writeFileSync(doc, text.slice(0, a + start.length) + '\n' + generated + '\n' + text.slice(b))
  console.log(summary.join('\n'))
  console.log(`wrote ${path.relative(root, doc)} (${seconds.toFixed(0)} s)`)
}
