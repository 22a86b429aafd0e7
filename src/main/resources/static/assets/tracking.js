// Ce que copier coûte : le suiveur à côté de sa copie parfaite (/api/copy/tracking), en mots et en barres.
// La page ne calcule rien : la phrase, le graphique et l'API reprennent les champs d'un même calcul
// (perfect/CopyTracking) ; ici, on ne fait que les mettre en mots et en forme.
import { money, num, LOCALE } from './format.js';

const $ = (id) => document.getElementById(id);
const PERIOD_WORDS = { '1d': 'the last day', '1w': 'the last week', '1m': 'the last month', '1y': 'the last year' };
/** Un jour de l'API (« 2026-12-07 », jour UTC) dans la locale du navigateur, sans glisser d'un fuseau à l'autre. */
const dayFormat = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'short', timeZone: 'UTC' });
/** Ce qui, hors frais, sépare le suiveur de sa copie (trading.md, « What copying costs »). */
const THE_REST = 'minimum orders, rounding, slippage, delays and your limits';

export function dayText(day) {
  const d = /^\d{4}-\d{2}-\d{2}$/.test(String(day)) ? new Date(day + 'T00:00:00Z') : null;
  return d === null || Number.isNaN(d.getTime()) ? String(day || '') : dayFormat.format(d);
}

/** « 0,02 % » ; sous le centième affiché, « less than 0.01 % » plutôt qu'un zéro qui contredirait les euros. */
function pointsText(diff) {
  const shown = money.pctPoints(Math.abs(diff)).replace('+', '');
  return Math.abs(diff) < 0.005 ? 'less than ' + money.pctPoints(0.01).replace('+', '') : shown;
}

/**
 * L'écart en phrases, depuis les seuls champs de l'API : le verdict (comparison, jugé au centime du
 * coût), le coût en euros (cost_of_copying_eur), puis sa part de frais (fees_eur) et le reste
 * (other_costs_eur, négatif quand il a joué pour le suiveur) ; les deux parts font le coût.
 */
export function trackingSentence(tracking) {
  const comparison = tracking ? tracking.comparison : null;
  const cost = num(tracking && tracking.cost_of_copying_eur);
  if (!comparison || cost === null) {
    return num(tracking && tracking.signals) > 0
      ? 'A perfect copy of the leader is being kept beside this follower; the comparison appears after the next snapshots.'
      : '';
  }
  const over = 'Over ' + (PERIOD_WORDS[tracking.period] || 'this period') + ', ';
  const diff = num(tracking.tracking_difference_pct);
  // le sens du rendement, lu sur l'écart lui-même ; sous le centième affiché, celui des euros
  const higher = diff > 0 || (Math.abs(diff) < 0.005 && comparison === 'ahead');
  const share = diff === null ? '' : ' (a return ' + (higher ? 'higher' : 'lower') + ' by ' + pointsText(diff) + ')';
  let text;
  if (comparison === 'same') {
    text = over + 'this follower did as well as a perfect copy of the leader, to the cent.';
  } else if (comparison === 'ahead') {
    text = over + 'this follower did ' + money.eur(-cost) + ' better than a perfect copy of the leader' + share + '.';
  } else {
    text = over + 'this follower did ' + money.eur(cost) + ' worse than a perfect copy of the leader' + share + '.';
  }
  const fees = num(tracking.fees_eur);
  const rest = num(tracking.other_costs_eur);
  const parts = [];
  if (fees !== null && fees !== 0) parts.push('fees cost ' + money.eur(fees));
  if (rest !== null && rest > 0) parts.push(THE_REST + ' cost ' + money.eur(rest));
  if (rest !== null && rest < 0) parts.push(THE_REST + ' gained back ' + money.eur(-rest));
  if (parts.length > 0) {
    const joined = parts.join('; ');
    text += ' ' + joined.charAt(0).toUpperCase() + joined.slice(1) + '.';
  }
  return text;
}

/** Le jour choisi d'un toucher (ou des flèches), gardé d'une mise à jour à l'autre. */
let chosenDay = null;

