#!/usr/bin/env bash
# Ensures a virtualenv with requirements.txt and prints its bin folder. Idempotent; the venv lives
# outside the clone, keyed by the hash of requirements.txt, so a warm machine installs nothing.
#   SERANG_PY_CACHE   cache root (default ${XDG_CACHE_HOME:-$HOME/.cache}/serang-tatu/python)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
KEY=$(sha256sum "$HERE/requirements.txt" | cut -c1-16)
ROOT=${SERANG_PY_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/serang-tatu/python}
VENV="$ROOT/$KEY"
if [ -f "$VENV/.complete" ]; then echo "$VENV/bin"; exit 0; fi
mkdir -p "$ROOT"
exec 9>"$ROOT/.lock"
flock 9
if [ -f "$VENV/.complete" ]; then echo "$VENV/bin"; exit 0; fi
rm -rf "$VENV"
PY=$(command -v python3) || { echo "ensure-venv.sh: python3 (>= 3.9) is required" >&2; exit 1; }
"$PY" -m venv "$VENV" >&2
"$VENV/bin/pip" install --quiet --disable-pip-version-check -r "$HERE/requirements.txt" >&2
touch "$VENV/.complete"
echo "$VENV/bin"
