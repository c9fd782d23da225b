import argparse

import tensorflow as tf

from trainer.model import build_model
from trainer.preprocess import augment, decode_and_resize

tf.random.set_seed(1234)


def dataset(pattern: str, training: bool) -> tf.data.Dataset:
    files = tf.data.Dataset.list_files(pattern, shuffle=training)
    ds = files.map(lambda f: (decode_and_resize(tf.io.read_file(f)), tf.strings.regex_full_match(f, ".*/defect/.*")))
    if training:
        ds = ds.map(lambda x, y: (augment(x), y)).shuffle(2048)
    return ds.map(lambda x, y: (x, tf.cast(y, tf.int32))).batch(32).prefetch(tf.data.AUTOTUNE)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--train", required=True)
    parser.add_argument("--val", required=True)
    parser.add_argument("--model-dir", required=True)
    args = parser.parse_args()
    model = build_model()
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    model.fit(dataset(args.train, True), validation_data=dataset(args.val, False), epochs=15,
              callbacks=[tf.keras.callbacks.TerminateOnNaN(), tf.keras.callbacks.EarlyStopping(patience=3)])
    model.save(args.model_dir)
