from risk.features import velocity_1h


def test_velocity_counts_payments_in_the_last_hour():
    times = [0, 600, 1200, 4000]
    assert velocity_1h(times, now=4000) == 2
