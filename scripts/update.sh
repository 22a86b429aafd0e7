#!/usr/bin/env bash
# Calv-a-lot's opt-in updater (docs/backups-and-updates.md): run it from cron or a systemd timer.
# It acts only when the follower has written the UPDATE_REQUESTED flag next to its database
# (leader-protocol.md, "Update requests"): git pull --ff-only, build, then it stops the follower,
# takes a consistent copy of its database (data/before-update.db), starts the new version and waits
# for it to be healthy. If it is not, it puts back the previous image, the previous commit and that
# copy of the database. Everything it does goes to update.log next to the database.
#
# Settings (environment, all optional):
#   CALVALOT_REPO            the git checkout holding docker-compose.yml (default: this script's ..)
#   CALVALOT_DATA            the data folder (default: CALVALOT_DATA from .env, else ./data)
#   CALVALOT_SERVICE         the compose service (default: calvalot)
#   CALVALOT_IMAGE           the image compose builds (default: calv-a-lot:latest)
#   CALVALOT_COMPOSE         the compose command (default: "docker compose", else "docker-compose")
#   CALVALOT_HEALTH_TIMEOUT  seconds to wait for "healthy" (default: 180)
#   CALVALOT_HEALTH_POLL     seconds between two looks (default: 5)
#   CALVALOT_LOCK_MAX_AGE    seconds after which a left-over lock is taken over (default: 7200)
set -eu

repo="${CALVALOT_REPO:-$(cd "$(dirname "$0")/.." && pwd)}"
cd "$repo"
if [ -z "${CALVALOT_DATA:-}" ] && [ -f .env ]; then
    CALVALOT_DATA="$(sed -n 's/^CALVALOT_DATA=//p' .env | tail -n 1)"
fi
data="${CALVALOT_DATA:-./data}"
service="${CALVALOT_SERVICE:-calvalot}"
image="${CALVALOT_IMAGE:-calv-a-lot:latest}"
previous="${image%:*}:before-update"
timeout="${CALVALOT_HEALTH_TIMEOUT:-180}"
poll="${CALVALOT_HEALTH_POLL:-5}"
max_age="${CALVALOT_LOCK_MAX_AGE:-7200}"
flag="$data/UPDATE_REQUESTED"
log_file="$data/update.log"
# la copie de la base, vue de l'hôte et du conteneur (./data y est /app/data)
copy="$data/before-update.db"
copy_in_container="/app/data/before-update.db"
# ce qui a bloqué le dernier passage : dit une fois, puis silence tant que rien ne change
blocked_file="$data/.update.blocked"

# rien de demandé : rien à faire, rien à écrire (le minuteur passe souvent)
[ -f "$flag" ] || exit 0

log() {
    printf '%s %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$*" >> "$log_file"
}

# --- un seul passage à la fois (un build lent et le minuteur suivant) ------------------------------
# Le verrou porte le pid et le démarrage de la machine de son passage : un passage tué (coupure de
# courant, kill) laisse un verrou que le suivant reprend, sans attendre personne.
lock="$data/.update.lock"
boot_id() { cat /proc/sys/kernel/random/boot_id 2>/dev/null || echo unknown; }
alive() { [ -d "/proc/$1" ] || kill -0 "$1" 2>/dev/null; }
# une raison (sur la sortie) si le verrou est abandonné, rien s'il est tenu
stale_reason() {
    local pid="" boot="" age
    age=$(( $(date +%s) - $(stat -c %Y "$lock" 2>/dev/null || date +%s) ))
    if [ -f "$lock/owner" ]; then
        read -r pid boot < "$lock/owner" || true
    fi
    if [ -z "$pid" ]; then
        # créé à l'instant par un autre passage qui n'a pas encore écrit son pid
        [ "$age" -gt 60 ] && echo "it names no run"
    elif [ "$boot" != "$(boot_id)" ]; then
        echo "its run (pid $pid) was before the machine restarted"
    elif ! alive "$pid"; then
        echo "its run (pid $pid) has ended"
    elif [ "$age" -gt "$max_age" ]; then
        echo "it is ${age}s old, longer than any update (CALVALOT_LOCK_MAX_AGE=${max_age})"
    fi
    return 0
}
take_lock() {
    mkdir "$lock" 2>/dev/null || return 1
    echo "$$ $(boot_id)" > "$lock/owner"
}
if ! take_lock; then
    reason="$(stale_reason)"
    if [ -z "$reason" ]; then
        log "another update is running: nothing done"
        exit 0
    fi
    rm -rf "$lock"
    log "took over a left-over update lock ($reason)"
    if ! take_lock; then
        log "another update is running: nothing done"
        exit 0
    fi
