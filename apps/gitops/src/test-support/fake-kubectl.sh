#!/usr/bin/env bash
# A stand-in for kubectl in the secrets-script tests: only the calls that script makes, against
# clusters kept as files under $FAKE_KUBE_HOME/clusters/<context>/, with kubectl's exit codes and
# messages. Every call is appended to $FAKE_KUBE_HOME/calls.log as "<context>: kubectl <args>".
set -euo pipefail
home="${FAKE_KUBE_HOME:?FAKE_KUBE_HOME is not set}"
context="$(cat "$home/current-context" 2>/dev/null || echo default)"
echo "$context: kubectl $*" >>"$home/calls.log"
cluster="$home/clusters/$context"
mkdir -p "$cluster/namespaces" "$cluster/secrets"

namespace=default output="" ignore_not_found=false file="" literals=() words=()
while [ $# -gt 0 ]; do
  case "$1" in
    -n | --namespace) namespace="$2"; shift 2 ;;
    -o) output="$2"; shift 2 ;;
    -o*) output="${1#-o}"; shift ;;
    -f) file="$2"; shift 2 ;;
    --ignore-not-found) ignore_not_found=true; shift ;;
    --from-literal=*) literals+=("${1#--from-literal=}"); shift ;;
    -*) echo "error: unknown flag: $1 (the fake kubectl knows only the flags the secrets script uses)" >&2; exit 1 ;;
    *) words+=("$1"); shift ;;
  esac
done

not_found() {
  if $ignore_not_found; then exit 0; fi
  echo "Error from server (NotFound): $1 \"$2\" not found" >&2
  exit 1
}

case "${words[*]}" in
  "config use-context "*)
    echo "${words[2]}" >"$home/current-context"
    echo "Switched to context \"${words[2]}\"."
    ;;
  "get namespace "*)
    name="${words[2]}"
    [ -f "$cluster/namespaces/$name.yaml" ] || not_found namespaces "$name"
    [ "$output" = name ] && echo "namespace/$name"
    ;;
  "get secret "*)
    name="${words[2]}" dir="$cluster/secrets/$namespace/${words[2]}"
    [ -d "$dir" ] || not_found secrets "$name"
    case "$output" in
      name) echo "secret/$name" ;;
      # Like kubectl, a key the Secret lacks prints nothing and succeeds.
      "jsonpath={.data."*"}") key="${output#jsonpath=\{.data.}" && key="${key%\}}" && { [ ! -f "$dir/$key" ] || cat "$dir/$key"; } ;;
      *) echo "error: the fake kubectl prints a Secret only with -o name or -o jsonpath={.data.<key>}" >&2; exit 1 ;;
    esac
    ;;
  create)
    [ "$file" = - ] || { echo "error: the fake kubectl creates only from stdin (-f -)" >&2; exit 1; }
    manifest="$(cat)"
    grep -qx 'kind: Namespace' <<<"$manifest" || { echo "error: the fake kubectl creates only Namespaces from a manifest" >&2; exit 1; }
    name="$(sed -n 's/^  name: //p' <<<"$manifest" | head -n 1)"
    if [ -f "$cluster/namespaces/$name.yaml" ]; then
      echo "Error from server (AlreadyExists): namespaces \"$name\" already exists" >&2
      exit 1
    fi
    printf '%s\n' "$manifest" >"$cluster/namespaces/$name.yaml"
    echo "namespace/$name created"
    ;;
  "create secret generic "*)
    name="${words[3]}" dir="$cluster/secrets/$namespace/${words[3]}"
    [ -f "$cluster/namespaces/$namespace.yaml" ] || not_found namespaces "$namespace"
    if [ -d "$dir" ]; then
      echo "error: failed to create secret secrets \"$name\" already exists" >&2
      exit 1
    fi
    mkdir -p "$dir"
    for literal in "${literals[@]}"; do
      printf '%s' "${literal#*=}" | base64 -w0 >"$dir/${literal%%=*}"
    done
    echo "secret/$name created"
    ;;
  *)
    echo "error: the fake kubectl does not know \"kubectl ${words[*]}\"" >&2
    exit 1
    ;;
esac
