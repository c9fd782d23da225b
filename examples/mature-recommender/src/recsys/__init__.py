"""Home-feed recommendations: ALS retrieval and a LightGBM ranker."""

__version__ = "7.2.1"
