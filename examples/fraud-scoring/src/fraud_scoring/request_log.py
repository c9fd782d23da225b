"""Reads the serving request log (JSON lines shipped to object storage by the sidecar)."""
import pandas as pd

LOG_URI = "s3://fraud-scoring-logs/requests/{date}/*.jsonl.gz"


def read_requests(since: str = "24h") -> pd.DataFrame:
    end = pd.Timestamp.now(tz="UTC")
    start = end - pd.Timedelta(since)
    days = pd.date_range(start.normalize(), end.normalize(), freq="D")
    frames = [pd.read_json(LOG_URI.format(date=d.date()), lines=True) for d in days]
    df = pd.concat(frames, ignore_index=True)
    df["event_time"] = pd.to_datetime(df["event_time"], utc=True)
    return df[df["event_time"].between(start, end)]
