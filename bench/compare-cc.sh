#!/usr/bin/env bash
# Times `distill build cc` against a peer that makes the same image from the same packages:
# mmdebstrap --variant=extract, then umoci to turn the tree into an OCI image. Both run with a warm
# and with a cold package cache, in the same hyperfine invocation. docs/benchmarks.md explains the
# setup and records a run.
#
# Usage: bench/compare-cc.sh [debian13|debian12]
#
# Runs as root, because mmdebstrap runs in root mode and bind-mounts its cache. Needs hyperfine,
# mmdebstrap, umoci and the .NET SDK. The mirrors come from $DISTILL_MIRROR and
# $DISTILL_SECURITY_MIRROR, else from the URIs fields of /etc/apt/sources.list.d/*.sources.
# Caches, outputs and results go under $BENCH_DIR (default /dev/shm/distill-bench), which should be
# a tmpfs so that file creation on a disk does not add noise.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cli="$root/.distill/bin/distill.dll"
bench_dir=${BENCH_DIR:-/dev/shm/distill-bench}

# Prints "URI<TAB>SUITES" for each enabled "Types: deb" stanza of the deb822 sources files, taking
# the first URI of a stanza. Field names in deb822 are case-insensitive.
list_apt_sources() {
  local file
  for file in /etc/apt/sources.list.d/*.sources; do
    [[ -f "$file" ]] || continue
    awk '
      function flush() {
        if (uri != "" && enabled && types ~ / deb( |$)/) print uri "\t" suites
        uri = ""; suites = ""; types = ""; enabled = 1
      }
      BEGIN { enabled = 1 }
      /^[[:space:]]*#/ { next }
      /^[[:space:]]*$/ { flush(); next }
      { key = tolower($1) }
      key == "uris:" { uri = $2 }
      key == "suites:" { $1 = ""; suites = $0 }
      key == "types:" { $1 = ""; types = $0 }
      key == "enabled:" && tolower($2) == "no" { enabled = 0 }
      END { flush() }
    ' "$file"
  done
}

# Sets `mirror` and `security_mirror` from the environment, else from the host's apt sources: the
# security mirror is the first stanza with a "-security" suite, the mirror the first without one.
find_mirrors() {
  mirror=${DISTILL_MIRROR:-}
  security_mirror=${DISTILL_SECURITY_MIRROR:-}
  local uri suites
  while IFS=$'\t' read -r uri suites; do
    if [[ " $suites " == *-security* ]]; then
      [[ -n "$security_mirror" ]] || security_mirror=$uri
    else
      [[ -n "$mirror" ]] || mirror=$uri
    fi
  done < <(list_apt_sources)

  if [[ -z "$mirror" || -z "$security_mirror" ]]; then
    echo "compare-cc: no Debian mirror or security mirror found in /etc/apt/sources.list.d/*.sources:" \
      "set DISTILL_MIRROR and DISTILL_SECURITY_MIRROR" >&2
    exit 1
  fi
  mirror=${mirror%/}
  security_mirror=${security_mirror%/}
}

# Builds the peer image: mmdebstrap extracts the packages into ROOTFS, then umoci makes LAYOUT:cc
# with one layer of that tree. CACHE keeps apt's package lists and .deb files across runs, because
# the setup hooks bind-mount it into the tree while apt runs. The extract hook unmounts it before
# mmdebstrap's cleanup empties those directories, because customize hooks do not run in the extract
# variant.
# Reads BENCH_SUITE, BENCH_PACKAGES, BENCH_MIRROR and BENCH_SECURITY_MIRROR.
build_peer() {
  local cache=$1 rootfs=$2 layout=$3
  mkdir -p "$cache/archives" "$cache/lists"
  export BENCH_PEER_CACHE=$cache

  # shellcheck disable=SC2016 # mmdebstrap's hook shell expands $1 (the tree) and the cache variable.
  if ! mmdebstrap --quiet --mode=root --variant=extract --architectures=amd64 \
      --include="$BENCH_PACKAGES" \
      --setup-hook='mkdir -p "$1/var/cache/apt/archives" "$1/var/lib/apt/lists"' \
      --setup-hook='mount --bind "$BENCH_PEER_CACHE/archives" "$1/var/cache/apt/archives"' \
      --setup-hook='mount --bind "$BENCH_PEER_CACHE/lists" "$1/var/lib/apt/lists"' \
      --extract-hook='umount "$1/var/cache/apt/archives" "$1/var/lib/apt/lists"' \
      "$BENCH_SUITE" "$rootfs" \
      "deb $BENCH_MIRROR $BENCH_SUITE main" \
      "deb $BENCH_MIRROR $BENCH_SUITE-updates main" \
      "deb $BENCH_SECURITY_MIRROR $BENCH_SUITE-security main"; then
    umount "$rootfs/var/cache/apt/archives" "$rootfs/var/lib/apt/lists" 2>/dev/null || true
    exit 1
  fi

  umoci init --layout "$layout"
  umoci new --image "$layout:cc"
  umoci insert --image "$layout:cc" "$rootfs" /
}

# Prints the machine and tool versions that docs/benchmarks.md records.
describe_machine() {
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "nproc: $(nproc)"
  echo "cpu: $(lscpu | sed -n 's/^Model name:[[:space:]]*//p')"
  echo "memory: $(free -h | awk '/^Mem:/ { print $2 }')"
  echo "debian: $(cat /etc/debian_version)"
  echo "dotnet: $(dotnet --version)"
  echo "mmdebstrap: $(mmdebstrap --version)"
  echo "umoci: $(umoci --version)"
  echo "hyperfine: $(hyperfine --version)"
  echo "bench dir filesystem: $(df --output=fstype "$bench_dir" | tail -n 1)"
}