fi
trap 'rm -rf "$lock" 2>/dev/null || true' EXIT

# --- docker compose v2, ou docker-compose 1.x (Debian 12, Raspberry Pi OS) -------------------------
if [ -n "${CALVALOT_COMPOSE:-}" ]; then
    read -r -a compose <<< "$CALVALOT_COMPOSE"
elif docker compose version > /dev/null 2>&1; then
    compose=(docker compose)
elif command -v docker-compose > /dev/null 2>&1; then
    compose=(docker-compose)
else
    log "neither 'docker compose' nor 'docker-compose' is installed: nothing done, the flag is kept"
    exit 1
fi

# Ce qui empêche la mise à jour (des changements locaux, des commits locaux, le dépôt injoignable) :
# écrit une fois avec le remède, puis rien tant que la demande, le commit et les changements locaux
# restent les mêmes ; le drapeau est gardé.
blocked() {
    local fingerprint="$1" message="$2" detail="$3"
    if [ -f "$blocked_file" ] && [ "$(cat "$blocked_file")" = "$fingerprint" ]; then
        exit 0
    fi
    printf '%s' "$fingerprint" > "$blocked_file"
    log "$message"
    [ -z "$detail" ] || printf '%s\n' "$detail" | sed 's/^/    /' >> "$log_file"
    log "(said once: later runs stay quiet until this changes)"
    exit 1
}

before="$(git rev-parse HEAD)"
changes="$(git status --porcelain --untracked-files=no)"
if ! pulled="$(git pull --ff-only 2>&1)"; then
    fingerprint="$(printf '%s\n%s\n%s\n%s' "$(cat "$flag")" "$before" "$changes" "$(printf '%s\n' "$pulled" | grep -m 1 -iE 'error|fatal' || true)")"
    if [ -n "$changes" ]; then
        files="$(printf '%s\n' "$changes" | cut -c4- | tr '\n' ' ')"
        blocked "$fingerprint" "update blocked: local changes in $files(in $repo) are in the way of git pull --ff-only. \
Keep them with 'git -C $repo stash' (and 'git -C $repo stash pop' after the update), or drop them with \
'git -C $repo checkout -- $files'; local settings belong in .env and docker-compose.override.yml, which git leaves alone. \
The flag is kept: the next run updates" "$pulled"
    fi
    blocked "$fingerprint" "update blocked: git pull --ff-only failed (local commits, another branch, or the repository \
unreachable; git's answer below). 'git -C $repo status' shows where the checkout stands; \
'git -C $repo reset --keep @{upstream}' drops local commits. The flag is kept: the next run updates" "$pulled"
fi
rm -f "$blocked_file"
log "update requested: $(tr '\n' ' ' < "$flag")"
printf '%s\n' "$pulled" >> "$log_file"
after="$(git rev-parse HEAD)"
log "code: $before -> $after"

# l'image en service est gardée sous un autre nom : c'est elle qu'on remet si la nouvelle est malade
had_previous=0
if docker image inspect "$image" > /dev/null 2>&1; then
    docker image tag "$image" "$previous"
    had_previous=1
fi

health() {
    local id
    id="$("${compose[@]}" ps -q "$service" 2>/dev/null | head -n 1)"
    [ -n "$id" ] || { echo missing; return; }
    docker inspect --format '{{if .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}}{{end}}' "$id" 2>/dev/null || echo missing
}