function dayDetail(d) {
  if (!d) return '';
  const perfect = num(d.perfect_pnl_eur);
  return dayText(d.day) + ': ' + money.signedEur(d.follower_pnl_eur) + (perfect === null ? '' : ' · perfect copy ' + money.signedEur(perfect));
}

function choose(days, index, focus) {
  const bars = [...$('daily-bars').children];
  if (!bars[index]) return;
  chosenDay = days[index].day;
  bars.forEach((bar, i) => {
    bar.setAttribute('aria-pressed', String(i === index));
    bar.tabIndex = i === index ? 0 : -1;
  });
  if (focus) bars[index].focus();
  $('daily-detail').textContent = dayDetail(days[index]);
}

/**
 * Les barres du P&L de chaque jour (le suiveur), en hauteur relative au plus grand mouvement, avec leur
 * échelle en euros à gauche ; un toucher (ou les flèches) sur une barre dit son jour et ses chiffres,
 * sans survol : sur un téléphone, le survol n'existe pas.
 */
function renderDaily(daily) {
  const days = Array.isArray(daily) ? daily.filter((d) => num(d.follower_pnl_eur) !== null) : [];
  const bars = $('daily-bars');
  $('daily-empty').hidden = days.length > 0;
  $('daily-chart').hidden = days.length === 0;
  const biggest = Math.max(0.01, ...days.map((d) => Math.abs(num(d.follower_pnl_eur))));
  $('daily-axis-top').textContent = money.signedEur(biggest);
  $('daily-axis-zero').textContent = money.eur(0);
  $('daily-axis-bottom').textContent = money.signedEur(-biggest);
  bars.replaceChildren(...days.map((d, index) => {
    const pnl = num(d.follower_pnl_eur);
    const day = document.createElement('button');
    day.type = 'button';
    day.className = 'day';
    day.title = dayDetail(d);
    day.setAttribute('aria-label', dayDetail(d));
    for (const side of ['up', 'down']) {
      const half = document.createElement('span');
      half.className = 'half ' + side;
      if ((side === 'up') === (pnl >= 0)) {
        const fill = document.createElement('span');
        fill.className = 'fill';
        // CSSOM, pas d'attribut style : la CSP default-src 'self' le permet
        fill.style.height = Math.max(2, Math.round(Math.abs(pnl) / biggest * 100)) + '%';
        half.append(fill);
      }
      day.append(half);
    }
    day.addEventListener('click', () => choose(days, index, false));
    day.addEventListener('keydown', (event) => {
      const step = { ArrowLeft: -1, ArrowRight: 1 }[event.key];
      if (step) {
        event.preventDefault();
        choose(days, Math.max(0, Math.min(days.length - 1, index + step)), true);
      }
    });
    return day;
  }));
  bars.dataset.days = String(days.length);
  $('daily-first').textContent = days.length ? dayText(days[0].day) : '';
  $('daily-last').textContent = days.length ? dayText(days[days.length - 1].day) : '';
  const kept = days.findIndex((d) => d.day === chosenDay);
  if (days.length > 0) choose(days, kept >= 0 ? kept : days.length - 1, false);
  else $('daily-detail').textContent = '';
  const up = days.filter((d) => num(d.follower_pnl_eur) > 0).length;
  const down = days.filter((d) => num(d.follower_pnl_eur) < 0).length;
  const total = days.reduce((sum, d) => sum + num(d.follower_pnl_eur), 0);
  $('daily-summary').textContent = days.length === 0 ? ''
    : days.length + (days.length === 1 ? ' day: ' : ' days: ') + up + ' up, ' + down + ' down, ' + money.signedEur(total) + ' in all.';
}

export function renderTracking(tracking) {
  $('copy-cost').textContent = trackingSentence(tracking);
  $('chart-legend').hidden = !(tracking && Array.isArray(tracking.points) && tracking.points.length > 0);
  renderDaily(tracking && tracking.daily);
}
