#!/usr/bin/env bash
# Several instances on one machine: a three-node MariaDB Galera cluster, Redis, three API
# instances and HAProxy in front of them (README: "Running several instances").
#
#   scripts/cluster.sh start              start everything afresh; the last line printed is the load balancer's URL
#   scripts/cluster.sh stop               stop everything it started
#   scripts/cluster.sh status             what runs, and each Galera node's state
#   scripts/cluster.sh check              whether this machine can run it (why not, on stderr, exit 1)
#   scripts/cluster.sh node-kill N        kill -9 Galera node N (1-3)
#   scripts/cluster.sh node-start N       start node N again; it rejoins (IST, else SST) and syncs
#   scripts/cluster.sh api-restart N      restart API instance N gracefully (SIGTERM, drain, start, healthy)
#   scripts/cluster.sh api-kill N         kill -9 API instance N
#   scripts/cluster.sh api-start N        start API instance N again and wait until it is healthy
#
# Nothing is shared with the machine's own MariaDB or Redis: own data directories under
# CLUSTER_DIR, own ports from CLUSTER_PORT_BASE. JWT_SECRET, ADMIN_EMAIL and ADMIN_PASSWORD are
# passed from this script's environment to the instances.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

DIR=${CLUSTER_DIR:-/tmp/voice-api-cluster}
BASE=${CLUSTER_PORT_BASE:-4300}
LB_PORT=$BASE                                  # HAProxy
api_port() { echo $((BASE + $1)); }            # 4301-4303
db_port() { echo $((BASE + 10 + $1)); }        # 4311-4313
gcomm_port() { echo $((BASE + 20 + $1 * 3)); } # 4323, 4326, 4329 (IST on +1, SST on +2)
REDIS_PORT=$((BASE + 40))
NODES=(1 2 3)
GALERA_PROVIDER=${GALERA_PROVIDER:-/usr/lib/galera/libgalera_smm.so}

log() { echo "[cluster] $*" >&2; }
die() { log "$*"; exit 1; }

need() {
  for bin in mariadbd mariadb-install-db mariadb-admin haproxy redis-server rsync; do
    command -v "$bin" >/dev/null || die "$bin is missing: apt-get install mariadb-server galera-4 haproxy redis-server rsync"
  done
  [ -f "$GALERA_PROVIDER" ] || die "the Galera provider $GALERA_PROVIDER is missing: apt-get install galera-4"
  id mysql >/dev/null 2>&1 || die "no 'mysql' user to run the nodes as (Debian's mariadb-server creates it)"
}

sql() { mariadb -uroot -h127.0.0.1 -P"$(db_port "$1")" --connect-timeout=2 -N -B -e "$2"; }

node_cnf() {
  local n=$1 g
  g=$(gcomm_port "$n")
  local addresses
  addresses=$(for m in "${NODES[@]}"; do printf '127.0.0.1:%s,' "$(gcomm_port "$m")"; done)
  cat <<CNF
[mysqld]
user=mysql
datadir=$DIR/node$n/data
socket=$DIR/node$n/mysqld.sock
pid-file=$DIR/node$n/mysqld.pid
log-error=$DIR/node$n/error.log
port=$(db_port "$n")
bind-address=127.0.0.1
skip-name-resolve
character-set-server=utf8mb4
collation-server=utf8mb4_unicode_ci
default_storage_engine=InnoDB
binlog_format=ROW
innodb_autoinc_lock_mode=2
innodb_buffer_pool_size=128M
innodb_flush_log_at_trx_commit=2
max_connections=300
wsrep_on=ON
wsrep_provider=$GALERA_PROVIDER
wsrep_cluster_name=voice_api_cluster
wsrep_cluster_address=gcomm://${addresses%,}
wsrep_node_name=node$n
wsrep_node_address=127.0.0.1:$g
wsrep_provider_options="gmcast.listen_addr=tcp://127.0.0.1:$g;ist.recv_addr=127.0.0.1:$((g + 1));gcache.size=256M;repl.causal_read_timeout=PT3S"
wsrep_sst_receive_address=127.0.0.1:$((g + 2))
wsrep_sst_method=rsync
wsrep_slave_threads=2
# Reads wait until the node has applied every write committed anywhere before them (read your own
# writes, across nodes), at most 3 s (repl.causal_read_timeout): then the instance asks another node.
wsrep_sync_wait=1
CNF
}

