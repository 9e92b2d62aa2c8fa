"""Writes nnU-Net v2 style model folders for ctpipe's import tests: this file's own small PlainConvUNet (following
the public description of dynamic-network-architectures: per stage n convs of Conv3d -> InstanceNorm3d(affine)
-> LeakyReLU(0.01), strided-conv downsampling, ConvTranspose upsampling, skip concatenation, 1x1x1 seg layers),
whose state dict carries nnU-Net's parameter names (including the aliases nnU-Net's own state dicts hold), saved as
nnU-Net saves fold_0/checkpoint_final.pth, with plans.json and dataset.json shaped like TotalSegmentator's, PyTorch's
logits for one input, and tampered copies.

Usage: python3 nnunet_checkpoint.py OUT_DIR
"""
import collections
import copy
import json
import os
import sys
import zipfile

import numpy
import torch
import torch.nn as nn

TRAINER = "nnUNetTrainerNoMirroring__nnUNetPlans__3d_fullres"
FEATURES = [4, 8, 16]
KERNELS = [[1, 3, 3], [3, 3, 3], [3, 3, 3]]
STRIDES = [[1, 1, 1], [1, 2, 2], [2, 2, 2]]
CONVS_ENCODER = [2, 2, 2]
CONVS_DECODER = [1, 2]
PATCH = [16, 24, 32]
LABELS = ["spleen", "kidney_right", "liver", "aorta"]


