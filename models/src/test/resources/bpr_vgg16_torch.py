"""Runs bpreg's network architecture in PyTorch with weights exported from an ONNX graph, independently of ONNX
Runtime. Usage: bpr_vgg16_torch.py weights_dir input.npy out.npy

weights_dir holds 000.npy, 001.npy, ... in graph order: 13 VGG16 convolutions (the first without bias), the 1x1
convolution (weight, bias) and the linear layer (weight, bias). input.npy: float32 (N, 1, 128, 128).
"""
import glob
import sys

import numpy as np
import torch
from torch import nn

CONFIG = [64, 64, "M", 128, 128, "M", 256, 256, 256, "M", 512, 512, 512, "M", 512, 512, 512, "M"]


class Regressor(nn.Module):
    def __init__(self):
        super().__init__()
        layers, channels = [], 1
        for item in CONFIG:
            if item == "M":
                layers.append(nn.MaxPool2d(2, 2))
            else:
                layers += [nn.Conv2d(channels, item, 3, padding=1, bias=channels != 1), nn.ReLU()]
                channels = item
        self.features = nn.Sequential(*layers)
        self.conv6 = nn.Conv2d(512, 512, 1)
        self.fc7 = nn.Linear(512, 1)

    def forward(self, x):
        x = torch.relu(self.conv6(self.features(x)))
        return self.fc7(x.mean(dim=(2, 3)))


model = Regressor().eval()
tensors = [np.load(f) for f in sorted(glob.glob(sys.argv[1] + "/*.npy"))]
parameters = list(model.parameters())
assert len(parameters) == len(tensors), (len(parameters), len(tensors))
with torch.no_grad():
    for p, t in zip(parameters, tensors):
        assert tuple(p.shape) == t.shape, (p.shape, t.shape)
        p.copy_(torch.from_numpy(t))
    torch.set_num_threads(2)
    out = model(torch.from_numpy(np.load(sys.argv[2]))).numpy().astype(np.float32)
np.save(sys.argv[3], out)