wait_synced() {
  local n=$1 state=''
  for _ in $(seq 1 240); do
    state=$(sql "$n" "SHOW STATUS LIKE 'wsrep_local_state_comment'" 2>/dev/null | cut -f2 || true)
    [ "$state" = "Synced" ] && return 0
    sleep 0.5
  done
  tail -n 30 "$DIR/node$n/error.log" >&2 || true
  die "node $n did not reach Synced (last state: ${state:-no answer})"
}

start_node() {
  local n=$1 bootstrap=${2:-}
  mkdir -p "$DIR/node$n/data"
  chown -R mysql:mysql "$DIR/node$n"
  node_cnf "$n" >"$DIR/node$n/my.cnf"
  # Started by hand, not by systemd: a node that died hard recovers its position itself (--wsrep-recover would print it).
  setsid mariadbd --defaults-file="$DIR/node$n/my.cnf" $bootstrap >>"$DIR/node$n/stdout.log" 2>&1 < /dev/null &
  wait_synced "$n"
  log "node $n synced on 127.0.0.1:$(db_port "$n")"
}

# Lists, exports and schedule-state of instance N read from the two other nodes (README).
read_urls() {
  local urls=''
  for m in "${NODES[@]}"; do [ "$m" = "$1" ] || urls+="mysql://root@127.0.0.1:$(db_port "$m")/voice,"; done
  echo "${urls%,}"
}

start_api() {
  local n=$1 port
  port=$(api_port "$n")
  # What `start` was given, kept for restarts (api-restart) from another shell.
  # shellcheck disable=SC1091
  [ -z "${JWT_SECRET:-}" ] && [ -f "$DIR/instances.env" ] && . "$DIR/instances.env"
  (
    cd "$ROOT"
    PORT=$port HOST=127.0.0.1 \
      DATABASE_URL="mysql://root@127.0.0.1:$(db_port "$n")/voice" \
      DATABASE_READ_URLS="$(read_urls "$n")" \
      REDIS_URL="redis://127.0.0.1:$REDIS_PORT" \
      JWT_SECRET="$JWT_SECRET" ADMIN_EMAIL="$ADMIN_EMAIL" ADMIN_PASSWORD="$ADMIN_PASSWORD" \
      TRUST_PROXY=loopback MAX_CONNECTIONS_PER_CLIENT=0 \
      SHUTDOWN_DRAIN_DELAY_MS="${SHUTDOWN_DRAIN_DELAY_MS:-1500}" IDEMPOTENCY_LEASE_MS="${IDEMPOTENCY_LEASE_MS:-10000}" \
      setsid node dist/src/main.js "--cluster-api-$n" >>"$DIR/api$n.log" 2>&1 < /dev/null &
    echo $! >"$DIR/api$n.pid"
  )
}

wait_healthy() {
  local n=$1
  for _ in $(seq 1 120); do
    curl -fsS "http://127.0.0.1:$(api_port "$n")/health" >/dev/null 2>&1 && return 0
    kill -0 "$(cat "$DIR/api$n.pid")" 2>/dev/null || { tail -n 20 "$DIR/api$n.log" >&2; die "API instance $n exited"; }
    sleep 0.5
  done
  tail -n 20 "$DIR/api$n.log" >&2
  die "API instance $n is not healthy"
}

haproxy_cfg() {
  cat <<CFG
global
  maxconn 4096
  pidfile $DIR/haproxy.pid
defaults
  mode http
  timeout connect 2s
  timeout client 60s
  timeout server 60s
  option forwardfor
  # A request that cannot reach its instance (refused, reset before any byte) goes to another one.
  retries 3
  option redispatch 1
frontend api
  bind 127.0.0.1:$LB_PORT
  default_backend instances
backend instances
  balance roundrobin
  option httpchk GET /health
  http-check expect status 200
  default-server inter 250ms fastinter 250ms fall 1 rise 2
$(for n in "${NODES[@]}"; do echo "  server api$n 127.0.0.1:$(api_port "$n") check"; done)
CFG
}

