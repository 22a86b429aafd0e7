#!/usr/bin/env bash
# Calv-a-lot's opt-in updater (docs/backups-and-updates.md): run it from cron or a systemd timer.
# It acts only when the follower has written the UPDATE_REQUESTED flag next to its database
# (leader-protocol.md, "Update requests"): git pull --ff-only, docker compose build, up -d, then it
# waits for the new container to be healthy and rolls back to the previous image (and commit) if it
# is not. Everything it does goes to update.log next to the database.
#
# Settings (environment, all optional):
#   CALVALOT_REPO            the git checkout holding docker-compose.yml (default: this script's ..)
#   CALVALOT_DATA            the data folder (default: CALVALOT_DATA from .env, else ./data)
#   CALVALOT_SERVICE         the compose service (default: calvalot)
#   CALVALOT_IMAGE           the image compose builds (default: calv-a-lot:latest)
#   CALVALOT_HEALTH_TIMEOUT  seconds to wait for "healthy" (default: 180)
#   CALVALOT_HEALTH_POLL     seconds between two looks (default: 5)
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
flag="$data/UPDATE_REQUESTED"
log_file="$data/update.log"

# rien de demandé : rien à faire, rien à écrire (le minuteur passe souvent)
[ -f "$flag" ] || exit 0

log() {
    printf '%s %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$*" >> "$log_file"
}

# un seul passage à la fois (un build lent et le minuteur suivant)
lock="$data/.update.lock"
if ! mkdir "$lock" 2>/dev/null; then
    log "another update is running (remove $lock if it is not): nothing done"
    exit 0
fi
trap 'rmdir "$lock" 2>/dev/null || true' EXIT

log "update requested: $(tr '\n' ' ' < "$flag")"
before="$(git rev-parse HEAD)"
if ! git pull --ff-only >> "$log_file" 2>&1; then
    log "git pull --ff-only failed (local commits or changes in the way): nothing changed, the flag is kept"
    exit 1
fi
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
    id="$(docker compose ps -q "$service" 2>/dev/null | head -n 1)"
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

rollback() {
    if [ "$had_previous" = 1 ]; then
        docker image tag "$previous" "$image"
        # les routes (./routes) et le code reviennent avec l'image : ils vont ensemble
        git reset --keep "$before" >> "$log_file" 2>&1 || log "git reset --keep $before failed: the checkout stays at $after"
        docker compose up -d --no-build >> "$log_file" 2>&1 || true
        if wait_healthy; then
            log "rolled back to the previous image ($before): healthy"
        else
            log "rolled back to the previous image ($before), which is not healthy either: look at docker compose logs $service"
        fi
    else
        log "no previous image to roll back to: look at docker compose logs $service"
    fi
    # pas de nouvel essai en boucle sur la même version : le drapeau est mis de côté
    mv "$flag" "$data/UPDATE_FAILED"
    exit 1
}

if ! docker compose build >> "$log_file" 2>&1; then
    log "docker compose build failed: the running container is untouched, the checkout goes back to $before"
    git reset --keep "$before" >> "$log_file" 2>&1 || log "git reset --keep $before failed: the checkout stays at $after"
    mv "$flag" "$data/UPDATE_FAILED"
    exit 1
fi
if ! docker compose up -d >> "$log_file" 2>&1; then
    log "docker compose up -d failed"
    rollback
fi
if wait_healthy; then
    rm -f "$flag"
    log "updated to $after: healthy"
    exit 0
fi
rollback
