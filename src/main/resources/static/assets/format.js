// Les nombres et les dates dans la langue du navigateur (Intl, sans locale imposée) : « €1,234.56 » et
// « 12/7/26, 7:11 PM » pour en-US, « 1 234,56 € » et « 07/12/2026 19:11 » pour fr-FR. Les mots de la page
// restent en anglais. Aucune donnée ne passe jamais par innerHTML : tout ce qui vient de l'API est du texte.

/** La locale du navigateur, telle qu'Intl la résout (« en-US », « fr-FR »…). */
export const LOCALE = new Intl.NumberFormat().resolvedOptions().locale;

const eur = new Intl.NumberFormat(LOCALE, { style: 'currency', currency: 'EUR', minimumFractionDigits: 2, maximumFractionDigits: 2 });
const signedEur = new Intl.NumberFormat(LOCALE, { style: 'currency', currency: 'EUR', minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: 'exceptZero' });
const usdc = new Intl.NumberFormat(LOCALE, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const signedUsdc = new Intl.NumberFormat(LOCALE, { minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: 'exceptZero' });
const pct = new Intl.NumberFormat(LOCALE, { style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: 'exceptZero' });
const plainPct = new Intl.NumberFormat(LOCALE, { style: 'percent', maximumFractionDigits: 1 });
const quantity = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 8 });
const dateTime = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'short', timeStyle: 'short' });
const dayTime = new Intl.DateTimeFormat(LOCALE, { day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit' });
const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** Un nombre utilisable, ou null (absent, texte, NaN). */
export function num(value) {
  if (value === null || value === undefined || value === '') return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}

const or = (value, format) => (num(value) === null ? '—' : format(num(value)));

export const money = {
  eur: (v) => or(v, (n) => eur.format(n)),
  signedEur: (v) => or(v, (n) => signedEur.format(n)),
  usdc: (v) => or(v, (n) => usdc.format(n) + ' USDC'),
  signedUsdc: (v) => or(v, (n) => signedUsdc.format(n) + ' USDC'),
  /** L'API donne les pourcentages en points (12.5 veut dire 12,5 %). */
  pctPoints: (v) => or(v, (n) => pct.format(n / 100)),
  /** Un prix : deux décimales au-dessus de 100, davantage pour XRP et consorts. */
  price: (v) => or(v, (n) => new Intl.NumberFormat(LOCALE, {
    minimumFractionDigits: 2, maximumFractionDigits: Math.abs(n) >= 100 ? 2 : 6 }).format(n)),
  quantity: (v) => or(v, (n) => quantity.format(n)),
};

/** Le signe d'un montant, pour la couleur : 'up', 'down' ou ''. */
export function trend(value) {
  const n = num(value);
  if (n === null || n === 0) return '';
  return n > 0 ? 'up' : 'down';
}

/** Date ISO-8601 (avec Z) ou secondes Unix → Date, ou null. */
export function toDate(value) {
  if (value === null || value === undefined || value === '') return null;
  const d = typeof value === 'number' ? new Date(value * 1000) : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

export function when(value) {
  const d = toDate(value);
  return d === null ? '—' : dateTime.format(d);
}

/** « 26/11 03:07 » : pour une liste récente, l'année n'apprend rien et prend de la place. */
export function whenShort(value) {
  const d = toDate(value);
  return d === null ? '—' : dayTime.format(d);
}

/** « 3 minutes ago », pour savoir d'un coup d'œil si l'agent vit. */
export function ago(value, now = Date.now()) {
  const d = toDate(value);
  if (d === null) return 'never';
  const seconds = Math.round((d.getTime() - now) / 1000);
  const steps = [[60, 'second'], [3600, 'minute'], [86400, 'hour'], [Infinity, 'day']];
  let unit = 1;
  for (const [limit, name] of steps) {
    if (Math.abs(seconds) < limit) return relative.format(Math.round(seconds / unit), name);
    unit = limit;
  }
  return dateTime.format(d);
}

/**
 * La connexion au leader en mots, depuis last_poll.status (README « Following the leader »).
 * tone : ok, warn ou bad.
 */
export function leaderConnection(status) {
  if (!status || status.leader_url === null) {
    return { text: 'not configured — set LEADER_URL', tone: 'warn' };
  }
  const poll = status.last_poll;
  const detail = poll && poll.error ? ': ' + poll.error : '';
  switch (poll ? poll.status : null) {
    case null: return { text: 'waiting for the first poll', tone: 'neutral' };
    case 'executed': return { text: 'connected — last signal executed', tone: 'ok' };
    case 'skipped': return { text: 'connected — last signal skipped' + detail, tone: 'ok' };
    case 'duplicate': return { text: 'connected — no new signal', tone: 'ok' };
    case 'no_signal': return { text: 'connected — no signal yet', tone: 'ok' };
    case 'rejected': return { text: 'connected — last signal rejected' + detail, tone: 'warn' };
    case 'error': return poll.signal_id
      ? { text: 'connected — last signal failed' + detail, tone: 'warn' }
      : { text: 'leader answered with an error' + detail, tone: 'bad' };
    case 'auth_rejected': return { text: 'secret rejected — check SIGNAL_SECRET and the clock', tone: 'bad' };
    case 'disabled': return { text: 'leader has signals switched off', tone: 'warn' };
    case 'unreachable': return { text: 'leader unreachable', tone: 'bad' };
    case 'paused': return { text: 'not polling (paused)', tone: 'warn' };
    case 'dead': return { text: 'not polling (agent dead)', tone: 'bad' };
    case 'not_configured': return { text: 'not configured — set LEADER_URL', tone: 'warn' };
    default: return { text: String(poll.status), tone: 'neutral' };
  }
}

/** ACTIVE, PAUSED ou DEAD, d'après /api/agent/status et /api/budget. */
export function agentState(status, budget) {
  if ((status && status.dead) || (budget && budget.status === 'DEAD')) return 'DEAD';
  if ((status && status.paused) || (budget && budget.status === 'PAUSED')) return 'PAUSED';
  if (budget && budget.status === 'UNINITIALIZED') return 'UNINITIALIZED';
  return 'ACTIVE';
}

/**
 * « BUY BTCUSDC 7 % of capital · SELL SOLUSDC 5 % of capital » (version 1 : une part de tout le portefeuille
 * du suiveur) ; pour un rééquilibrage (version 2), la cible : « target portfolio: BTCUSDC 22 % · ETHUSDC 15 % » ;
 * HOLD quand il n'y a rien à faire.
 */
export function actionsSummary(actions, portfolioState) {
  const share = (value) => (num(value) === null ? '' : plainPct.format(num(value)));
  if (Array.isArray(actions) && actions.length > 0) {
    return actions.map((a) => {
      const pct = share(a && a.pct_of_capital);
      return [a && a.action, a && a.coin, pct && a.action !== 'HOLD' ? pct + ' of capital' : pct].filter(Boolean).join(' ');
    }).join(' · ');
  }
  const targets = portfolioState && Array.isArray(portfolioState.positions) ? portfolioState.positions : [];
  if (targets.length > 0) {
    return 'target portfolio: ' + targets.map((p) => [p && p.coin, share(p && p.pct_of_portfolio)].filter(Boolean).join(' ')).join(' · ');
  }
  return 'HOLD';
}

/** « leader's confidence 72 % » : ce que le leader dit de sa propre certitude (0 à 1), sans effet sur la taille. */
export function confidenceText(value) {
  return num(value) === null ? '' : "leader's confidence " + plainPct.format(num(value));
}

export const CONFIDENCE_HELP = 'How sure the leader says it is of this signal (0 to 100%). '
  + 'Shown for your information: it does not change how much is copied.';

/** Les séparateurs décimal et de milliers de la locale (« . » et « , » pour en-US, « , » et une espace pour fr-FR). */
export function separators(locale = LOCALE) {
  const parts = new Intl.NumberFormat(locale).formatToParts(12345.6);
  const part = (type) => (parts.find((p) => p.type === type) || {}).value || '';
  return { decimal: part('decimal') || '.', group: part('group') };
}

/** « 50,00 » ou « 50.00 » : l'exemple d'un champ de montant, écrit comme le navigateur l'attend. */
export function amountExample(amount = 50) {
  return new Intl.NumberFormat(LOCALE, { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: false }).format(amount);
}

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Un montant saisi → le littéral JSON exact « 1234.56 », ou null : on l'envoie tel quel pour ne rien
 * perdre en virgule flottante. Lu d'abord à la manière de la locale (« 1,234.56 » en-US, « 1 234,56 »
 * fr-FR, « 1.234,56 » de-DE) ; sinon un seul séparateur, virgule ou point, est le séparateur décimal
 * (« 50,5 » tapé dans un navigateur en-US veut dire 50.5 : des milliers vont par trois chiffres).
 */
export function decimalLiteral(text, locale = LOCALE) {
  const cleaned = String(text).trim().replace(/[\s\u00a0\u202f'\u2019]/g, '');
  const { decimal, group } = separators(locale);
  // une espace de milliers est déjà ôtée ; un autre séparateur ne vaut que suivi de trois chiffres
  const grouped = group.trim() === '' ? '' : '\\d{1,3}(?:' + escape(group) + '\\d{3})+|';
  const local = new RegExp('^-?(?:' + grouped + '\\d+)(?:' + escape(decimal) + '\\d+)?$');
  let plain = null;
  if (local.test(cleaned)) {
    plain = (grouped ? cleaned.split(group).join('') : cleaned).replace(decimal, '.');
  } else if (/^-?\d+[.,]\d+$/.test(cleaned)) {
    plain = cleaned.replace(',', '.');
  }
  return plain !== null && /^-?\d+(\.\d+)?$/.test(plain) ? plain : null;
}
