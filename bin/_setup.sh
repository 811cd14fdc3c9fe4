# Sourced by bin/demo and bin/test: a project-local virtualenv with everything pyproject.toml declares.
# Usage: setup_venv "extras" (e.g. "test" or "")
setup_venv() {
  local extras="$1" stamp
  local python="${PYTHON:-python3}"
  if [ ! -x .venv/bin/python ]; then
    echo "==> creating .venv with $($python --version)"
    "$python" -m venv .venv
  fi
  stamp=".venv/.installed${extras:+-$extras}"
  if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    echo "==> installing dependencies${extras:+ (with $extras)}"
    .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
    .venv/bin/python -m pip install --quiet --disable-pip-version-check ".${extras:+[$extras]}"
    touch "$stamp"
  fi
}
