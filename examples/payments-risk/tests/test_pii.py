from risk.features import FEATURE_COLUMNS


def test_no_card_number_or_name_reaches_the_model():
    assert not {"pan", "cardholder_name", "email"} & set(FEATURE_COLUMNS)
