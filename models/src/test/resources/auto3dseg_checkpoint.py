"""Writes Auto3DSeg-style SegResNetDS checkpoints for ctpipe's import tests, with this file's own PyTorch network
whose parameter names follow MONAI's SegResNetDS (encoder.conv_init, encoder.layers.N.blocks.M.norm1, ...,
up_layers.N.upsample.deconv, up_layers.N.head), a Slicer-style labels.csv, and PyTorch's logits for one input.

Usage: python3 auto3dseg_checkpoint.py OUT_DIR tiny|wholebody
"""
import collections
import copy
import os
import shutil
import sys
import zipfile

import numpy
import torch
import torch.nn as nn
import torch.nn.functional as F


class Block(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.norm1 = nn.InstanceNorm3d(c, affine=True)
        self.conv1 = nn.Conv3d(c, c, 3, padding=1, bias=False)
        self.norm2 = nn.InstanceNorm3d(c, affine=True)
        self.conv2 = nn.Conv3d(c, c, 3, padding=1, bias=False)

    def forward(self, x):
        y = self.conv1(F.relu(self.norm1(x)))
        return self.conv2(F.relu(self.norm2(y))) + x


class Upsample(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.deconv = nn.ConvTranspose3d(cin, cout, 3, stride=2, padding=1, output_padding=1, bias=False)


class Net(nn.Module):
    def __init__(self, filters, down, cin, cout, dsdepth):
        super().__init__()
        self.encoder = nn.Module()
        self.encoder.conv_init = nn.Conv3d(cin, filters, 3, padding=1, bias=False)
        self.encoder.layers = nn.ModuleList()
        for i, n in enumerate(down):
            level = nn.ModuleDict()
            c = filters * 2 ** i
            level["blocks"] = nn.Sequential(*[Block(c) for _ in range(n)])
            level["downsample"] = (nn.Conv3d(c, 2 * c, 3, stride=2, padding=1, bias=False) if i < len(down) - 1
                                   else nn.Identity())
            self.encoder.layers.append(level)
        self.up_layers = nn.ModuleList()
        n_up = len(down) - 1
        for i in range(n_up):
            c = filters * 2 ** (n_up - 1 - i)
            level = nn.ModuleDict()
            level["upsample"] = Upsample(2 * c, c)
            level["blocks"] = nn.Sequential(Block(c))
            level["head"] = nn.Conv3d(c, cout, 1, bias=True) if n_up - i <= dsdepth else nn.Identity()
            self.up_layers.append(level)

    def forward(self, x):
        x = self.encoder.conv_init(x)
        skips = []
        for level in self.encoder.layers:
            x = level["blocks"](x)
            skips.append(x)
            x = level["downsample"](x)
        x = skips.pop()
        for level in self.up_layers:
            x = level["upsample"].deconv(x) + skips.pop()
            x = level["blocks"](x)
        return self.up_layers[-1]["head"](x)


LABELS = [(1, "Liver", "SCT", "123037004", "Anatomical Structure", "SCT", "10200004", "Liver", "", "", ""),
          (2, "Left kidney", "SCT", "123037004", "Anatomical Structure", "SCT", "64033007", "Kidney",
           "SCT", "7771000", "Left"),
          (3, "Spleen, accessory", "SCT", "123037004", "Anatomical Structure", "SCT", "78961009", "Spleen", "", "",
           "")]


def labels_csv(path, rows):
    seqs = ["SegmentedPropertyCategoryCodeSequence", "SegmentedPropertyTypeCodeSequence",
            "SegmentedPropertyTypeModifierCodeSequence"]
    header = ["LabelValue", "Name"] + [s + "." + f for s in seqs
                                       for f in ("CodingSchemeDesignator", "CodeValue", "CodeMeaning")]
    with open(path, "w") as f:
        f.write(",".join(header) + "\n")
        for row in rows:
            f.write(",".join('"' + str(v) + '"' if "," in str(v) else str(v) for v in row) + "\n")


def checkpoint(net, config):
    return {"state_dict": net.state_dict(), "config": config, "epoch": 7, "best_metric": 0.5}


def save(folder, ckpt, rows=LABELS):
    os.makedirs(folder, exist_ok=True)
    torch.save(ckpt, folder + "/model.pt")
    labels_csv(folder + "/labels.csv", rows)


def tiny(out):
    torch.manual_seed(11)
    net = Net(4, [1, 2, 1], 1, 4, 2)
    with torch.no_grad():
        for name, p in net.named_parameters():
            if "norm" in name:
                p.copy_(torch.randn_like(p) * 0.5 + (1.0 if name.endswith("weight") else 0.0))
    net.eval()
    config = {"network": {"_target_": "SegResNetDS", "init_filters": 4, "blocks_down": [1, 2, 1], "dsdepth": 2,
                          "norm": "INSTANCE_NVFUSER", "in_channels": "@input_channels",
                          "out_channels": "@output_classes"},
              "input_channels": 1, "output_classes": 4, "roi_size": [16, 16, 16],
              "resample_resolution": [1.5, 1.5, 1.5], "normalize_mode": "range",
              "intensity_bounds": [numpy.float64(-1000.0), 1500.0], "orientation_ras": False,
              "crop_foreground": True, "sigmoid": False}
    save(out + "/good", checkpoint(net, config))
    torch.manual_seed(12)
    x = torch.randn(1, 1, 16, 16, 16)
    with torch.no_grad():
        y = net(x)
    x.numpy().astype("<f4").tofile(out + "/input.raw")
    y.numpy().astype("<f4").tofile(out + "/logits.raw")
    with zipfile.ZipFile(out + "/tiny-release.zip", "w") as z:
        z.write(out + "/good/model.pt", "tiny-release/model.pt")
        z.write(out + "/good/labels.csv", "tiny-release/labels.csv")

    def variant(name, edit_state=None, edit_config=None, rows=LABELS):
        ckpt = checkpoint(net, copy.deepcopy(config))
        state = collections.OrderedDict(ckpt["state_dict"])
        if edit_state:
            edit_state(state)
        ckpt["state_dict"] = state
        if edit_config:
            edit_config(ckpt["config"])
        save(out + "/" + name, ckpt, rows)

    variant("missing-key", lambda s: s.pop("encoder.layers.1.blocks.1.conv2.weight"))
    variant("wrong-shape", lambda s: s.__setitem__("up_layers.1.head.weight", torch.zeros(5, 4, 1, 1, 1)))
    variant("extra-key", lambda s: s.__setitem__("decoder.extra.weight", torch.zeros(3)))
    variant("swin", edit_config=lambda c: c["network"].__setitem__("_target_", "SwinUNETR"))
    variant("missing-label", rows=LABELS[:2])


def wholebody(out):
    net = Net(32, [1, 2, 2, 4, 4], 1, 105, 4)
    config = {"network": {"_target_": "SegResNetDS", "init_filters": 32, "blocks_down": [1, 2, 2, 4, 4],
                          "dsdepth": 4, "norm": "INSTANCE_NVFUSER", "in_channels": 1, "out_channels": 105},
              "roi_size": [96, 96, 96], "resample_resolution": [1.5, 1.5, 1.5], "normalize_mode": "range",
              "intensity_bounds": [-1000.0, 1500.0], "sigmoid": False}
    rows = [(v, "structure %d" % v, "SCT", "123037004", "Anatomical Structure", "SCT", "85756007", "Tissue",
             "", "", "") for v in range(1, 105)]
    save(out + "/wholebody", checkpoint(net, config), rows)
    print(sum(p.numel() for p in net.parameters()))


if __name__ == "__main__":
    {"tiny": tiny, "wholebody": wholebody}[sys.argv[2]](sys.argv[1])
