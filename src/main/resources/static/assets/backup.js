// Les copies de la base (api.md GET /api/backup) : le lien de téléchargement est dans la page ; ici,
// la ligne « dernière copie » (quand, où), relue toutes les 5 minutes. Texte seulement (textContent).
import { when } from './format.js';

const REFRESH_MS = 300000;

async function showLatest() {
  const line = document.getElementById('backup-last');
  if (!line) return;
  try {
    const response = await fetch(location.origin + '/api/backup/latest',
      { credentials: 'same-origin', cache: 'no-store', headers: { Accept: 'application/json' } });
    if (!response.ok) throw new Error('HTTP ' + response.status);
    const latest = await response.json();
    const where = typeof latest.dir === 'string' ? latest.dir : '?';
    if (latest.last && typeof latest.last.at === 'string') {
      line.textContent = 'Last backup: ' + when(latest.last.at) + ' in ' + where + '.';
    } else {
      line.textContent = 'No nightly backup yet' + (latest.nightly_at === 'off' ? ' (BACKUP_AT=off)' : '') + '; they go to ' + where + '.';
    }
    if (typeof latest.last_error === 'string') {
      line.textContent += ' The last one failed: ' + latest.last_error;
    }
    line.dataset.state = 'ready';
  } catch (e) {
    line.textContent = 'Last backup: unknown (' + e.message + ').';
    line.dataset.state = 'degraded';
  }
}

showLatest();
setInterval(showLatest, REFRESH_MS);
