// La courbe de la valeur du portefeuille (uPlot, servi par l'application elle-même), dates et montants
// dans la locale du navigateur.
import { money, LOCALE } from './format.js';

const hourMinute = new Intl.DateTimeFormat(LOCALE, { hour: '2-digit', minute: '2-digit' });
const hourMinuteSecond = new Intl.DateTimeFormat(LOCALE, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** Un seul instantané : deux minutes autour de lui (dès deux, la courbe prend toute la largeur). */
const SINGLE_POINT_SPAN_SECONDS = 120;
/** Les pas du temps d'uPlot (en secondes), sans ceux de moins d'une seconde : jamais « 22:25:03 » deux fois. */
const TIME_STEPS = (() => {
  const m = 60, h = 3600, d = 86400, mo = 30 * d, y = 365 * d;
  return [1, 5, 10, 15, 30, m, 5 * m, 10 * m, 15 * m, 30 * m, h, 2 * h, 3 * h, 4 * h, 6 * h, 8 * h, 12 * h,
    d, 2 * d, 3 * d, 4 * d, 5 * d, 6 * d, 7 * d, 8 * d, 9 * d, 10 * d, 15 * d, mo, 2 * mo, 3 * mo, 4 * mo, 6 * mo,
    y, 2 * y, 5 * y, 10 * y, 25 * y, 50 * y, 100 * y];
})();
/** Au moins 10 centimes de haut : des graduations au centime au plus fin, donc jamais deux étiquettes pareilles. */
const MIN_SPAN_EUR = 0.1;
/** Des pas de 1, 2 ou 5 (jamais 0,025 €, qu'aucune étiquette à deux décimales ne dit juste). */
const EUR_STEPS = [];
for (let p = -2; p <= 7; p++) for (const m of [1, 2, 5]) EUR_STEPS.push(Number((m * 10 ** p).toFixed(Math.max(0, -p))));

/** L'étendue des instantanés ; un seul : deux minutes autour de lui. */
function dataRange(xs) {
  const min = xs[0];
  const max = xs[xs.length - 1];
  return max > min ? [min, max] : around(min, max, SINGLE_POINT_SPAN_SECONDS, 0);
}

/** Une étendue d'au moins {@code span}, centrée sur les données, avec une marge de 10 %. */
function around(min, max, span, margin) {
  if (max - min >= span) {
    const pad = (max - min) * margin;
    return [min - pad, max + pad];
  }
  const mid = (min + max) / 2;
  return [mid - span / 2, mid + span / 2];
}
const dayMonth = new Intl.DateTimeFormat(LOCALE, { day: '2-digit', month: '2-digit' });
const monthYear = new Intl.DateTimeFormat(LOCALE, { month: 'short', year: 'numeric' });

/** Les graduations du temps dans la locale : « 14:00 » sur « 26/11 » (fr-FR) ou « 02 PM » sur « 11/26 » (en-US)… */
function timeTicks(u, splits, axisIdx, foundSpace, foundIncr) {
  let lastDay = null;
  return splits.map((seconds) => {
    const d = new Date(seconds * 1000);
    if (foundIncr >= 28 * 86400) return monthYear.format(d);
    const day = dayMonth.format(d);
    if (foundIncr >= 86400) return day;
    // des graduations de moins d'une minute : avec les secondes, sinon « 22:02 » se répète
    const time = foundIncr < 60 ? hourMinuteSecond : hourMinute;
    const label = time.format(d) + (day !== lastDay ? '\n' + day : '');
    lastDay = day;
    return label;
  });
}

/**
 * La place entre deux graduations du temps : « 12:00 AM » (en-US) est plus large que « 00:00 » (fr-FR),
 * mesurée une fois dans la police des axes ; les premières minutes (des secondes, peu de points) gardent
 * l'écart par défaut d'uPlot.
 */
const HOUR_LABEL_PX = (() => {
  const ctx = document.createElement('canvas').getContext('2d');
  ctx.font = '12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
  return Math.ceil(ctx.measureText(hourMinute.format(new Date(2026, 0, 1, 12, 0))).width);
})();

function timeSpace(u, axisIdx, min, max) {
  return max - min <= 120 ? 50 : Math.max(50, HOUR_LABEL_PX + 16);
}

/** Une couleur du thème (app.css), lue au moment de dessiner : le graphique suit clair et sombre. */
function themeColour(name) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

const DARK = window.matchMedia('(prefers-color-scheme: dark)');

/**
 * Dessine l'historique (/api/budget/history, du plus récent au plus ancien) dans {@code el}.
 * Renvoie le nombre de points ; le graphique est recréé à chaque appel (quelques centaines de
 * points au plus, toutes les 30 s : c'est plus simple que de le tenir à jour).
 */
export class ValueChart {
  constructor(el, emptyEl) {
    this.el = el;
    this.emptyEl = emptyEl;
    this.plot = null;
    this.history = null;
    this.startGap = 0;
    // le système passe en sombre ou en clair : on redessine avec les couleurs du nouveau thème
    DARK.addEventListener('change', () => {
      if (this.history) this.show(this.history);
    });
    // suit la largeur de la carte (téléphone tourné, fenêtre redimensionnée)
    this.resizer = new ResizeObserver(() => this.fit());
    this.resizer.observe(el);
  }

  /**
   * {@code startGap} : l'écart copie − suiveur au premier instantané comparé (/api/copy/tracking,
   * start_gap_eur). La copie est dessinée abaissée d'autant : les deux courbes partent ensemble et
   * l'écart à droite est le coût de la copie que la phrase dit (cost_of_copying_eur), au centime.
   */
  show(history, startGap = this.startGap) {
    this.history = history;
    this.startGap = Number.isFinite(Number(startGap)) && startGap !== null ? Number(startGap) : 0;
    const rows = Array.isArray(history) ? history.slice().reverse() : [];
    const xs = [];
    const ys = [];
    const perfect = [];
    for (const row of rows) {
      const t = Date.parse(row.created_at);
      const v = Number(row.total_value_eur);
      if (Number.isFinite(t) && row.total_value_eur !== null && Number.isFinite(v)) {
        xs.push(t / 1000);
        ys.push(v);
        // la copie parfaite aux mêmes prix ; absente avant son premier signal (un trou, pas un zéro)
        const p = row.perfect_value_eur === null || row.perfect_value_eur === undefined ? null : Number(row.perfect_value_eur);
        perfect.push(Number.isFinite(p) ? p - this.startGap : null);
      }
    }
    this.hasPerfect = perfect.some((p) => p !== null);
    if (this.plot) {
      this.plot.destroy();
      this.plot = null;
    }
    this.el.dataset.points = String(xs.length);
    // l'écart dessiné au dernier point, gardé en texte pour qui veut le comparer à la phrase (les tests)
    const last = perfect.map((p) => p !== null).lastIndexOf(true);
    this.el.dataset.endGapEur = last < 0 ? '' : (perfect[last] - ys[last]).toFixed(2);
    this.emptyEl.hidden = xs.length > 0;
    if (xs.length === 0) return 0;
    this.plot = new window.uPlot(this.options(), this.hasPerfect ? [xs, ys, perfect] : [xs, ys], this.el);
    return xs.length;
  }

  options() {
    const axis = themeColour('--chart-axis');
    const grid = themeColour('--chart-grid');
    return {
      width: this.width(),
      height: 220,
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
      scales: {
        // les premières minutes (une démo, un suiveur neuf) s'étalent sur toute la largeur, pas en un trait
        // (les données elles-mêmes : pour un point seul, uPlot proposerait 86 400 000 s, soit des années)
        x: { time: true, range: (u) => dataRange(u.data[0]) },
        y: { range: (u, min, max) => around(min, max, MIN_SPAN_EUR, 0.1) },
      },
      axes: [
        { stroke: axis, grid: { stroke: grid }, ticks: { stroke: grid }, incrs: TIME_STEPS, space: timeSpace,
          values: (...args) => this.labels('x', timeTicks(...args)) },
        { stroke: axis, grid: { stroke: grid }, ticks: { stroke: grid }, size: 80, incrs: EUR_STEPS,
          values: (u, ticks) => this.labels('y', ticks.map((t) => money.eur(t))) },
      ],
      series: [
        {},
        { label: 'Value', stroke: themeColour('--chart-line'), width: 2, fill: themeColour('--chart-fill'),
          // peu de points : on les marque, sinon un seul instantané ne se verrait pas
          points: { show: (u) => u.data[0].length <= 60, size: 6, fill: themeColour('--card') } },
      ].concat(this.hasPerfect ? [{ label: 'Perfect copy', stroke: themeColour('--chart-perfect'), width: 2, dash: [6, 4],
        points: { show: false } }] : []),
    };
  }

  /** Les étiquettes dessinées sur le canevas, gardées aussi en texte (data-x-labels, data-y-labels). */
  labels(axis, texts) {
    this.el.dataset[axis + 'Labels'] = JSON.stringify(texts.map((t) => String(t).replace(/\s+/g, ' ')));
    return texts;
  }

  width() {
    return Math.max(240, Math.floor(this.el.clientWidth || 600));
  }

  fit() {
    if (this.plot && Math.abs(this.plot.width - this.width()) > 1) {
      this.plot.setSize({ width: this.width(), height: 220 });
    }
  }
}
