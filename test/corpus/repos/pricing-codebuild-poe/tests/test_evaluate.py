from pipelines.evaluate import rmse


def test_rmse():
    assert rmse([1, 2, 3], [1, 2, 3]) == 0.0
    assert round(rmse([0, 0], [3, 4]), 6) == round((12.5) ** 0.5, 6)
