#!/usr/bin/env bash
# A stand-in for htpasswd (apache2-utils) in the secrets-script tests: `htpasswd -nbB <user> <password>`
# prints "<user>:bcrypt(<password>)", so a test can see which password a line was made from.
set -euo pipefail
[ "$1" = -nbB ] || { echo "the fake htpasswd knows only: -nbB <user> <password>" >&2; exit 1; }
printf '%s:bcrypt(%s)\n' "$2" "$3"
