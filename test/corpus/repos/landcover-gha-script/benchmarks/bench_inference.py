"""Median latency of one 512x512 tile on CPU, compared with the stored baseline."""
import argparse
import json
import statistics
import sys
import time

import torch

from landcover.model import UNet

if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--checkpoint", required=True)
    parser.add_argument("--compare", required=True)
    parser.add_argument("--max-regression", type=float, default=0.15)
    args = parser.parse_args()
    model = UNet.load_from_checkpoint(args.checkpoint).eval()
    x = torch.randn(1, 4, 512, 512)
    timings = []
    with torch.inference_mode():
        for _ in range(30):
            start = time.perf_counter()
            model(x)
            timings.append(time.perf_counter() - start)
    median = statistics.median(timings[5:])
    baseline = json.load(open(args.compare))["median_latency_s"]
    print(json.dumps({"median_latency_s": median, "baseline": baseline}))
    if median > baseline * (1 + args.max_regression):
        sys.exit(f"latency regressed: {median:.3f}s vs {baseline:.3f}s")
