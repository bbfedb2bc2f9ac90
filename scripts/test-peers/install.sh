#!/usr/bin/env bash
# Installs the real third-party peers the tests check AuditRelay against (Debian 12):
#   syslog-ng 3.38 (strict RFC 5424 parser) and lognormalizer (liblognorm, strict CEF) from apt;
#   rsyslog with gnutls and relp, unpacked privately under .test-peers/rsyslog because the
#   rsyslog and syslog-ng-core packages conflict and cannot be installed together;
#   Prometheus' promtool (lints the metrics endpoint), unpacked under .test-peers/prometheus so
#   that no Prometheus server gets installed, and the Python prometheus_client text parser.
# Idempotent: does nothing when everything is already there. Fails loudly otherwise, so a
# missing peer can never turn into a skipped test.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
peers="$root/.test-peers"
rsyslogd="$peers/rsyslog/usr/sbin/rsyslogd"

have_all() {
  command -v syslog-ng >/dev/null 2>&1 && command -v lognormalizer >/dev/null 2>&1 &&
    [ -x "$rsyslogd" ] && [ -f "$peers/rsyslog/usr/lib/x86_64-linux-gnu/rsyslog/lmnsd_gtls.so" ] &&
    [ -f "$peers/rsyslog/usr/lib/x86_64-linux-gnu/rsyslog/imrelp.so" ] &&
    # grep without -q reads to the end: with -q, ldconfig may die of SIGPIPE and pipefail fails the check.
    ldconfig -p | grep librelp >/dev/null &&
    [ -x "$peers/prometheus/usr/bin/promtool" ] && /usr/bin/python3 -c 'import prometheus_client' 2>/dev/null
}
if have_all; then
  echo "test peers: present (syslog-ng $(syslog-ng --version | head -1 | awk '{print $3}' | tr -d '()'), rsyslog in .test-peers)"
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "test peers: need root (or sudo) to apt-get install syslog-ng-core, liblognorm-utils and rsyslog's libraries" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
# The tests run their own private syslog-ng instances: the package must not start a system one
# (Debian's policy-rc.d says no to every service start during the install). Nothing is killed
# by name: another test run's syslog-ng must live.
policy=/usr/sbin/policy-rc.d
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null
  $sudo chmod +x "$policy"
  trap '$sudo rm -f "$policy"' EXIT
fi
$sudo apt-get update -qq
# Libraries rsyslog, rsyslog-gnutls and rsyslog-relp need, without the rsyslog package itself.
$sudo apt-get install -y -qq --no-install-recommends \
  syslog-ng-core liblognorm-utils libestr0 libfastjson4 liblognorm5 librelp0 libgnutls30 libzstd1 \
  python3-prometheus-client >/dev/null

mkdir -p "$peers/debs" "$peers/rsyslog"
(cd "$peers/debs" && rm -f ./*.deb && apt-get download -qq rsyslog rsyslog-gnutls rsyslog-relp)
for deb in "$peers"/debs/*.deb; do dpkg -x "$deb" "$peers/rsyslog"; done
# Only promtool is kept: the rest (the server, its web assets' dangling symlinks) is not needed.
mkdir -p "$peers/prometheus-deb" "$peers/prometheus/usr/bin"
(cd "$peers/prometheus-deb" && rm -rf ./*.deb ./x && apt-get download -qq prometheus &&
  dpkg -x prometheus_*.deb x && mv x/usr/bin/promtool "$peers/prometheus/usr/bin/" && rm -rf x ./*.deb)
have_all || { echo "test peers: installation incomplete" >&2; exit 1; }
echo "test peers: installed"