stop_pidfile() {
  local file=$1 signal=${2:-TERM}
  [ -f "$file" ] || return 0
  local pid
  pid=$(cat "$file")
  if kill -0 "$pid" 2>/dev/null; then
    kill -"$signal" "$pid" 2>/dev/null || true
    for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$file"
}

cmd_stop() {
  for n in "${NODES[@]}"; do stop_pidfile "$DIR/api$n.pid"; done
  stop_pidfile "$DIR/haproxy.pid"
  stop_pidfile "$DIR/redis.pid"
  for n in 3 2 1; do stop_pidfile "$DIR/node$n/mysqld.pid"; done
  log "stopped"
}

cmd_start() {
  need
  : "${JWT_SECRET:?set JWT_SECRET (at least 32 characters) for the instances}"
  : "${ADMIN_EMAIL:?set ADMIN_EMAIL for the first administrator}"
  : "${ADMIN_PASSWORD:?set ADMIN_PASSWORD for the first administrator}"
  [ -d "$DIR" ] && cmd_stop 2>/dev/null
  rm -rf "$DIR"
  mkdir -p "$DIR"
  chmod 755 "$DIR"
  node scripts/build-if-stale.js

  mkdir -p "$DIR/node1/data"
  chown -R mysql:mysql "$DIR/node1"
  mariadb-install-db --user=mysql --datadir="$DIR/node1/data" --auth-root-authentication-method=normal \
    --skip-test-db >"$DIR/node1/install.log" 2>&1 || { cat "$DIR/node1/install.log" >&2; die "mariadb-install-db failed"; }
  start_node 1 --wsrep-new-cluster
  sql 1 "CREATE DATABASE voice CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
  start_node 2
  start_node 3

  (umask 077 && printf 'JWT_SECRET=%q\nADMIN_EMAIL=%q\nADMIN_PASSWORD=%q\n' "$JWT_SECRET" "$ADMIN_EMAIL" "$ADMIN_PASSWORD" >"$DIR/instances.env")
  redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no \
    --pidfile "$DIR/redis.pid" --logfile "$DIR/redis.log" --dir "$DIR"
  # All three at once: the migrations must run once, under the schema lock.
  for n in "${NODES[@]}"; do start_api "$n"; done
  for n in "${NODES[@]}"; do wait_healthy "$n"; done

  haproxy_cfg >"$DIR/haproxy.cfg"
  haproxy -D -f "$DIR/haproxy.cfg"
  for _ in $(seq 1 40); do curl -fsS "http://127.0.0.1:$LB_PORT/health" >/dev/null 2>&1 && break; sleep 0.25; done
  echo "http://127.0.0.1:$LB_PORT"
}

cmd_status() {
  for n in "${NODES[@]}"; do
    echo "node $n: $(sql "$n" "SHOW STATUS LIKE 'wsrep_local_state_comment'" 2>/dev/null | cut -f2 || echo down)"
  done
  for n in "${NODES[@]}"; do
    echo "api $n: $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$(api_port "$n")/health" || true)"
  done
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  check) need ;;
  node-kill)
    stop_pidfile "$DIR/node${2:?node number}/mysqld.pid" KILL
    log "node $2 killed"
    ;;
  node-start) start_node "${2:?node number}" ;;
  api-restart)
    stop_pidfile "$DIR/api${2:?instance number}.pid"
    start_api "$2"
    wait_healthy "$2"
    log "API instance $2 restarted"
    ;;
 api-kill)
    stop_pidfile "$DIR/api${2:?instance number}.pid" KILL
    log "API instance $2 killed"
    ;;
  api-start)
    start_api "${2:?instance number}"
    wait_healthy "$2"
    log "API instance $2 started"
    ;;
  *) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
