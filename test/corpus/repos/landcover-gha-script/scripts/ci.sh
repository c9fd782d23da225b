#!/usr/bin/env bash
set -euo pipefail
cd "$(dirname "$0")/.."

ruff check src tests
python -m pytest -q tests/unit
python -m landcover.train --fast-dev-run --data tests/data/tiny
