"""Demand forecasting for store replenishment."""
