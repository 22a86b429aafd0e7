// Le tableau de bord : lit l'API publique (api.md), se met à jour seul, envoie les actions.
import { money, leaderConnection, decimalLiteral, amountExample, LOCALE } from './format.js';
import { ValueChart } from './chart.js';
import { renderStatus, renderMoney, renderPositions, renderTrades, renderSignals, renderWithdrawals } from './render.js';
import { renderLatestCopy } from './copy-report.js';
import { renderTracking } from './tracking.js';
import { renderAdvisor } from './advisor.js';

const $ = (id) => document.getElementById(id);
const timeOfDay = new Intl.DateTimeFormat(LOCALE, { timeStyle: 'medium' });

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

/**
 * Ce que la page lit à chaque mise à jour : un nom et son adresse ; null, pas cette fois. L'historique
 * et la copie parfaite se relisent ensemble (même période, même rythme : le graphique a besoin des deux).
 */
const READS = {
  status: () => '/api/agent/status',
  budget: () => '/api/budget',
  history: (turn) => (turn.due ? '/api/budget/history?period=' + turn.period + '&limit=' + historyPoints() : null),
  positions: () => '/api/positions',
  trades: () => '/api/trades?limit=15',
  signals: () => '/api/signals?limit=10',
  withdrawals: () => '/api/budget/withdrawals?limit=20',
  tracking: (turn) => (turn.due ? '/api/copy/tracking?period=' + turn.period : null),
  // gardé par le serveur jusqu'au prochain signal : le relire ne coûte qu'une requête bornée
  advisor: () => '/api/copy/advisor',
};

/**
 * Les cartes de la page : ce que chacune lit et comment elle s'affiche. Une carte s'affiche quand toutes
 * ses lectures ont abouti (ou, {@code partial}, avec null pour celles qui ont échoué) ; sinon elle garde
 * ce qu'elle montrait. Une carte de plus : une lecture dans READS s'il le faut, une entrée ici.
 */
const CARDS = [
  { reads: ['status', 'budget'], partial: true, show: (r) => renderStatus(r.status, r.budget) },
  { reads: ['budget'], show: (r) => renderMoney(r.budget) },
  {
    // le graphique et la phrase de la copie parfaite : un même calcul (start_gap_eur, cost_of_copying_eur)
    reads: ['history', 'tracking'], partial: true, samePeriod: true,
    show: (r) => {
      if (r.history !== null) {
        chart.show(r.history, r.tracking ? r.tracking.start_gap_eur : undefined);
        state.historyPeriod = r.period;
        state.historyAt = Date.now();
      }
      if (r.tracking !== null) renderTracking(r.tracking);
    },
  },
  { reads: ['advisor'], show: (r) => renderAdvisor(r.advisor) },
  { reads: ['positions'], show: (r) => renderPositions(r.positions) },
  { reads: ['trades'], show: (r) => renderTrades(r.trades) },
  { reads: ['signals'], show: (r) => renderSignals(r.signals) },
  { reads: ['signals', 'budget'], partial: true, show: (r) => r.signals && renderLatestCopy(r.signals, r.budget ? r.budget.total_value_usdt : null) },
  { reads: ['withdrawals'], show: (r) => renderWithdrawals(r.withdrawals) },
];

/** Une lecture complète ; une partie qui échoue n'empêche pas les autres de s'afficher. */
async function refreshOnce() {
  const turn = { period: state.period, due: historyDue() };
  const names = Object.keys(READS);
  const settled = await Promise.allSettled(names.map((name) => {
    const path = READS[name](turn);
    return path === null ? Promise.resolve(undefined) : api('GET', path);
  }));
  // undefined : pas lu cette fois ; null : lecture échouée ; sinon la réponse
  const results = { period: turn.period };
  const failures = [];
  names.forEach((name, i) => {
    const r = settled[i];
    results[name] = r.status === 'fulfilled' ? r.value : null;
    if (r.status === 'rejected') failures.push(r.reason);
  });
  for (const card of CARDS) {
    const missing = card.reads.filter((name) => results[name] === null || results[name] === undefined);
    // rien de neuf pour elle, ou pas tout ce qu'il lui faut : la carte garde ce qu'elle montrait
    if (missing.length === card.reads.length || (!card.partial && missing.length > 0)) continue;
    if (card.samePeriod && turn.period !== state.period) continue;
    const given = { period: turn.period };
    card.reads.forEach((name) => { given[name] = results[name] === undefined ? null : results[name]; });
    try {
      card.show(given);
    } catch (error) {
      // une carte qui ne sait pas afficher une réponse n'empêche pas les autres de s'afficher
      console.error('card', card.reads.join('+'), error);
    }
  }

  const banner = $('offline-banner');
  banner.hidden = failures.length === 0;
  banner.textContent = failures.length === 0 ? '' : explain(failures[0]) + ' Showing the last data read; retrying.';
  state.refreshes += 1;
  document.body.dataset.refreshes = String(state.refreshes);
  document.body.dataset.state = failures.length === 0 ? 'ready' : 'degraded';
  const now = new Date();
  $('refreshed-at').textContent = timeOfDay.format(now);
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
  // l'état voulu, pas une bascule : un double clic ou une page restée ouverte ne fait pas l'inverse
  const pause = document.body.dataset.agentState !== 'PAUSED';
  const answer = await api('POST', '/api/agent/toggle', JSON.stringify({ paused: pause }));
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
      // LIVE_SIZING=wallet : le suiveur enregistre seul l'USDC qu'il voit arriver ; la réponse dit ce qu'il a déjà vu
      if (answer && answer.not_seen_yet_eur !== undefined) {
        return 'Already seen arriving on the account: ' + money.eur(answer.already_seen_eur) + '; not seen yet: '
          + money.eur(answer.not_seen_yet_eur) + ' (recorded by itself when the USDC arrives). Total deposited: '
          + money.eur(answer.total_deposited_eur) + '.';
      }
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

// l'exemple du champ, écrit comme ce navigateur écrit les nombres (« 50.00 », « 50,00 »)
$('deposit-amount').placeholder = amountExample(50);

setInterval(refresh, REFRESH_MS);
// un onglet revenu au premier plan (téléphone déverrouillé) se remet à jour tout de suite
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') refresh();
});
refresh();
