// Runs inside the measuring page (headless Chromium): `measureSvg(tool)` measures the one SVG in
// `#stage`, drawn at its natural size, and returns plain numbers. Both tools' drawings are
// measured by this same code; only the selectors that find nodes, clusters and edges differ.
/* eslint-env browser */
/* global window, document, DOMPoint */

window.measureSvg = function measureSvg (tool) {
  const NEAR = 8 // px: "within 8 px of a foreign box"
  const STEP = 2 // px between samples along an edge
  const svg = document.querySelector('#stage svg')
  const vb = svg.viewBox.baseVal
  const width = vb && vb.width ? vb.width : svg.getBBox().width
  const height = vb && vb.height ? vb.height : svg.getBBox().height
  // Natural size: one user unit is one CSS pixel.
  svg.setAttribute('width', width)
  svg.setAttribute('height', height)
  svg.style.maxWidth = 'none'
  const origin = svg.getBoundingClientRect()
  const box = (r) => ({ l: r.left - origin.left, t: r.top - origin.top, r: r.right - origin.left, b: r.bottom - origin.top })
  const union = (els) => {
    let u = null
    for (const e of els) {
      const r = e.getBoundingClientRect()
      if (r.width === 0 && r.height === 0) continue
      const b = box(r)
      u = u ? { l: Math.min(u.l, b.l), t: Math.min(u.t, b.t), r: Math.max(u.r, b.r), b: Math.max(u.b, b.b) } : b
    }
    return u
  }
  const SHAPES = 'rect,path,polygon,polyline,circle,ellipse,line'

  // --- nodes: id, shape box, label text box ---------------------------------------------
  const nodes = []
  const nodeEls = tool === 'netfig'
    ? svg.querySelectorAll('g.node')
    : svg.querySelectorAll('g.node')
  for (const g of nodeEls) {
    let id
    if (tool === 'netfig') {
      id = g.dataset.id
    } else {
      const m = /flowchart-(.*)-\d+$/.exec(g.id || '')
      id = m ? m[1] : g.id
    }
    const shapes = [...g.querySelectorAll(SHAPES)].filter(e =>
      !e.closest('text') && !e.closest('.label') && !e.closest('foreignObject') && !e.closest('title'))
    const shapeBox = union(shapes)
    if (!shapeBox) continue
    let textBox = null
    let hasText = false
    if (tool === 'netfig') {
      const t = [...g.querySelectorAll('text')].filter(t => t.textContent.trim())
      hasText = t.length > 0
      textBox = union(t)
    } else {
      const fo = [...g.querySelectorAll('foreignObject')]
      const texts = [...g.querySelectorAll('text')].filter(t => t.textContent.trim() && !t.closest('foreignObject'))
      const rects = []
      for (const f of fo) {
        if (!f.textContent.trim()) continue
        const range = document.createRange()
        range.selectNodeContents(f.firstElementChild || f)
        for (const r of range.getClientRects()) if (r.width > 0) rects.push(r)
      }
      hasText = rects.length > 0 || texts.length > 0
      textBox = union([...rects.map(r => ({ getBoundingClientRect: () => r })), ...texts])
    }
    nodes.push({ id, box: shapeBox, text: hasText ? textBox : null })
  }

  // --- clusters: id, title box ---------------------------------------------------------------
  const clusters = []
  for (const g of svg.querySelectorAll('g.cluster')) {
    const id = tool === 'netfig' ? g.dataset.id : (g.id || '').replace(/^my-svg-/, '')
    let title
    if (tool === 'netfig') {
      title = union([...g.querySelectorAll(':scope > text')].filter(t => t.textContent.trim()))
    } else {
      const lab = g.querySelector(':scope > .cluster-label')
      const rects = []
      if (lab && lab.textContent.trim()) {
        const range = document.createRange()
        range.selectNodeContents(lab)
        for (const r of range.getClientRects()) if (r.width > 0) rects.push(r)
      }
      title = union(rects.map(r => ({ getBoundingClientRect: () => r })))
    }
    clusters.push({ id, title })
  }
  const nodeById = new Map(nodes.map(n => [n.id, n]))
  const known = new Set([...nodes.map(n => n.id), ...clusters.map(c => c.id)])

  // --- edges: ends and sampled curve (with arrowheads) -------------------------------------------
  const edgeEls = tool === 'netfig'
    ? [...svg.querySelectorAll('g.edge > path.line')].filter(p => !p.classList.contains('invisible'))
    : [...svg.querySelectorAll('path[data-edge="true"]')].filter(p => !/invisible/.test(p.getAttribute('class') || ''))
  const toScreen = (p, m) => {
    const q = new DOMPoint(p.x, p.y).matrixTransform(m)
    return { x: q.x - origin.left, y: q.y - origin.top }
  }
  const dist = (p, b) => {
    const dx = Math.max(b.l - p.x, 0, p.x - b.r)
    const dy = Math.max(b.t - p.y, 0, p.y - b.b)
    return Math.hypot(dx, dy)
  }
  // Distances are compared to 0.01 px: Chromium gives path points as 32-bit floats, so an
  // edge drawn 8 px from a box measures 7.9999995 px and would count as within 8 px.
  const within = (d) => Math.round(d * 100) / 100 < NEAR
  const inside = (p, b, inset) => p.x > b.l + inset && p.x < b.r - inset && p.y > b.t + inset && p.y < b.b - inset
  // How far an arrowhead's tip reaches beyond the path's end, in px.
  const markerReach = (ref) => {
    const m = /url\(#([^)]+)\)/.exec(ref || '')
    if (!m) return 0
    const mk = svg.querySelector(`marker[id="${CSS.escape(m[1])}"]`)
    if (!mk) return 0
    const mvb = mk.viewBox.baseVal
    const scale = mvb && mvb.width ? mk.markerWidth.baseVal.value / mvb.width : 1
    let minX = Infinity; let maxX = -Infinity
    for (const c of mk.querySelectorAll(SHAPES)) {
      const bb = c.getBBox()
      minX = Math.min(minX, bb.x); maxX = Math.max(maxX, bb.x + bb.width)
    }
    if (!isFinite(minX)) return 0
    const refX = mk.refX.baseVal.value
    return Math.max(maxX - refX, refX - minX) * scale
  }
  const nearestEnd = (p) => {
    let best = null; let bd = Infinity
    for (const n of nodes) {
      const d = dist(p, n.box)
      if (d < bd) { bd = d; best = n.id }
    }
    return best
  }
  const edges = []
  for (const path of edgeEls) {
    const len = path.getTotalLength()
    if (!(len > 0)) continue
    const m = path.getScreenCTM()
    const n = Math.max(2, Math.ceil(len / STEP))
    const pts = []
    for (let i = 0; i <= n; i++) pts.push(toScreen(path.getPointAtLength(len * i / n), m))
    // Arrowheads: extend each marked end along its end tangent as far as the tip reaches.
    const extend = (a, b, reach) => {
      const dx = a.x - b.x; const dy = a.y - b.y; const d = Math.hypot(dx, dy) || 1
      const out = []
      for (let s = STEP; s < reach + STEP; s += STEP) {
        const k = Math.min(s, reach) / d
        out.push({ x: a.x + dx * k, y: a.y + dy * k })
      }
      return out
    }
    const head = markerReach(path.getAttribute('marker-start'))
    const tail = markerReach(path.getAttribute('marker-end'))
    const all = [
      ...extend(pts[0], pts[Math.min(2, pts.length - 1)], head).reverse(),
      ...pts,
      ...extend(pts[pts.length - 1], pts[Math.max(0, pts.length - 3)], tail)
    ]
    let from; let to
    if (tool === 'netfig') {
      const g = path.closest('g.edge')
      from = g.dataset.from; to = g.dataset.to
    } else {
      // `L_<from>_<to>_<n>`: ids may hold `_`, so take the split whose halves are known ids.
      const id = path.dataset.id || ''
      const mm = /^L_(.*)_\d+$/.exec(id)
      if (mm) {
        const parts = mm[1].split('_')
        for (let i = 1; i < parts.length; i++) {
          const a = parts.slice(0, i).join('_'); const b = parts.slice(i).join('_')
          if (known.has(a) && known.has(b)) { from = a; to = b; break }
        }
      }
      if (from === undefined) { from = nearestEnd(pts[0]); to = nearestEnd(pts[pts.length - 1]) }
    }
    edges.push({ from, to, pts: all })
  }

  // --- through / near a foreign node or cluster title ------------------------------------------
  // Each edge counts once: through if it enters any foreign box, else near if it comes within
  // NEAR px of one. `problems` names them (results.json) so a count can be checked by eye.
  let through = 0; let near = 0
  const problems = []
  const obstacles = [
    ...nodes.map(n => ({ id: n.id, what: 'node', box: n.box })),
    ...clusters.filter(c => c.title).map(c => ({ id: c.id, what: 'cluster title', box: c.title }))
  ]
  for (const e of edges) {
    let hit = null; let close = null
    for (const o of obstacles) {
      if (o.id === e.from || o.id === e.to) continue
      for (const p of e.pts) {
        if (inside(p, o.box, 1)) { hit = o; break }
        if (!close && within(dist(p, o.box))) close = o
      }
      if (hit) break
    }
    if (hit) {
      through++
      problems.push(`${e.from}->${e.to} through ${hit.what} ${hit.id}`)
    } else if (close) {
      near++
      problems.push(`${e.from}->${e.to} within ${NEAR} px of ${close.what} ${close.id}`)
    }
  }

  // --- crossings: intersection points of two edges, away from the ends they share --------------
  const bboxOf = (pts) => {
    let l = Infinity; let t = Infinity; let r = -Infinity; let b = -Infinity
    for (const p of pts) { l = Math.min(l, p.x); t = Math.min(t, p.y); r = Math.max(r, p.x); b = Math.max(b, p.y) }
    return { l, t, r, b }
  }
  const CHUNK = 16
  const chunks = edges.map(e => {
    const out = []
    for (let i = 0; i < e.pts.length - 1; i += CHUNK) {
      const seg = e.pts.slice(i, Math.min(i + CHUNK + 1, e.pts.length))
      out.push({ seg, bb: bboxOf(seg) })
    }
    return out
  })
  const overlap = (a, b) => a.l <= b.r && b.l <= a.r && a.t <= b.b && b.t <= a.b
  const cross = (p, q, r, s) => {
    const d = (q.x - p.x) * (s.y - r.y) - (q.y - p.y) * (s.x - r.x)
    if (d === 0) return null
    const t = ((r.x - p.x) * (s.y - r.y) - (r.y - p.y) * (s.x - r.x)) / d
    const u = ((r.x - p.x) * (q.y - p.y) - (r.y - p.y) * (q.x - p.x)) / d
    if (t < 0 || t > 1 || u < 0 || u > 1) return null
    return { x: p.x + t * (q.x - p.x), y: p.y + t * (q.y - p.y) }
  }
  const endBoxes = (e) => [e.from, e.to].map(id => {
    const n = nodeById.get(id)
    if (n) return n.box
    return null
  }).filter(Boolean)
  let crossings = 0
  // Each crossing named by its two edges and where it is (results.json), to diagnose by eye.
  const crossingList = []
  const ebb = edges.map(e => bboxOf(e.pts))
  for (let i = 0; i < edges.length; i++) {
    for (let j = i + 1; j < edges.length; j++) {
      if (!overlap(ebb[i], ebb[j])) continue
      const shared = endBoxes(edges[i]).filter(b => endBoxes(edges[j]).includes(b))
      // Two edges that share an end meet there (and run together near it): not a crossing.
      const sharedIds = [edges[i].from, edges[i].to].filter(id => id === edges[j].from || id === edges[j].to)
      const hits = []
      for (const a of chunks[i]) {
        for (const b of chunks[j]) {
          if (!overlap(a.bb, b.bb)) continue
          for (let x = 0; x < a.seg.length - 1; x++) {
            for (let y = 0; y < b.seg.length - 1; y++) {
              const h = cross(a.seg[x], a.seg[x + 1], b.seg[y], b.seg[y + 1])
              if (!h) continue
              if (shared.some(bx => dist(h, bx) < 12)) continue
              if (sharedIds.length && !shared.length) {
                // A shared cluster end: ignore hits near the path ends.
                const ends = [edges[i].pts[0], edges[i].pts[edges[i].pts.length - 1]]
                if (ends.some(p => Math.hypot(p.x - h.x, p.y - h.y) < 12)) continue
              }
              if (hits.some(k => Math.hypot(k.x - h.x, k.y - h.y) < 6)) continue
              hits.push(h)
            }
          }
        }
      }
      crossings += hits.length
      for (const h of hits) {
        crossingList.push({
          edges: [`${edges[i].from}->${edges[i].to}`, `${edges[j].from}->${edges[j].to}`],
          at: [Math.round(h.x), Math.round(h.y)]
        })
      }
    }
  }

  // --- labels fitting --------------------------------------------------------------------------
  let labels = 0; let fit = 0
  const TOL = 0.5
  for (const n of nodes) {
    if (!n.text) continue
    labels++
    const t = n.text; const b = n.box
    if (t.l >= b.l - TOL && t.r <= b.r + TOL && t.t >= b.t - TOL && t.b <= b.b + TOL) fit++
  }

  return {
    width: Math.round(width * 10) / 10,
    height: Math.round(height * 10) / 10,
    nodes: nodes.length,
    edges: edges.length,
    crossings,
    crossingList,
    through,
    near,
    labels,
    fit,
    problems
  }
}
