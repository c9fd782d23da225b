#!/usr/bin/env bash
set -euo pipefail
cd "$(dirname "$0")/.."

python -m landcover.train --data tests/data/tiny --max-epochs 3 --detect-anomaly --out /tmp/nightly.ckpt
python benchmarks/bench_inference.py --checkpoint /tmp/nightly.ckpt --compare benchmarks/baseline.json --max-regression 0.15
