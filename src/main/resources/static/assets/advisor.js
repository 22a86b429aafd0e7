// Combien faut-il pour copier fidèlement ce leader ? (/api/copy/advisor) : ses signaux rejoués à d'autres
// budgets, une ligne par budget et une phrase. La page ne calcule rien : elle met en mots les champs de l'API.
import { money, num, when, LOCALE } from './format.js';

const $ = (id) => document.getElementById(id);
/** Comme /advisor sur Telegram : rien avant 5 signaux rejoués, trop peu pour dire quoi que ce soit. */
export const ADVISOR_SIGNALS = 5;
const onePercent = new Intl.NumberFormat(LOCALE, { style: 'percent', maximumFractionDigits: 0 }).format(0.01);

function cell(row, text, className, title) {
  const td = row.insertCell();
  td.textContent = text;
  if (className) td.className = className;
  if (title) td.title = title;
  return td;
}

/** « From about €250.00, a copy of this leader stays within 1% of a perfect copy. » */
export function advisorSentence(advice) {
  const from = num(advice && advice.faithful_from_eur);
  return from === null
    ? 'None of these budgets stays within ' + onePercent + ' of a perfect copy of this leader.'
    : 'From about ' + money.eur(from) + ', a copy of this leader stays within ' + onePercent + ' of a perfect copy.';
}

export function renderAdvisor(advice) {
  const replayed = num(advice && advice.signals_replayed) || 0;
  const card = $('advisor-card');
  card.hidden = replayed < ADVISOR_SIGNALS;
  card.dataset.signals = String(replayed);
  if (card.hidden) return;
  const rows = Array.isArray(advice.rows) ? advice.rows : [];
  $('advisor-hint').textContent = 'The leader\'s ' + replayed + ' signals since ' + when(advice.since)
    + ', replayed as this follower would have copied them with each budget: the same orders, minimum order, exchange rules, '
    + 'limits and fees. Slippage and timing are taken as they happened to this follower.';
  const body = $('advisor-table').tBodies[0];
  body.replaceChildren();
  for (const r of rows) {
    const row = body.insertRow();
    if (r.own === true) row.className = 'own';
    const budget = cell(row, money.eur(r.budget_eur), 'num');
    if (r.own === true) {
      const yours = document.createElement('span');
      yours.className = 'badge';
      yours.textContent = 'yours';
      budget.prepend(yours, ' ');
    }
    cell(row, money.pctPoints(r.tracking_difference_pct), 'num', 'Return minus the return of a perfect copy of the leader, in percentage points');
    cell(row, money.eur(r.fees_eur), 'num');
    cell(row, num(r.orders_skipped) === null ? '—' : String(r.orders_skipped), 'num', 'Orders too small to place (the 5 USDC minimum, the exchange\'s minimums)');
    cell(row, money.eur(r.value_eur), 'num opt');
  }
  $('advisor-table').dataset.rows = String(rows.length);
  $('advisor-sentence').textContent = advisorSentence(advice);
}
