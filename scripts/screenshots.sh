#!/bin/sh
# Captures the main dashboard views in tmux (with colour) and renders them to screenshots/*.png.
# Usage: scripts/screenshots.sh BINARY [ARGS...]   (make screenshots runs it on the demo)
set -eu
BIN=$1; shift
OUT=screenshots
SOCK=ovnip-shots-$$
mkdir -p "$OUT"
t() { tmux -L "$SOCK" -f /dev/null "$@"; }
trap 't kill-server 2>/dev/null || true' EXIT
q() { printf "'%s' " "$@"; }
t new-session -d -s shots -x 120 -y 40 "env LANG=C.UTF-8 TERM=tmux-256color $(q "$BIN" "$@"); sleep 5"
wait_for() { i=0; until t capture-pane -t shots -p | grep -qF -- "$1"; do i=$((i+1)); [ $i -lt 150 ] || { echo "timed out waiting for: $1" >&2; t capture-pane -t shots -p >&2; exit 1; }; sleep 0.2; done; }
shot() { sleep 0.5; t capture-pane -t shots -p -e > "$OUT/$1.ansi"; python3 scripts/ansi2png.py "$OUT/$1.ansi" "$OUT/$1.png" 120 40; rm "$OUT/$1.ansi"; echo "wrote $OUT/$1.png"; }
wait_for "Subnets ("
# The over-capacity subnet selected (on the demo: the #4747 external subnet, a /27 whose
# controller count exceeds its capacity); SHOT_SUBNET picks another, SHOT_ORPHAN the orphan.
SUBNET=${SHOT_SUBNET:-ovn-vpc-external-network}
ORPHAN=${SHOT_ORPHAN:-gw-gone-0}
wait_for "OVER"
i=0; until t capture-pane -t shots -p | grep -qF "Detail: $SUBNET"; do t send-keys -t shots j; i=$((i+1)); [ $i -lt 200 ] || break; sleep 0.1; done
wait_for "Detail: $SUBNET"
shot subnets
# An orphan inspected: filter by its name, focus the orphans pane, the last match, Enter.
t send-keys -t shots /; t send-keys -t shots -l "$ORPHAN"; t send-keys -t shots Enter
wait_for "filter /$ORPHAN"
t send-keys -t shots BTab; sleep 0.3; t send-keys -t shots G; sleep 0.3; t send-keys -t shots Enter
wait_for "Evidence:"
shot inspect-orphan
t send-keys -t shots Escape; sleep 0.3; t send-keys -t shots Escape; sleep 0.3; t send-keys -t shots '?'
wait_for "Keys (? or Esc closes)"
shot help
t send-keys -t shots Escape q
