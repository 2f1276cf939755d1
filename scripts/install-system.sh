#!/usr/bin/env bash
# Installs what the tests need from Debian's packages: Chromium (page tests, never
# `playwright install`), nginx (serving tests), a Java runtime (the Nu Html Checker), npm
# (axe-core, vnu-jar, caniemail and ical.js, pinned in package-lock.json), faketime (the
# in-process tests run again two years ahead: scripts/test.sh), the feed and calendar
# clients the tests read the built sites with (tests/build/test_clients.py): sfeed (which
# fetches with curl), newsboat, vdirsyncer and khal; Postfix and SpamAssassin (`courant send`
# through a real relay; scoring the mail), systemd-analyze (checking the unit of
# `courant service`), Pango (WeasyPrint, which writes the booklets' PDF, draws text with it;
# the build needs it, not only the tests), Poppler's pdfinfo and pdftotext and epubcheck
# (reading the booklets' PDF and checking their EPUB); Hugo, the "speed of light"
# scripts/bench sets a static site against.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx-light)
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
command -v npm >/dev/null 2>&1 || need+=(nodejs npm)  # `npm ci`: the pinned tools
command -v faketime >/dev/null 2>&1 || need+=(faketime)
command -v curl >/dev/null 2>&1 || need+=(curl)
for client in sfeed newsboat vdirsyncer khal; do
  command -v "$client" >/dev/null 2>&1 || need+=("$client")
done
[ -x /usr/sbin/postfix ] || need+=(postfix)
command -v spamassassin >/dev/null 2>&1 || need+=(spamassassin)
command -v systemd-analyze >/dev/null 2>&1 || need+=(systemd)  # checks the service's unit
ldconfig -p 2>/dev/null | grep -q libpango-1.0 || need+=(libpango-1.0-0 libpangoft2-1.0-0)
command -v pdfinfo >/dev/null 2>&1 || need+=(poppler-utils)  # pdfinfo, pdftotext
[ -f /usr/share/java/epubcheck.jar ] || need+=(epubcheck)
command -v hugo >/dev/null 2>&1 || need+=(hugo)  # scripts/bench's yardstick
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  # Postfix as "Local only": the system's instance listens on loopback and delivers nothing
  # elsewhere; the tests run their own instance (scripts/postfix/local-instance.sh).
  echo "postfix postfix/main_mailer_type select Local only" | $SUDO debconf-set-selections
  echo "postfix postfix/mailname string localhost" | $SUDO debconf-set-selections
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
# nginx-light's package starts a service on port 80; the tests run their own instance.
if command -v systemctl >/dev/null 2>&1; then systemctl stop nginx >/dev/null 2>&1 || true; fi
pkill -x nginx >/dev/null 2>&1 || true
# The same for the system's Postfix: the integration test starts a private instance.
if command -v systemctl >/dev/null 2>&1; then systemctl stop postfix >/dev/null 2>&1 || true; fi
if [ -x /usr/sbin/postfix ] && [ "$(id -u)" -eq 0 ]; then
  /usr/sbin/postfix stop >/dev/null 2>&1 || true
fi
