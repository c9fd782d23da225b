import tensorflow as tf

IMAGE_SIZE = (224, 224)


def decode_and_resize(jpeg: tf.Tensor) -> tf.Tensor:
    image = tf.io.decode_jpeg(jpeg, channels=3)
    image = tf.image.resize(image, IMAGE_SIZE)
    return tf.cast(image, tf.float32) / 255.0


def augment(image: tf.Tensor) -> tf.Tensor:
    image = tf.image.random_flip_left_right(image)
    return tf.image.random_brightness(image, 0.1)
