// Les réponses de l'API → la page. Toujours textContent : une donnée n'est jamais du HTML.
import { money, trend, when, whenShort, ago, leaderConnection, agentState, actionsSummary, confidenceText, CONFIDENCE_HELP, num } from './format.js';
import { copyDetails } from './copy-report.js';

const $ = (id) => document.getElementById(id);

function setText(id, text, title) {
  const el = $(id);
  el.textContent = text;
  if (title !== undefined) el.title = title;
  return el;
}

function setTrend(el, value) {
  el.classList.remove('up', 'down');
  const t = trend(value);
  if (t) el.classList.add(t);
}

function setTime(id, value) {
  const el = setText(id, ago(value), when(value));
  const d = value === null || value === undefined ? null : new Date(typeof value === 'number' ? value * 1000 : value);
  if (d && !Number.isNaN(d.getTime())) el.dateTime = d.toISOString();
  else el.removeAttribute('datetime');
}

/** Un nom de classe CSS tiré d'un statut de l'API, sans rien laisser passer d'autre. */
function token(value) {
  return /^[a-z_]{1,32}$/.test(String(value)) ? String(value) : 'other';
}

function cell(row, text, className) {
  const td = row.insertCell();
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

function fillTable(tableId, emptyId, rows, fillRow) {
  const body = $(tableId).tBodies[0];
  body.replaceChildren();
  const list = Array.isArray(rows) ? rows : [];
  for (const item of list) fillRow(body.insertRow(), item);
  $(emptyId).hidden = list.length > 0;
}

/** La barre d'état : vivant ou non, mode, DEMO, leader, heures du dernier poll et du dernier signal. */
export function renderStatus(status, budget) {
  const state = agentState(status, budget);
  const pill = setText('agent-state', state);
  pill.className = 'pill state-' + state.toLowerCase();
  document.body.dataset.agentState = state;

  const mode = (status && status.mode) || (budget && budget.mode);
  const modeEl = setText('trading-mode', mode === 'live' ? 'LIVE' : mode === 'dry_run' ? 'DRY RUN' : '…');
  modeEl.className = 'pill pill-mode ' + (mode === 'live' ? 'mode-live' : 'mode-dry');

  $('demo-banner').hidden = !((status && status.demo === true) || (budget && budget.demo === true));

  if (status) {
    const leader = leaderConnection(status);
    setText('leader-connection', leader.text + unreachableSince(status)).className = 'tone-' + leader.tone;
    setTime('last-poll-time', status.last_poll_time);
    // la prochaine lecture du leader : seulement quand le minuteur en prévoit une (ni pause, ni mort, ni leader absent)
    $('next-poll').hidden = num(status.next_poll_time) === null;
    setTime('next-poll-time', status.next_poll_time);
    // l'heure est passée : le cycle tourne ou va partir
    if (num(status.next_poll_time) !== null && num(status.next_poll_time) * 1000 <= Date.now()) $('next-poll-time').textContent = 'now';
    setTime('last-signal-time', status.last_signal_time);
    setText('version', status.version ? 'Calv-a-lot ' + status.version : 'Calv-a-lot');
  }

  const alerts = [];
  if (status && status.dead) alerts.push(['bad', 'The agent is DEAD and no longer trades' + (status.dead_reason ? ': ' + status.dead_reason : '.')]);
  if (status && status.pause_reason === 'drawdown') alerts.push(['warn', 'Paused by the drawdown limit (PAUSE_ON_DRAWDOWN_PCT): resume when you are ready.']);
  if (status && status.no_signal_alert) alerts.push(['warn', 'No new signal from the leader for 4 hours or more.']);
  if (status && status.password_set === false && status.demo !== true) {
    alerts.push(['bad', 'No password: anyone who can reach this page can pause the follower or record deposits. '
      + 'Set API_PASSWORD_HASH (see docs/security.md).']);
  }
  if (state === 'UNINITIALIZED') alerts.push(['warn', 'The budget is not initialized yet.']);
  if (status && Array.isArray(status.balance_drift)) {
    for (const drift of status.balance_drift) alerts.push(['warn', driftText(drift)]);
  }
  // l'argent a été déplacé (pas de mort) : rien à suivre tant qu'il ne revient pas
  if (status && status.funds_warning) alerts.push(['warn', String(status.funds_warning)]);
  if (status && Array.isArray(status.untradeable_pairs)) {
    for (const pair of status.untradeable_pairs) {
      alerts.push(['warn', String(pair.reason) + ': its orders are skipped, the other pairs trade as usual.']);
    }
  }
  $('agent-alerts').replaceChildren(...alerts.map(([tone, text]) => {
    const p = document.createElement('p');
    p.className = 'alert tone-' + tone;
    p.textContent = text;
    return p;
  }));

  if (status) setText('risk-limits', limitsSummary(status.limits));

  const toggle = $('toggle-button');
  toggle.textContent = state === 'PAUSED' ? 'Resume' : 'Pause';
  toggle.disabled = state === 'DEAD';
  $('poll-button').disabled = state !== 'ACTIVE';
}

/** « — since 14:02 (35 minutes ago) » : depuis quand le leader ne répond plus (leader_unreachable_since). */
function unreachableSince(status) {
  const since = status.leader_unreachable_since;
  return num(since) === null ? '' : ' since ' + when(since) + ' (' + ago(since) + ')';
}

/** Un écart entre le registre et le compte (pièces en Earn, transférées, vendues à côté), en une phrase. */
function driftText(drift) {
  const asset = String(drift.coin).replace(/USDC$/, '') || 'USDC';
  const what = asset + ': the Binance account holds ' + String(drift.exchange_quantity) + ', the follower\'s ledger '
    + String(drift.ledger_quantity);
  return drift.ledger_followed
    ? what + '. It lasted, so it is recorded as money moved away (a withdrawal, not a loss).'
    : what + ' (in Earn, moved or sold by you?). Still counted as yours; recorded as moved away only if it lasts 10 minutes.';
}

/** Les limites de risque en vigueur, en une ligne (configuration.md). */
function limitsSummary(limits) {
  const on = [];
  if (limits && limits.live_sizing === 'budget') on.push('own budget only (LIVE_SIZING=budget)');
  if (limits && num(limits.max_order_usdc) !== null) on.push('at most ' + money.usdc(limits.max_order_usdc) + ' per order');
  if (limits && Array.isArray(limits.exclude_coins) && limits.exclude_coins.length > 0) {
    on.push('never trades ' + limits.exclude_coins.map((p) => String(p).replace(/USDC$/, '')).join(', '));
  }
  if (limits && num(limits.pause_on_drawdown_pct) !== null) {
    on.push('pauses on a ' + money.pctPoints(num(limits.pause_on_drawdown_pct) * 100) + ' fall');
  }
  return 'Limits: ' + (on.length > 0 ? on.join(' · ') : 'none');
}

/** L'argent : valeur totale, P&L, liquidités, dépôts et retraits, et l'avertissement de prix périmés. */
export function renderMoney(budget) {
  setText('total-value-eur', money.eur(budget.total_value_eur));
  setText('total-value-usdt', num(budget.total_value_usdt) === null ? '' : '≈ ' + money.usdc(budget.total_value_usdt));
  setTrend(setText('pnl-eur', money.signedEur(budget.pnl_eur)), budget.pnl_eur);
  setTrend(setText('pnl-pct', num(budget.pnl_pct) === null ? '' : '(' + money.pctPoints(budget.pnl_pct) + ')'), budget.pnl_pct);
  setText('cash-usdt', money.usdc(budget.cash_usdt));
  setText('portfolio-usdt', money.usdc(budget.portfolio_usdt));
  setText('total-deposited-eur', money.eur(budget.total_deposited_eur));
  setText('total-withdrawn-eur', money.eur(budget.total_withdrawn_eur));
  $('prices-stale').hidden = budget.prices_stale !== true;
  document.querySelector('.money').classList.toggle('is-stale', budget.prices_stale === true);
}

export function renderPositions(positions) {
  fillTable('positions', 'positions-empty', positions, (row, p) => {
    cell(row, String(p.coin || '').replace(/USDC$/, ''), 'coin');
    cell(row, money.quantity(p.quantity), 'num opt');
    cell(row, money.price(p.avg_entry_price), 'num opt');
    cell(row, money.price(p.current_price), 'num');
    cell(row, money.usdc(p.value_usdt), 'num');
    const pnl = cell(row, money.signedUsdc(p.pnl_usdt), 'num');
    if (num(p.pnl_pct) !== null) {
      const share = document.createElement('span');
      share.className = 'pct';
      share.textContent = ' (' + money.pctPoints(p.pnl_pct) + ')';
      pnl.append(share);
    }
    setTrend(pnl, p.pnl_usdt);
  });
}

/** La date d'une ligne, avec le badge « simulated » d'une opération du dry run. */
function timeCell(row, item) {
  const time = cell(row, whenShort(item.created_at), 'time');
  time.title = when(item.created_at);
  if (num(item.is_simulated) === 1 || item.is_simulated === true) {
    const badge = document.createElement('span');
    badge.className = 'badge simulated';
    badge.textContent = 'simulated';
    time.append(' ', badge);
    row.classList.add('simulated');
  }
  return time;
}

export function renderTrades(trades) {
  fillTable('trades', 'trades-empty', trades, (row, t) => {
    timeCell(row, t);
    cell(row, String(t.coin || '').replace(/USDC$/, ''), 'coin');
    cell(row, String(t.action || ''), 'side side-' + token(String(t.action || '').toLowerCase()));
    cell(row, money.usdc(t.amount_usdt), 'num');
    cell(row, money.price(t.price), 'num opt');
    cell(row, money.quantity(t.quantity), 'num opt');
    cell(row, money.usdc(t.fee_usdt), 'num opt');
  });
}

export function renderSignals(signals) {
  const list = Array.isArray(signals) ? signals : [];
  const template = $('signal-template');
  $('signals').replaceChildren(...list.map((s) => {
    const item = template.content.firstElementChild.cloneNode(true);
    const part = (name) => item.querySelector('.signal-' + name);
    part('status').textContent = String(s.status || '');
    part('status').classList.add('status-' + token(s.status));
    part('id').textContent = s.signal_id === null || s.signal_id === undefined ? '(no id)' : String(s.signal_id);
    part('confidence').textContent = confidenceText(s.confidence);
    part('confidence').title = num(s.confidence) === null ? '' : CONFIDENCE_HELP;
    part('time').textContent = when(s.received_at);
    part('actions').textContent = actionsSummary(s.actions, s.portfolio_state);
    part('reasoning').textContent = s.reasoning === null || s.reasoning === undefined ? '' : String(s.reasoning);
    part('error').textContent = s.error_message ? 'Reason: ' + s.error_message : '';
    part('error').classList.toggle('is-problem', s.status === 'rejected' || s.status === 'error');
    part('error').hidden = !s.error_message;
    const copy = copyDetails(s);
    if (copy) item.append(copy);
    return item;
  }));
  $('signals-empty').hidden = list.length > 0;
}

/** /api/budget/withdrawals : les retraits récents et le total de tous les retraits. */
export function renderWithdrawals(answer) {
  const list = answer && Array.isArray(answer.withdrawals) ? answer.withdrawals : [];
  fillTable('withdrawals', 'withdrawals-empty', list, (row, w) => {
    timeCell(row, w);
    cell(row, money.eur(w.amount_eur_requested), 'num opt');
    cell(row, money.eur(w.amount_eur_received), 'num');
    cell(row, money.usdc(w.amount_usdt_sold), 'num opt');
    cell(row, num(w.eurusdc_rate) === null ? '—' : money.price(w.eurusdc_rate), 'num opt');
    cell(row, String(w.status || ''));
  });
  setText('withdrawals-total', list.length === 0 ? ''
    : 'Total withdrawn: ' + money.eur(answer.total_eur) + ' (' + money.usdc(answer.total_usdt) + ' sold)');
}
