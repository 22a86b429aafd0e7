// Le tableau de bord : lit l'API publique (api.md), se met à jour seul, envoie les actions.
import { money, leaderConnection, decimalLiteral } from './format.js';
import { ValueChart } from './chart.js';
import { renderStatus, renderMoney, renderPositions, renderTrades, renderSignals, renderWithdrawals } from './render.js';
import { renderLatestCopy } from './copy-report.js';
import { renderTracking } from './tracking.js';

const $ = (id) => document.getElementById(id);

/** Toutes les 30 s ; « ?refresh=10 » pour un écran mural (entre 2 s et 1 h). */
const REFRESH_MS = (() => {
  const asked = Number(new URLSearchParams(location.search).get('refresh'));
  return (Number.isFinite(asked) && asked >= 2 && asked <= 3600 ? asked : 30) * 1000;
})();

class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/**
 * Un appel à l'API de la même origine. L'adresse est construite sur location.origin : une page
 * ouverte par http://user:pass@hôte/ ne doit pas les recopier dans fetch (qui le refuse) ; le
 * navigateur renvoie lui-même ses identifiants Basic à la même origine.
 */
async function api(method, path, jsonText) {
  const init = { method, credentials: 'same-origin', cache: 'no-store', headers: { Accept: 'application/json' } };
  if (jsonText !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = jsonText;
  }
  const response = await fetch(location.origin + path, init);
  let data = null;
  try {
    data = await response.json();
  } catch (e) {
    data = null;
  }
  if (!response.ok) {
    throw new ApiError(response.status, data && typeof data.error === 'string' ? data.error : 'HTTP ' + response.status);
  }
  return data;
}

const state = { period: '1d', refreshing: null, again: false, refreshes: 0, historyPeriod: null, historyAt: 0 };
const chart = new ValueChart($('chart'), $('chart-empty'));

function say(id, text, tone) {
  const el = $(id);
  el.textContent = text;
  el.className = 'message' + (tone ? ' tone-' + tone : '');
}

function explain(error) {
  if (error instanceof ApiError) {
    return error.status === 401 ? 'Not signed in: reload the page to log in.' : error.message;
  }
  return 'Cannot reach Calv-a-lot.';
}

/**
 * L'historique du graphique : borné en points (pas plus que de pixels, 1000 au plus) et relu à
 * chaque mise à jour pour 1d seulement ; 1w, 1m et 1y ne bougent guère en 30 s, relus toutes les 5 min.
 */
const HISTORY_MAX_AGE_MS = { '1d': 0, '1w': 300000, '1m': 300000, '1y': 300000 };

function historyDue() {
  return state.historyPeriod !== state.period || Date.now() - state.historyAt >= (HISTORY_MAX_AGE_MS[state.period] || 0);
}

function historyPoints() {
  return Math.max(200, Math.min(1000, Math.round($('chart').clientWidth || 600)));
}

