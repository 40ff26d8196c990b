# Sourced by the DNS benchmarks: a work folder and the processes started in it, all stopped and the folder removed
# on exit (KEEP=1 keeps it). Needs log(). Sets $work and the pids array; work_folder NAME creates them.

# work_folder NAME: a fresh folder /tmp/NAME.XXXXXX as $work, cleaned up on exit with every pid in $pids
work_folder() {
    work=$(mktemp -d "/tmp/$1.XXXXXX")
    chmod 755 "$work"
    pids=()
    trap cleanup EXIT
    trap 'exit 130' INT TERM
}

cleanup() {
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2> /dev/null || true; done
    for pid in "${pids[@]}"; do
        for _ in $(seq 100); do kill -0 "$pid" 2> /dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2> /dev/null || true
    done
    if [ "${KEEP:-0}" = 1 ]; then log "work folder kept: $work"; else rm -rf "$work"; fi
}

# stop PID (one we started) and forget it
stop() {
    kill -TERM "$1" 2> /dev/null || true
    for _ in $(seq 100); do kill -0 "$1" 2> /dev/null || break; sleep 0.1; done
    kill -KILL "$1" 2> /dev/null || true
    wait "$1" 2> /dev/null || true
    local kept=()
    for p in "${pids[@]}"; do [ "$p" = "$1" ] || kept+=("$p"); done
    pids=("${kept[@]}")
}
