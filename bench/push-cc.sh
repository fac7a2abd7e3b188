#!/usr/bin/env bash
# Compares pushing the cc image to a local registry with `distill copy` and with `skopeo copy`, using
# hyperfine. It builds cc into an OCI layout on /dev/shm (the package cache makes later runs fast), starts
# its own docker-registry on 127.0.0.1 with storage on /dev/shm, and stops it on exit. Every run pushes to
# a fresh repository name, and the registry's storage is emptied before each run, so that both tools upload
# every blob: skopeo's blob info cache would otherwise mount the blobs from an earlier repository.
# Usage: bench/push-cc.sh [RUNS]   (default 10)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

runs=${1:-10}
for tool in hyperfine skopeo /usr/bin/docker-registry; do
  command -v "$tool" >/dev/null || { echo "push-cc: $tool is missing; install it (./test installs it)" >&2; exit 1; }
done

work=$(mktemp -d /dev/shm/distill-bench-push.XXXXXX)
registry_pid=""
cleanup() {
  if [[ -n "$registry_pid" ]]; then kill "$registry_pid" 2>/dev/null || true; wait "$registry_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat >"$work/registry.yml" <<YAML
version: 0.1
log:
  level: error
storage:
  filesystem:
    rootdirectory: $work/storage
http:
  addr: 127.0.0.1:$port
YAML
# The registry stops with this script, and after one hour at most in case the trap never runs.
timeout 3600 /usr/bin/docker-registry serve "$work/registry.yml" >"$work/registry.log" 2>&1 &
registry_pid=$!
for _ in $(seq 100); do
  curl -fs "http://127.0.0.1:$port/v2/" >/dev/null && break
  sleep 0.1
done

./distill build cc --output "oci:$work/layout:cc" >/dev/null
./distill inspect "oci:$work/layout:cc" | head -3

hyperfine --runs "$runs" --warmup 1 --prepare "rm -rf $work/storage/docker" \
  --command-name "distill copy" \
  "dotnet .distill/bin/distill.dll copy --quiet oci:$work/layout:cc docker://127.0.0.1:$port/bench/distill-\$(date +%s%N):cc" \
  --command-name "skopeo copy" \
  "skopeo copy --quiet --dest-tls-verify=false oci:$work/layout:cc docker://127.0.0.1:$port/bench/skopeo-\$(date +%s%N):cc"
