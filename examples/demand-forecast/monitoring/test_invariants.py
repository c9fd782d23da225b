"""Nightly checks of yesterday's serving inputs against the training schema."""
import json

import pandas as pd

SCHEMA = json.load(open("schema/demand.schema.json"))


def test_no_negative_units(serving_inputs: pd.DataFrame):
    assert (serving_inputs.units_sold >= 0).all()


def test_prices_within_schema_bounds(serving_inputs: pd.DataFrame):
    bounds = SCHEMA["columns"]["price"]
    prices = serving_inputs.price.dropna()
    assert prices.between(bounds["min"], bounds["max"]).all()
