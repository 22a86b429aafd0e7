// Le rapport de copie d'un signal (api.md, « copy ») : la part visée par le leader contre la part
// atteinte, le plus grand écart, le coût, et pourquoi des ordres ne sont pas partis. Texte seulement.
import { money, num, when, LOCALE } from './format.js';

const $ = (id) => document.getElementById(id);
const share = new Intl.NumberFormat(LOCALE, { style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2 });
const signedShare = new Intl.NumberFormat(LOCALE, { style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: 'exceptZero' });

/** Les rapports de copie ouverts par l'utilisateur, gardés ouverts d'une mise à jour à l'autre. */
const opened = new Set();

const asShare = (v) => (num(v) === null ? '—' : share.format(num(v)));

function isReport(copy) {
  return copy !== null && typeof copy === 'object' && !Array.isArray(copy);
}

function bar(kind, value) {
  const div = document.createElement('div');
  div.className = 'bar bar-' + kind;
  // CSSOM, pas d'attribut style : la CSP default-src 'self' le permet
  div.style.width = Math.max(0, Math.min(100, (num(value) || 0) * 100)).toFixed(2) + '%';
  return div;
}

/** Le minimum d'un ordre (trading-rules.md) : un écart qui vaut moins n'est pas copié. */
const MIN_ORDER_USDC = 5;

/** Un signal v1 rejoue des actions : sa cible (portfolio_state) n'est pas visée, l'écart est attendu. */
function isRebalance(signal) {
  return (num(signal.version) || 1) >= 2;
}

/**
 * Pourquoi une paire est restée à l'écart : la raison de son ordre écarté quand il y en a une, sinon
 * un écart qui valait moins que l'ordre minimum (estimé sur la valeur totale actuelle).
 */
function gapNote(pair, gap, reasons, totalUsdt) {
  const own = reasons.find((r) => r.startsWith(pair + ' '));
  if (own) return own.includes('minimum') ? 'under the ' + MIN_ORDER_USDC + ' USDC minimum order' : 'not sent: see below';
  if (gap === null || Math.abs(gap) < 0.00005 || totalUsdt === null) return '';
  const worth = Math.abs(gap) * totalUsdt;
  return worth < MIN_ORDER_USDC ? '≈ ' + money.usdc(worth) + ', under the ' + MIN_ORDER_USDC + ' USDC minimum order' : '';
}

/** Une ligne par paire : cible, atteint, écart (atteint − cible) et les deux barres. */
function fillCopyTable(tbody, copy, reasons = [], totalUsdt = null) {
  const target = isReport(copy.target) ? copy.target : {};
  const reached = isReport(copy.reached) ? copy.reached : {};
  const pairs = [...new Set([...Object.keys(target), ...Object.keys(reached)])];
  tbody.replaceChildren(...pairs.map((pair) => {
    const row = document.createElement('tr');
    const cell = (text, className) => {
      const td = row.insertCell();
      td.textContent = text;
      if (className) td.className = className;
      return td;
    };
    const wanted = num(target[pair]);
    const got = num(reached[pair]);
    cell(String(pair).replace(/USDC$/, ''), 'coin');
    cell(asShare(wanted), 'num');
    cell(asShare(got), 'num');
    const gap = wanted === null || got === null ? null : got - wanted;
    const gapCell = cell(gap === null ? '—' : signedShare.format(gap), 'num');
    const note = gapNote(String(pair), gap, reasons, totalUsdt);
    if (note) {
      const span = document.createElement('span');
      span.className = 'gap-note';
      span.textContent = note;
      gapCell.append(span);
    }
    cell('', 'bars opt').append(bar('target', wanted), bar('reached', got));
    return row;
  }));
}

function summaryText(copy) {
  return 'Largest gap ' + asShare(copy.max_gap) + ' · cost ' + money.usdc(copy.cost_usdt) + ' (fees and slippage)';
}

/** Les raisons des ordres écartés d'un signal exécuté (error_message, séparées par « ; »). */
function skippedReasons(signal) {
  const text = typeof signal.error_message === 'string' ? signal.error_message : '';
  return text.split('; ').map((r) => r.trim()).filter((r) => r && !r.startsWith('executed by the initial sync'));
}

/**
 * La carte « Copy of the latest rebalance » : le plus récent des rééquilibrages (v2, ou la synchro
 * initiale) qui portent un rapport. Un signal v1 n'y va pas : il ne vise pas la cible du leader.
 * {@code totalUsdt} : la valeur totale actuelle, pour dire quel écart valait moins que l'ordre minimum.
 */
export function renderLatestCopy(signals, totalUsdt = null) {
  // le dernier exécuté (executed_at, à la seconde ; à égalité, le dernier enregistré)
  const latest = (Array.isArray(signals) ? signals : []).filter((s) => s && isReport(s.copy) && isRebalance(s))
    .sort((a, b) => String(b.executed_at).localeCompare(String(a.executed_at)) || (num(b.id) || 0) - (num(a.id) || 0))[0];
  $('copy-report').hidden = !latest;
  $('copy-empty').hidden = Boolean(latest);
  if (!latest) return;
  const id = latest.signal_id === null || latest.signal_id === undefined ? '(no id)' : String(latest.signal_id);
  $('copy-meta').textContent = 'Signal ' + id + ' · executed ' + when(latest.executed_at);
  const reasons = skippedReasons(latest);
  fillCopyTable($('copy-table').tBodies[0], latest.copy, reasons, num(totalUsdt));
  $('copy-summary').textContent = summaryText(latest.copy);
  $('copy-skipped').replaceChildren(...reasons.map((reason) => {
    const li = document.createElement('li');
    li.textContent = 'Not copied: ' + reason;
    return li;
  }));
}

/** Le rapport d'un signal plus ancien, replié sous sa ligne ; null s'il n'en a pas. */
export function copyDetails(signal) {
  if (!signal || !isReport(signal.copy)) return null;
  const details = $('copy-details-template').content.firstElementChild.cloneNode(true);
  const key = String(signal.id);
  details.querySelector('summary').textContent = (isRebalance(signal) ? 'Copy report: ' : 'Copy report (actions replayed, gap expected): ')
    + summaryText(signal.copy);
  const note = details.querySelector('.copy-note');
  note.hidden = isRebalance(signal);
  note.textContent = isRebalance(signal) ? ''
    : 'A version 1 signal: the follower replayed the leader\'s actions, it did not rebalance to this portfolio, so a gap to it is expected.';
  fillCopyTable(details.querySelector('tbody'), signal.copy, isRebalance(signal) ? skippedReasons(signal) : []);
  details.open = opened.has(key);
  details.addEventListener('toggle', () => {
    if (details.open) opened.add(key);
    else opened.delete(key);
  });
  return details;
}
