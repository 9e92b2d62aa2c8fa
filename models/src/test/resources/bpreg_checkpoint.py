"""Writes a bpreg-style model folder for ctpipe's import tests: model.pt holding the state dict of this file's own
PyTorch VGG16 regressor with bpreg's parameter names (model.0.weight ... model.28.bias, conv6, fc7; no model.0.bias),
config.json, and PyTorch's scores for a few random slices. Random weights: the scores mean nothing.

Usage: python3 bpreg_checkpoint.py OUT_DIR   (writes OUT_DIR/bpr_model/, input.raw, scores.raw, extra/, resnet/)
"""
import collections
import json
import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

FEATURES = [64, 64, "M", 128, 128, "M", 256, 256, 256, "M", 512, 512, 512, "M", 512, 512, 512, "M"]


class Regressor(nn.Module):
    def __init__(self):
        super().__init__()
        layers, channels = [], 1
        for item in FEATURES:
            if item == "M":
                layers.append(nn.MaxPool2d(2, 2))
            else:
                layers += [nn.Conv2d(channels, item, 3, padding=1, bias=channels != 1), nn.ReLU(inplace=True)]
                channels = item
        self.model = nn.Sequential(*layers)
        self.conv6 = nn.Conv2d(512, 512, 1)
        self.fc7 = nn.Linear(512, 1)

    def forward(self, x):
        x = F.relu(self.conv6(self.model(x)))
        return self.fc7(torch.mean(x, dim=(2, 3)))


def folder(path, state, config):
    os.makedirs(path, exist_ok=True)
    torch.save(state, path + "/model.pt")
    with open(path + "/config.json", "w") as f:
        json.dump(config, f)


def main(out):
    torch.manual_seed(5)
    net = Regressor().eval()
    config = {"base_model": "vgg", "alpha": 0.0, "lr": 1e-4, "loss_order": "h"}
    folder(out + "/bpr_model", net.state_dict(), config)
    x = torch.rand(3, 1, 128, 128) * 2 - 1
    with torch.no_grad():
        y = net(x)
    x.numpy().astype("<f4").tofile(out + "/input.raw")
    y.numpy().astype("<f4").tofile(out + "/scores.raw")
    extra = collections.OrderedDict(net.state_dict())
    extra["model.0.bias"] = torch.zeros(64)
    folder(out + "/extra", extra, config)
    folder(out + "/resnet", net.state_dict(), dict(config, base_model="resnet"))
    print(sum(p.numel() for p in net.parameters()))


if __name__ == "__main__":
    main(sys.argv[1])
