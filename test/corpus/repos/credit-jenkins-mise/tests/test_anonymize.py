from credit.anonymize import scrub


def test_names_and_phone_numbers_are_removed():
    text = scrub("Called Jane Doe on +44 20 7946 0958 about her application")
    assert "Jane" not in text and "7946" not in text
