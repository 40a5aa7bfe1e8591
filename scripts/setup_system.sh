#!/usr/bin/env bash
# Install the Debian packages unspin needs (WordNet 3.0 data, the MyThes thesaurus, Chromium for browser tests).
# Idempotent: does nothing when they are already present.
set -euo pipefail
need=()
[ -f /usr/share/wordnet/data.noun ] || need+=(wordnet-base)
[ -f /usr/share/mythes/th_en_US_v2.dat ] || need+=(mythes-en-us)
if [ "${UNSPIN_BROWSER:-1}" = 1 ]; then
  command -v chromium >/dev/null || need+=(chromium)
  command -v chromedriver >/dev/null || need+=(chromium-driver)
fi
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
