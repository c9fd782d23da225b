"""Real-time card-fraud scoring."""

__version__ = "3.4.0"
