#!/usr/bin/env bash
# Installs the Debian packages mache's tests drive (real NFS/WebDAV clients, capnp, chromium).
# Idempotent: packages already present are skipped; apt-get update runs only when something is missing.
set -euo pipefail

PACKAGES=(
  gcc make            # compiles the tree-sitter core (-O2, profile-guided) and grammars (-O2)
  git                 # gitignore tests compare with `git check-ignore`
  libnfs-utils        # nfs-ls, nfs-cat, nfs-cp: the NFSv3 client
  curl cadaver litmus rclone   # WebDAV clients
  libglib2.0-bin gvfs gvfs-backends gvfs-daemons dbus   # gio list/cat over dav://
  chromium            # headless browser test of the HTML view
  capnproto           # capnp: regenerates and cross-checks the schemas
  socat               # a real client of the daemon socket
  fuse3               # rclone mount
  systemd             # systemd-analyze verify of mache@.service
  unzip binutils      # the distribution build: natives out of the jars, objdump for the .deb's libc6 version
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "test dependencies: all installed"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "test dependencies missing: ${missing[*]}" >&2
  echo "install them as root: apt-get install ${missing[*]}" >&2
  exit 1
fi
echo "installing: ${missing[*]}"
apt-get -o DPkg::Lock::Timeout=600 update -qq
DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}"
