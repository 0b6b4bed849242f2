# Sourced by the packaging scripts: the repository root, where packages go, the program's
# version, and installing the Debian packages a script needs (they run as root, as CI does).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
OUT="$ROOT/target/packaging"
mkdir -p "$OUT"
export DEBIAN_FRONTEND=noninteractive CARGO_TERM_COLOR=never
# The program's crate: the binary `estu`, the version every package carries.
APP_CRATE=estu
# The Cargo profile the packages are built with: `dist` (release, stripped). PACKAGING_PROFILE=dev
# reuses a debug build to try the packaging steps quickly; never ship that.
PROFILE=${PACKAGING_PROFILE:-dist}
# Where that profile's files are under target/.
PROFILE_DIR=$([ "$PROFILE" = dev ] && echo debug || echo "$PROFILE")

# Installs those of the named Debian packages that are missing.
apt_need() {
    local need=() pkg
    for pkg in "$@"; do
        dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
    done
    if [ ${#need[@]} -gt 0 ]; then
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
    fi
}

# The program's version (x.y.z), from its Cargo.toml.
app_version() {
    cargo pkgid --offline -p "$APP_CRATE" | sed 's/.*[#@]//'
}

# Prints a file's size in bytes and MiB.
report_size() {
    stat -c '%s %n' "$1" | awk '{ n = split($2, p, "/"); printf "%-32s %10d bytes %6.1f MiB\n", p[n], $1, $1 / 1048576 }'
}
