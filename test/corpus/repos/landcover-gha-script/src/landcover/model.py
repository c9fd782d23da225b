import lightning as L
import torch
from torch import nn


def block(c_in: int, c_out: int) -> nn.Sequential:
    return nn.Sequential(nn.Conv2d(c_in, c_out, 3, padding=1), nn.BatchNorm2d(c_out), nn.ReLU(inplace=True),
                         nn.Conv2d(c_out, c_out, 3, padding=1), nn.BatchNorm2d(c_out), nn.ReLU(inplace=True))


class UNet(L.LightningModule):
    def __init__(self, bands: int = 4, classes: int = 9, width: int = 32, lr: float = 1e-3):
        super().__init__()
        self.save_hyperparameters()
        self.down1, self.down2 = block(bands, width), block(width, width * 2)
        self.bottom = block(width * 2, width * 4)
        self.up2, self.dec2 = nn.ConvTranspose2d(width * 4, width * 2, 2, stride=2), block(width * 4, width * 2)
        self.up1, self.dec1 = nn.ConvTranspose2d(width * 2, width, 2, stride=2), block(width * 2, width)
        self.head = nn.Conv2d(width, classes, 1)

    def forward(self, x):
        d1 = self.down1(x)
        d2 = self.down2(nn.functional.max_pool2d(d1, 2))
        b = self.bottom(nn.functional.max_pool2d(d2, 2))
        u2 = self.dec2(torch.cat([self.up2(b), d2], 1))
        u1 = self.dec1(torch.cat([self.up1(u2), d1], 1))
        return self.head(u1)

    def training_step(self, batch, _):
        x, y = batch
        loss = nn.functional.cross_entropy(self(x), y, ignore_index=255)
        self.log("train_loss", loss)
        return loss

    def configure_optimizers(self):
        return torch.optim.AdamW(self.parameters(), lr=self.hparams.lr)