# « healthy » avant la limite : 0 ; malade, arrêté ou trop lent : 1
wait_healthy() {
    local waited=0 status
    while :; do
        status="$(health)"
        case "$status" in
            healthy) return 0 ;;
            unhealthy|exited|dead) log "container $status"; return 1 ;;
        esac
        if [ "$(awk -v w="$waited" -v t="$timeout" 'BEGIN { print (w >= t) ? 1 : 0 }')" = 1 ]; then
            log "container still $status after ${timeout}s"
            return 1
        fi
        sleep "$poll"
        waited="$(awk -v w="$waited" -v p="$poll" 'BEGIN { print w + p }')"
    done
}

# l'image et le commit d'avant (les routes ./routes vont avec le jar), relancés
start_previous() {
    docker image tag "$previous" "$image"
    git reset --keep "$before" >> "$log_file" 2>&1 || log "git reset --keep $before failed: the checkout stays at $after"
    "${compose[@]}" up -d --no-build >> "$log_file" 2>&1 || true
}

rollback() {
    if [ "$had_previous" = 1 ]; then
        "${compose[@]}" stop "$service" >> "$log_file" 2>&1 || true
        # la base telle qu'avant la mise à jour : une migration de la nouvelle version ne laisse pas
        # l'ancienne sur un schéma qu'elle refuse ; au démarrage, restore.db remplace la base et garde
        # celle de la nouvelle version à côté (calvalot.db.before-restore-<heure>)
        if [ -f "$copy" ]; then
            mv -f "$copy" "$data/restore.db"
            log "the database goes back to its copy from before the update (data/restore.db); the one the new version used is kept beside it as calvalot.db.before-restore-<time>"
        fi
        start_previous
        if wait_healthy; then
            log "rolled back to the previous image ($before): healthy"
        else
            log "rolled back to the previous image ($before), which is not healthy either: look at ${compose[*]} logs $service"
        fi
    else
        log "no previous image to roll back to: look at ${compose[*]} logs $service"
    fi
    # pas de nouvel essai en boucle sur la même version : le drapeau est mis de côté
    mv "$flag" "$data/UPDATE_FAILED"
    exit 1
}

if ! "${compose[@]}" build >> "$log_file" 2>&1; then
    log "${compose[*]} build failed: the running container is untouched, the checkout goes back to $before"
    git reset --keep "$before" >> "$log_file" 2>&1 || log "git reset --keep $before failed: the checkout stays at $after"
    mv "$flag" "$data/UPDATE_FAILED"
    exit 1
fi

# La base, copiée le suiveur arrêté (par le moyen de la copie de la nuit, VACUUM INTO vérifié) :
# la copie est exactement ce que la nouvelle version reçoit, aucun ordre ne se glisse entre les deux.
# La commande vient de la nouvelle image (l'ancienne ne l'a peut-être pas) ; elle ne migre rien.
rm -f "$copy"
"${compose[@]}" stop "$service" >> "$log_file" 2>&1 || true
if ! "${compose[@]}" run --rm --no-deps -T "$service" copy-database "$copy_in_container" >> "$log_file" 2>&1; then
    rm -f "$copy"
    log "could not copy the database before the update (a full disk?): the previous version starts again, nothing else changed"
    if [ "$had_previous" = 1 ]; then
        start_previous
    else
        git reset --keep "$before" >> "$log_file" 2>&1 || true
        "${compose[@]}" up -d --no-build >> "$log_file" 2>&1 || true
    fi
    mv "$flag" "$data/UPDATE_FAILED"
    exit 1
fi
if [ -f "$copy" ]; then
    log "database copied to $copy"
else
    log "no database yet: nothing to copy"
fi

if ! "${compose[@]}" up -d >> "$log_file" 2>&1; then
    log "${compose[*]} up -d failed"
    rollback
fi
if wait_healthy; then
    rm -f "$flag"
    log "updated to $after: healthy (the database as it was before: $copy)"
    exit 0
fi
rollback
