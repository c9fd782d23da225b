import tensorflow as tf

from trainer.preprocess import IMAGE_SIZE, decode_and_resize


def test_decode_resizes_and_scales():
    jpeg = tf.io.encode_jpeg(tf.zeros((480, 640, 3), dtype=tf.uint8))
    image = decode_and_resize(jpeg)
    assert image.shape == IMAGE_SIZE + (3,)
    assert float(tf.reduce_max(image)) <= 1.0
