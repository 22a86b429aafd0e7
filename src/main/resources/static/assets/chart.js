// La courbe de la valeur du portefeuille (uPlot, servi par l'application elle-même).
import { money, LOCALE } from './format.js';

const hourMinute = new Intl.DateTimeFormat(LOCALE, { hour: '2-digit', minute: '2-digit' });
const dayMonth = new Intl.DateTimeFormat(LOCALE, { day: '2-digit', month: '2-digit' });
const monthYear = new Intl.DateTimeFormat(LOCALE, { month: 'short', year: 'numeric' });

/** Les graduations du temps à l'européenne : 14:00 sur 26/11, 26/11, nov. 2026 selon l'échelle. */
function timeTicks(u, splits, axisIdx, foundSpace, foundIncr) {
  let lastDay = null;
  return splits.map((seconds) => {
    const d = new Date(seconds * 1000);
    if (foundIncr >= 28 * 86400) return monthYear.format(d);
    const day = dayMonth.format(d);
    if (foundIncr >= 86400) return day;
    const label = hourMinute.format(d) + (day !== lastDay ? '\n' + day : '');
    lastDay = day;
    return label;
  });
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
    // le système passe en sombre ou en clair : on redessine avec les couleurs du nouveau thème
    DARK.addEventListener('change', () => {
      if (this.history) this.show(this.history);
    });
    // suit la largeur de la carte (téléphone tourné, fenêtre redimensionnée)
    this.resizer = new ResizeObserver(() => this.fit());
    this.resizer.observe(el);
  }

  show(history) {
    this.history = history;
    const rows = Array.isArray(history) ? history.slice().reverse() : [];
    const xs = [];
    const ys = [];
    for (const row of rows) {
      const t = Date.parse(row.created_at);
      const v = Number(row.total_value_eur);
      if (Number.isFinite(t) && row.total_value_eur !== null && Number.isFinite(v)) {
        xs.push(t / 1000);
        ys.push(v);
      }
    }
    if (this.plot) {
      this.plot.destroy();
      this.plot = null;
    }
    this.el.dataset.points = String(xs.length);
    this.emptyEl.hidden = xs.length > 0;
    if (xs.length === 0) return 0;
    this.plot = new window.uPlot(this.options(), [xs, ys], this.el);
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
      // quelques instantanés serrés (une démo qui démarre) : au moins une heure de large, centrée
      scales: { x: { time: true, range: (u, min, max) => (max - min >= 3600 ? [min, max] : [(min + max) / 2 - 1800, (min + max) / 2 + 1800]) } },
      axes: [
        { stroke: axis, grid: { stroke: grid }, ticks: { stroke: grid }, values: timeTicks },
        { stroke: axis, grid: { stroke: grid }, ticks: { stroke: grid }, size: 70, values: (u, ticks) => ticks.map((t) => money.eur(t)) },
      ],
      series: [
        {},
        { label: 'Value', stroke: themeColour('--chart-line'), width: 2, fill: themeColour('--chart-fill'),
          // peu de points : on les marque, sinon un seul instantané ne se verrait pas
          points: { show: (u) => u.data[0].length <= 60, size: 6, fill: themeColour('--card') } },
      ],
    };
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
