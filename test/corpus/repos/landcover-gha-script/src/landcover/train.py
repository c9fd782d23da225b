import argparse

import lightning as L

from landcover.data import TileDataModule
from landcover.model import UNet

if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", required=True)
    parser.add_argument("--max-epochs", type=int, default=40)
    parser.add_argument("--fast-dev-run", action="store_true")
    parser.add_argument("--detect-anomaly", action="store_true")
    parser.add_argument("--out", default="model.ckpt")
    args = parser.parse_args()
    L.seed_everything(2024, workers=True)
    trainer = L.Trainer(max_epochs=args.max_epochs, fast_dev_run=args.fast_dev_run, detect_anomaly=args.detect_anomaly,
                        deterministic=True, gradient_clip_val=1.0)
    trainer.fit(UNet(), datamodule=TileDataModule(args.data))
    if not args.fast_dev_run:
        trainer.save_checkpoint(args.out)
