#!/usr/bin/env bash
# A stand-in for openssl in the secrets-script tests: `openssl rand -hex 24` prints a new,
# recognisable value each time and logs the call to $FAKE_KUBE_HOME/calls.log.
set -euo pipefail
home="${FAKE_KUBE_HOME:?FAKE_KUBE_HOME is not set}"
[ "$*" = "rand -hex 24" ] || { echo "the fake openssl knows only: rand -hex 24" >&2; exit 1; }
count=$(( $(cat "$home/generated" 2>/dev/null || echo 0) + 1 ))
echo "$count" >"$home/generated"
echo "openssl $*" >>"$home/calls.log"
printf 'generated%039d\n' "$count"