class ConvNormAct(nn.Module):
    def __init__(self, cin, cout, kernel, stride):
        super().__init__()
        self.conv = nn.Conv3d(cin, cout, kernel, stride, padding=[(k - 1) // 2 for k in kernel], bias=True)
        self.norm = nn.InstanceNorm3d(cout, eps=1e-5, affine=True)
        self.nonlin = nn.LeakyReLU(0.01)
        # nnU-Net registers the same modules a second time in a Sequential: its state dicts hold both names
        self.all_modules = nn.Sequential(self.conv, self.norm, self.nonlin)

    def forward(self, x):
        return self.all_modules(x)


class Stacked(nn.Module):
    def __init__(self, n, cin, cout, kernel, stride):
        super().__init__()
        self.convs = nn.Sequential(ConvNormAct(cin, cout, kernel, stride),
                                   *[ConvNormAct(cout, cout, kernel, [1, 1, 1]) for _ in range(n - 1)])

    def forward(self, x):
        return self.convs(x)


class Encoder(nn.Module):
    def __init__(self):
        super().__init__()
        stages, cin = [], 1
        for f, k, s, n in zip(FEATURES, KERNELS, STRIDES, CONVS_ENCODER):
            stages.append(nn.Sequential(Stacked(n, cin, f, k, s)))
            cin = f
        self.stages = nn.Sequential(*stages)

    def forward(self, x):
        skips = []
        for stage in self.stages:
            x = stage(x)
            skips.append(x)
        return skips


class Decoder(nn.Module):
    def __init__(self, encoder, classes):
        super().__init__()
        self.encoder = encoder
        stages, transpconvs, seg_layers = [], [], []
        for s in range(1, len(FEATURES)):
            below, skip = FEATURES[-s], FEATURES[-(s + 1)]
            transpconvs.append(nn.ConvTranspose3d(below, skip, STRIDES[-s], STRIDES[-s], bias=True))
            stages.append(Stacked(CONVS_DECODER[s - 1], 2 * skip, skip, KERNELS[-(s + 1)], [1, 1, 1]))
            seg_layers.append(nn.Conv3d(skip, classes, 1, 1, 0, bias=True))
        self.stages = nn.ModuleList(stages)
        self.transpconvs = nn.ModuleList(transpconvs)
        self.seg_layers = nn.ModuleList(seg_layers)

    def forward(self, skips):
        x = skips[-1]
        for s in range(len(self.stages)):
            x = self.stages[s](torch.cat((self.transpconvs[s](x), skips[-(s + 2)]), 1))
        return self.seg_layers[-1](x)


class PlainConvUNet(nn.Module):
    def __init__(self, classes):
        super().__init__()
        self.encoder = Encoder()
        self.decoder = Decoder(self.encoder, classes)

    def forward(self, x):
        return self.decoder(self.encoder(x))


def plans():
    arch = {"network_class_name": "dynamic_network_architectures.architectures.unet.PlainConvUNet",
            "arch_kwargs": {"n_stages": len(FEATURES), "features_per_stage": FEATURES,
                            "conv_op": "torch.nn.modules.conv.Conv3d", "kernel_sizes": KERNELS,
                            "strides": STRIDES, "n_conv_per_stage": CONVS_ENCODER,
                            "n_conv_per_stage_decoder": CONVS_DECODER, "conv_bias": True,
                            "norm_op": "torch.nn.modules.instancenorm.InstanceNorm3d",
                            "norm_op_kwargs": {"eps": 1e-05, "affine": True}, "dropout_op": None,
                            "dropout_op_kwargs": None, "nonlin": "torch.nn.LeakyReLU",
                            "nonlin_kwargs": {"inplace": True}},
            "_kw_requires_import": ["conv_op", "norm_op", "dropout_op", "nonlin"]}
    return {"dataset_name": "Dataset999_tiny", "plans_name": "nnUNetPlans",
            "original_median_spacing_after_transp": [1.5, 1.5, 1.5],
            "original_median_shape_after_transp": [300, 256, 256],
            "image_reader_writer": "SimpleITKIO", "transpose_forward": [0, 1, 2], "transpose_backward": [0, 1, 2],
            "configurations": {
                "2d": {"data_identifier": "nnUNetPlans_2d", "patch_size": [256, 256], "spacing": [1.5, 1.5]},
                "3d_fullres": {"data_identifier": "nnUNetPlans_3d_fullres", "preprocessor_name": "DefaultPreprocessor",
                               "batch_size": 2, "patch_size": PATCH, "median_image_size_in_voxels": [300, 256, 256],
                               "spacing": [3.0, 1.5, 1.5], "normalization_schemes": ["CTNormalization"],
                               "use_mask_for_norm": [False], "resampling_fn_data": "resample_data_or_seg_to_shape",
                               "resampling_fn_data_kwargs": {"is_seg": False, "order": 3, "order_z": 0,
                                                             "force_separate_z": None},
                               "batch_dice": True, "architecture": arch}},
            "experiment_planner_used": "ExperimentPlanner",
            "label_manager": "LabelManager",
            "foreground_intensity_properties_per_channel": {"0": {
                "max": 3071.0, "mean": 102.5, "median": 66.0, "min": -1024.0, "percentile_00_5": -983.0,
                "percentile_99_5": 1514.0, "std": 185.25}}}


def dataset():
    labels = {"background": 0}
    labels.update({name: i + 1 for i, name in enumerate(LABELS)})
    return {"channel_names": {"0": "CT"}, "labels": labels, "numTraining": 1228, "file_ending": ".nii.gz"}


def checkpoint(net):
    # as nnU-Net saves it: SGD state with momentum buffers, numpy losses, the trainer's device among its arguments
    params = list(net.parameters())
    return {"network_weights": net.state_dict(),
            "optimizer_state": {"state": {0: {"momentum_buffer": torch.zeros_like(params[0])}},
                                "param_groups": [{"lr": 0.01, "momentum": 0.99, "nesterov": True, "params": [0]}]},
            "grad_scaler_state": None,
            "logging": {"ema_fg_dice": [numpy.float64(0.5), numpy.float64(0.6)], "dice_per_class_or_region":
                        [[numpy.float64(0.4)] * len(LABELS)], "epoch_start_timestamps": [1.7e9]},
            "_best_ema": numpy.float64(0.6),
            "current_epoch": 4000,
            "init_args": {"plans": plans(), "configuration": "3d_fullres", "fold": 0, "dataset_json": dataset(),
                          "device": torch.device("cuda")},
            "trainer_name": "nnUNetTrainerNoMirroring", "inference_allowed_mirroring_axes": (0, 1, 2)}


def save(folder, ckpt, plan, data):
    os.makedirs(folder + "/fold_0", exist_ok=True)
    torch.save(ckpt, folder + "/fold_0/checkpoint_final.pth")
    with open(folder + "/plans.json", "w") as f:
        json.dump(plan, f, indent=2)
    with open(folder + "/dataset.json", "w") as f:
        json.dump(data, f, indent=2)


def main(out):
    torch.manual_seed(28)
    net = PlainConvUNet(len(LABELS) + 1)
    with torch.no_grad():
        for name, p in net.named_parameters():
            if ".norm." in name:
                p.copy_(torch.randn_like(p) * 0.5 + (1.0 if name.endswith("weight") else 0.0))
            elif name.endswith("bias"):
                p.copy_(torch.randn_like(p) * 0.1)
    net.eval()
    good = out + "/" + TRAINER
    save(good, checkpoint(net), plans(), dataset())
    x = torch.randn(1, 1, *PATCH)
    with torch.no_grad():
        y = net(x)
    x.numpy().astype("<f4").tofile(out + "/input.raw")
    y.numpy().astype("<f4").tofile(out + "/logits.raw")
    with zipfile.ZipFile(out + "/Dataset999_tiny.zip", "w") as z:
        for name in ("plans.json", "dataset.json", "fold_0/checkpoint_final.pth"):
            z.write(good + "/" + name, TRAINER + "/" + name)

    def variant(name, edit_state=None, edit_plans=None, edit_ckpt=None):
        ckpt = checkpoint(net)
        state = collections.OrderedDict(ckpt["network_weights"])
        if edit_state:
            edit_state(state)
        ckpt["network_weights"] = state
        plan = copy.deepcopy(plans())
        if edit_plans:
            edit_plans(plan)
        if edit_ckpt:
            edit_ckpt(ckpt)
        save(out + "/" + name, ckpt, plan, dataset())

    variant("missing-weight", lambda s: [s.pop(k) for k in list(s) if k.startswith("decoder.stages.1.convs.1.")
                                         or k.startswith("decoder.encoder.")])
    variant("wrong-shape", lambda s: s.__setitem__("decoder.seg_layers.1.weight", torch.zeros(6, 4, 1, 1, 1)))
    variant("extra-weight", lambda s: s.__setitem__("decoder.extra.weight", torch.zeros(3)))
    variant("no-network-weights", edit_ckpt=lambda c: c.__setitem__("state_dict", c.pop("network_weights")))
    variant("bad-mirroring", edit_ckpt=lambda c: c.__setitem__("inference_allowed_mirroring_axes", (0, 3)))
    variant("residual", edit_plans=lambda p: p["configurations"]["3d_fullres"]["architecture"].__setitem__(
        "network_class_name", "dynamic_network_architectures.architectures.residual_unet.ResidualEncoderUNet"))
    variant("no-3d-fullres", edit_plans=lambda p: p["configurations"].pop("3d_fullres"))
    variant("zscore", edit_plans=lambda p: p["configurations"]["3d_fullres"].__setitem__(
        "normalization_schemes", ["ZScoreNormalization"]))
    old = copy.deepcopy(plans())
    config = old["configurations"]["3d_fullres"]
    config.pop("architecture")
    config.update({"UNet_class_name": "PlainConvUNet", "UNet_base_num_features": 4, "unet_max_num_features": 16,
                   "n_conv_per_stage_encoder": CONVS_ENCODER, "n_conv_per_stage_decoder": CONVS_DECODER,
                   "num_pool_per_axis": [1, 2, 2], "pool_op_kernel_sizes": STRIDES, "conv_kernel_sizes": KERNELS})
    save(out + "/old-plans", checkpoint(net), old, dataset())


if __name__ == "__main__":
    main(sys.argv[1])
