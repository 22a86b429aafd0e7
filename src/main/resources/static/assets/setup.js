// La page d'installation : chaque vérification passe par /api/setup/validate, l'enregistrement par
// /api/setup/save ; tout message est posé en texte (textContent), jamais en HTML. Les montants sont lus et
// écrits comme le navigateur écrit les nombres (format.js).
import { decimalLiteral, money } from './format.js';

const $ = (id) => document.getElementById(id);

function live() {
  return $('mode-live').checked;
}

function form() {
  return {
    setup_code: $('setup-code').value,
    leader_url: $('leader-url').value,
    signal_secret: $('signal-secret').value,
    trading_mode: live() ? 'live' : 'dry_run',
    // « 1,000 » (en-US) ou « 1 000 » (fr-FR) : le littéral exact ; sinon le texte tel quel, et le serveur dira pourquoi
    initial_budget_eur: decimalLiteral($('initial-budget').value) ?? $('initial-budget').value,
    binance_api_key: live() ? $('binance-key').value : '',
    binance_api_secret: live() ? $('binance-secret').value : '',
    binance_testnet: live() && $('binance-testnet').checked,
    dashboard_user: $('dashboard-user').value,
    dashboard_password: $('dashboard-password').value,
  };
}

async function post(path, body) {
  try {
    const response = await fetch(path, {
      method: 'POST', cache: 'no-store', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
    });
    let data = {};
    try { data = await response.json(); } catch (e) { data = {}; }
    return { status: response.status, data };
  } catch (e) {
    return { status: 0, data: { error: 'The follower did not answer: is it still running?' } };
  }
}

function say(element, text, tone) {
  element.textContent = text;
  element.className = 'message' + (tone ? ' tone-' + tone : '');
}

function showErrors(messages) {
  const list = $('setup-errors');
  list.replaceChildren(...messages.map((m) => {
    const item = document.createElement('li');
    item.textContent = m;
    return item;
  }));
  list.hidden = messages.length === 0;
}

/** Les refus qui ne sont pas des fautes de formulaire : code, verrou, déjà configuré. */
function refusal(result) {
  if (result.status === 200) return null;
  if (result.status === 403) return 'Setup code refused: ' + (result.data.error || 'wrong code');
  if (result.status === 429) return 'Setup is locked after five wrong codes: restart the follower, then use the new code from its log.';
  if (result.status === 409) return 'This follower is already configured: open the dashboard.';
  return null;
}

async function check(button, output, part) {
  button.disabled = true;
  say(output, 'Checking…', 'neutral');
  const result = await post('/api/setup/validate', form());
  button.disabled = false;
  const refused = refusal(result);
  if (refused) {
    say(output, refused, 'bad');
    return;
  }
  const data = result.data;
  const errors = data.errors || [result.data.error || 'The check failed.'];
  if (part === 'leader') {
    if (data.leader_ok) {
      say(output, 'Leader reached: address and secret accepted.', 'ok');
    } else {
      say(output, errors.join(' — ') || 'The leader could not be checked.', 'bad');
    }
  } else if (data.binance_ok) {
    const balance = data.binance_balance_usdc;
    say(output, 'Key accepted, it cannot withdraw. USDC available: ' + money.usdc(balance) + '.', 'ok');
  } else {
    say(output, errors.join(' — ') || 'The key could not be checked.', 'bad');
  }
}

/** Ce que la page sait seule : sans code, le serveur ne regarde rien ; on dit alors tout ce qu'on voit d'ici. */
function localProblems() {
  const problems = ['Setup code: required (it is in the follower\'s log)'];
  const password = $('dashboard-password').value;
  if (password === '') problems.push('Dashboard password: required (at least 10 characters); it protects the dashboard');
  else if ([...password].length < 10) problems.push('Dashboard password: at least 10 characters');
  if (password !== $('dashboard-password-again').value) problems.push('Dashboard password: the two passwords differ');
  return problems;
}

async function save(event) {
  event.preventDefault();
  const button = $('save-button');
  showErrors([]);
  if ($('setup-code').value.trim() === '') {
    showErrors(localProblems());
    return;
  }
  button.disabled = true;
  say($('save-result'), 'Checking and saving…', 'neutral');
  // les deux saisies du mot de passe : le serveur dit une différence avec toutes les autres fautes, d'un coup
  const result = await post('/api/setup/save', { ...form(), dashboard_password_again: $('dashboard-password-again').value });
  button.disabled = false;
  const refused = refusal(result);
  if (refused) {
    showErrors([refused]);
    say($('save-result'), '', null);
    return;
  }
  if (result.status !== 200 || !result.data.success) {
    showErrors(result.data.errors || [result.data.error || 'Saving failed.']);
    say($('save-result'), 'Nothing was saved.', 'bad');
    return;
  }
  const user = $('dashboard-user').value.trim() || 'admin';
  const mode = live() ? ' in live mode' : ' in dry run';
  // plus aucun secret sur la page une fois enregistré
  $('setup-form').reset();
  document.querySelectorAll('#setup-form input').forEach((input) => {
    if (input.type !== 'radio' && input.type !== 'checkbox') input.value = '';
  });
  $('setup-form').hidden = true;
  $('done-user').textContent = user;
  $('done-mode').textContent = mode;
  $('setup-done').hidden = false;
  document.body.dataset.state = 'saved';
}

function modeChanged() {
  $('binance-section').hidden = !live();
  $('dashboard-step').textContent = live() ? '5' : '4';
}

$('mode-dry').addEventListener('change', modeChanged);
$('mode-live').addEventListener('change', modeChanged);
$('check-leader').addEventListener('click', () => check($('check-leader'), $('leader-result'), 'leader'));
$('check-binance').addEventListener('click', () => check($('check-binance'), $('binance-result'), 'binance'));
$('setup-form').addEventListener('submit', save);
modeChanged();
document.body.dataset.state = 'ready';