if [[ "${1:-}" == "--build-peer" ]]; then
  shift
  build_peer "$@"
  exit 0
fi

distro=${1:-debian13}
case "$distro" in
  debian13)
    suite=trixie
    packages=base-files,netbase,tzdata,tzdata-legacy,media-types,ca-certificates,libc6,libssl3t64
    packages+=,libzstd1,zlib1g,libgcc-s1,libstdc++6,libgomp1,gcc-14-base
    ;;
  debian12)
    # NOTE: only the debian13 case has been run so far.
    suite=bookworm
    packages=base-files,netbase,tzdata,media-types,ca-certificates,libc6,libssl3
    packages+=,libgcc-s1,libstdc++6,libgomp1,gcc-12-base
    ;;
  *)
    echo "compare-cc: unsupported distribution '$distro': use debian13 or debian12" >&2
    exit 2
    ;;
esac

if [[ $EUID -ne 0 ]]; then
  echo "compare-cc: mmdebstrap runs in root mode here: run this script as root" >&2
  exit 1
fi
for tool in hyperfine mmdebstrap umoci dotnet; do
  if ! command -v "$tool" >/dev/null; then
    echo "compare-cc: $tool is missing: install it (apt-get install $tool, or the .NET SDK for dotnet)" >&2
    exit 1
  fi
done

find_mirrors
export BENCH_SUITE=$suite BENCH_PACKAGES=$packages
export BENCH_MIRROR=$mirror BENCH_SECURITY_MIRROR=$security_mirror

# Build the command line now, so that no timed run includes `dotnet publish`.
"$root/distill" --help >/dev/null

results="$bench_dir/results"
distill_cache="$bench_dir/distill-cache"
distill_out="$bench_dir/distill-out"
peer_cache="$bench_dir/peer-cache"
peer_rootfs="$bench_dir/peer-rootfs"
peer_layout="$bench_dir/peer-layout"
rm -rf "$distill_cache" "$distill_out" "$peer_cache" "$peer_rootfs" "$peer_layout" "$results"
mkdir -p "$results"

printf -v distill_build 'dotnet %q build cc --distro %q --mirror %q --security-mirror %q --cache-dir %q --output %q' \
  "$cli" "$distro" "$mirror" "$security_mirror" "$distill_cache" "oci:$distill_out:cc"
printf -v peer_build '%q --build-peer %q %q %q' \
  "$root/bench/compare-cc.sh" "$peer_cache" "$peer_rootfs" "$peer_layout"
printf -v distill_help 'dotnet %q --help' "$cli"
printf -v wipe_distill_out 'rm -rf %q' "$distill_out"
printf -v wipe_distill_all 'rm -rf %q %q' "$distill_out" "$distill_cache"
printf -v wipe_distill_layers 'rm -rf %q %q' "$distill_out" "$distill_cache/layers"
printf -v wipe_peer_out 'rm -rf %q %q' "$peer_rootfs" "$peer_layout"
printf -v wipe_peer_all 'rm -rf %q %q %q' "$peer_rootfs" "$peer_layout" "$peer_cache"

describe_machine | tee "$results/machine.txt"
echo "mirror: $mirror, security mirror: $security_mirror, suite: $suite" | tee -a "$results/machine.txt"
echo "load average before: $(cut -d ' ' -f 1-3 /proc/loadavg)" | tee -a "$results/machine.txt"

# Fill both caches, and check that each tool makes an image that umoci can read.
eval "$distill_build" >/dev/null
eval "$peer_build"
umoci stat --image "$distill_out:cc" >/dev/null
umoci stat --image "$peer_layout:cc" >/dev/null

hyperfine --style basic --warmup 2 --runs 10 \
  --export-markdown "$results/warm.md" --export-json "$results/warm.json" \
  --command-name "distill build cc (warm)" --prepare "$wipe_distill_out" "$distill_build" \
  --command-name "mmdebstrap + umoci (warm)" --prepare "$wipe_peer_out" "$peer_build"

hyperfine --style basic --warmup 3 --runs 20 \
  --export-markdown "$results/distill.md" --export-json "$results/distill.json" \
  --command-name "dotnet distill.dll --help" --prepare true "$distill_help" \
  --command-name "distill build cc (warm)" --prepare "$wipe_distill_out" "$distill_build" \
  --command-name "distill build cc (warm, layer cache removed)" --prepare "$wipe_distill_layers" "$distill_build"

hyperfine --style basic --warmup 1 --runs 8 \
  --export-markdown "$results/cold.md" --export-json "$results/cold.json" \
  --command-name "distill build cc (cold)" --prepare "$wipe_distill_all" "$distill_build" \
  --command-name "mmdebstrap + umoci (cold)" --prepare "$wipe_peer_all" "$peer_build"

echo "load average after: $(cut -d ' ' -f 1-3 /proc/loadavg)" | tee -a "$results/machine.txt"
for table in warm distill cold; do
  echo
  cat "$results/$table.md"
done
