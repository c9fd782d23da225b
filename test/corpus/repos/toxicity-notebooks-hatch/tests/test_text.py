from toxicity.text import clean


def test_urls_and_users_are_masked():
    assert clean("@bob see https://x.io NOW") == "user see url now"


def test_repeated_letters_are_squeezed():
    assert clean("sooooo baaad") == "soo baad"
