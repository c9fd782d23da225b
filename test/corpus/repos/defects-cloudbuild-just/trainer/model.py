import tensorflow as tf

from trainer.preprocess import IMAGE_SIZE


def build_model(num_classes: int = 2, dropout: float = 0.2) -> tf.keras.Model:
    base = tf.keras.applications.EfficientNetB0(include_top=False, weights=None, input_shape=IMAGE_SIZE + (3,))
    inputs = tf.keras.Input(shape=IMAGE_SIZE + (3,))
    x = base(inputs)
    x = tf.keras.layers.GlobalAveragePooling2D()(x)
    x = tf.keras.layers.Dropout(dropout)(x)
    outputs = tf.keras.layers.Dense(num_classes, activation="softmax")(x)
    return tf.keras.Model(inputs, outputs)
