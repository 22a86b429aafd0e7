// Ce que copier coûte : le suiveur à côté de sa copie parfaite (/api/copy/tracking), en mots et en barres.
import { money } from './format.js';

const $ = (id) => document.getElementById(id);
const PERIOD_WORDS = { '1d': 'the last day', '1w': 'the last week', '1m': 'the last month', '1y': 'the last year' };

function num(value) {
  const n = typeof value === 'number' ? value : Number(value);
  return value === null || value === undefined || !Number.isFinite(n) ? null : n;
}

/** L'écart en une phrase : qui fait mieux, de combien, et la part que l'on sait nommer (les frais). */
export function trackingSentence(tracking) {
  const diff = num(tracking && tracking.tracking_difference_pct);
  if (diff === null) {
    return num(tracking && tracking.signals) > 0
      ? 'A perfect copy of the leader is being kept beside this follower; the comparison appears after the next snapshots.'
      : '';
  }
  const over = PERIOD_WORDS[tracking.period] || 'this period';
  const cost = num(tracking.cost_of_copying_eur);
  const fees = num(tracking.fees_eur);
  if (diff === 0) {
    return 'Over ' + over + ', this follower did exactly as well as a perfect copy of the leader.';
  }
  if (diff > 0) {
    return 'Over ' + over + ', this follower did ' + money.pctPoints(diff).replace('+', '') + ' better than a perfect copy of the leader'
      + (cost === null ? '.' : ' (' + money.eur(-cost) + ').');
  }
  let text = 'Over ' + over + ', a perfect copy of the leader would be ' + money.pctPoints(-diff).replace('+', '') + ' higher'
    + (cost === null ? '' : ' (' + money.eur(cost) + ')');
  if (fees !== null && fees > 0 && cost !== null && cost > 0) {
    text += ': ' + money.eur(Math.min(fees, cost)) + ' of it is fees; the rest is minimum orders, rounding, slippage, delays and your limits.';
  } else {
    text += ': minimum orders, rounding, fees, slippage, delays and your limits.';
  }
  return text;
}

/** Les barres du P&L de chaque jour (le suiveur), en hauteur relative au plus grand mouvement. */
function renderDaily(daily) {
  const days = Array.isArray(daily) ? daily.filter((d) => num(d.follower_pnl_eur) !== null) : [];
  const bars = $('daily-bars');
  $('daily-empty').hidden = days.length > 0;
  const biggest = Math.max(0.01, ...days.map((d) => Math.abs(num(d.follower_pnl_eur))));
  bars.replaceChildren(...days.map((d) => {
    const pnl = num(d.follower_pnl_eur);
    const day = document.createElement('div');
    day.className = 'day';
    const perfect = num(d.perfect_pnl_eur);
    day.title = d.day + ': ' + money.signedEur(pnl) + (perfect === null ? '' : ' (perfect copy ' + money.signedEur(perfect) + ')');
    for (const side of ['up', 'down']) {
      const half = document.createElement('div');
      half.className = 'half ' + side;
      if ((side === 'up') === (pnl >= 0)) {
        const fill = document.createElement('div');
        fill.className = 'fill';
        fill.style.height = Math.max(2, Math.round(Math.abs(pnl) / biggest * 100)) + '%';
        half.append(fill);
      }
      day.append(half);
    }
    return day;
  }));
  bars.dataset.days = String(days.length);
  $('daily-first').textContent = days.length ? days[0].day : '';
  $('daily-last').textContent = days.length ? days[days.length - 1].day : '';
}

export function renderTracking(tracking) {
  const sentence = trackingSentence(tracking);
  $('copy-cost').textContent = sentence;
  $('chart-legend').hidden = !(tracking && Array.isArray(tracking.points) && tracking.points.length > 0);
  renderDaily(tracking && tracking.daily);
}