/** Une lecture complète ; une partie qui échoue n'empêche pas les autres de s'afficher. */
async function refreshOnce() {
  const period = state.period;
  const due = historyDue();
  const [status, budget, history, positions, trades, signals, withdrawals, tracking] = await Promise.allSettled([
    api('GET', '/api/agent/status'),
    api('GET', '/api/budget'),
    due ? api('GET', '/api/budget/history?period=' + period + '&limit=' + historyPoints()) : Promise.resolve(null),
    api('GET', '/api/positions'),
    api('GET', '/api/trades?limit=15'),
    api('GET', '/api/signals?limit=10'),
    api('GET', '/api/budget/withdrawals?limit=20'),
    // la copie parfaite se relit avec l'historique (même période, même rythme)
    due ? api('GET', '/api/copy/tracking?period=' + period) : Promise.resolve(null),
  ]);
  const value = (r) => (r.status === 'fulfilled' ? r.value : null);
  renderStatus(value(status), value(budget));
  if (budget.status === 'fulfilled') renderMoney(budget.value);
  if (history.status === 'fulfilled' && history.value !== null && period === state.period) {
    chart.show(history.value);
    state.historyPeriod = period;
    state.historyAt = Date.now();
  }
  if (positions.status === 'fulfilled') renderPositions(positions.value);
  if (trades.status === 'fulfilled') renderTrades(trades.value);
  if (signals.status === 'fulfilled') {
    renderSignals(signals.value);
    renderLatestCopy(signals.value, budget.status === 'fulfilled' ? budget.value.total_value_usdt : null);
  }
  if (withdrawals.status === 'fulfilled') renderWithdrawals(withdrawals.value);
  if (tracking.status === 'fulfilled' && tracking.value !== null && period === state.period) renderTracking(tracking.value);

  const failed = [status, budget, history, positions, trades, signals, withdrawals, tracking].filter((r) => r.status === 'rejected');
  const banner = $('offline-banner');
  banner.hidden = failed.length === 0;
  banner.textContent = failed.length === 0 ? '' : explain(failed[0].reason) + ' Showing the last data read; retrying.';
  state.refreshes += 1;
  document.body.dataset.refreshes = String(state.refreshes);
  document.body.dataset.state = failed.length === 0 ? 'ready' : 'degraded';
  const now = new Date();
  $('refreshed-at').textContent = now.toLocaleTimeString('fr-FR');
  $('refreshed-at').dateTime = now.toISOString();
}

/** Une seule lecture à la fois ; une demande pendant une lecture en relance une juste après. */
function refresh() {
  if (state.refreshing) {
    state.again = true;
    return state.refreshing;
  }
  state.refreshing = refreshOnce().finally(() => {
    state.refreshing = null;
    if (state.again) {
      state.again = false;
      refresh();
    }
  });
  return state.refreshing;
}

async function act(button, messageId, pending, run) {
  button.disabled = true;
  say(messageId, pending, '');
  try {
    say(messageId, await run(), 'ok');
  } catch (error) {
    say(messageId, explain(error), 'bad');
  } finally {
    button.disabled = false;
    await refresh();
  }
}

$('toggle-button').addEventListener('click', (event) => act(event.currentTarget, 'control-message', 'Sending…', async () => {
  const answer = await api('POST', '/api/agent/toggle');
  return answer && answer.status === 'paused' ? 'Paused: no signal will be followed until you resume.' : 'Resumed.';
}));

$('poll-button').addEventListener('click', (event) => act(event.currentTarget, 'control-message', 'Polling the leader…', async () => {
  const lastPoll = await api('POST', '/api/agent/poll');
  return 'Poll done: ' + leaderConnection({ leader_url: '***', last_poll: lastPoll }).text + '.';
}));

/** Le montant saisi, en littéral exact quand c'est un nombre ; sinon tel quel, et l'API dira pourquoi. */
function amountJson(field, text) {
  const literal = decimalLiteral(text);
  return literal === null ? JSON.stringify({ [field]: text }) : '{"' + field + '": ' + literal + '}';
}

function onSubmit(formId, inputId, messageId, method, field, done) {
  $(formId).addEventListener('submit', (event) => {
    event.preventDefault();
    const input = $(inputId);
    const button = event.currentTarget.querySelector('button');
    act(button, messageId, 'Saving…', async () => {
      const answer = await api(method, '/api/budget/deposit', amountJson(field, input.value));
      input.value = '';
      return done + ' Total deposited: ' + money.eur(answer && answer.total_deposited_eur) + '.';
    });
  });
}

onSubmit('deposit-form', 'deposit-amount', 'deposit-message', 'POST', 'amount_eur', 'Deposit recorded.');
onSubmit('correction-form', 'correction-total', 'correction-message', 'PUT', 'total_eur', 'Total corrected.');

for (const button of document.querySelectorAll('[data-period]')) {
  button.addEventListener('click', () => {
    state.period = button.dataset.period;
    for (const other of document.querySelectorAll('[data-period]')) {
      other.setAttribute('aria-pressed', String(other === button));
    }
    refresh();
  });
}

setInterval(refresh, REFRESH_MS);
// un onglet revenu au premier plan (téléphone déverrouillé) se remet à jour tout de suite
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') refresh();
});
refresh();
