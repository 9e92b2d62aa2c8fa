"""Runs an ONNX graph with PyTorch's own CPU kernels (float32), the reference the oneDNN engine is held to.

Usage: onnx_torch.py model.onnx out_dir input.npy [input.npy ...]
Writes out_dir/<input file name> holding the graph's first output for each input (float32).

Each ONNX node becomes the torch.nn.functional call PyTorch itself runs for that layer (conv3d, instance_norm,
conv_transpose3d, ...), so normalisation statistics, accumulation order and rounding are PyTorch's. Only the
operators of the networks ctpipe runs are mapped; any other fails with its name.
"""
import os
import sys

import numpy as np
import onnx
import torch
import torch.nn.functional as F
from onnx import numpy_helper


def attributes(node):
    return {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}


def conv_padding(a, rank):
    pads = list(a.get("pads", [0] * (2 * rank)))
    if pads[:rank] != pads[rank:]:
        raise ValueError("asymmetric convolution padding %s" % pads)
    return pads[:rank]


def conv(x, w, b, a):
    rank = w.dim() - 2
    fn = {1: F.conv1d, 2: F.conv2d, 3: F.conv3d}[rank]
    return fn(x, w, b, stride=a.get("strides", [1] * rank), padding=conv_padding(a, rank),
              dilation=a.get("dilations", [1] * rank), groups=a.get("group", 1))


def deconv(x, w, b, a):
    rank = w.dim() - 2
    fn = {1: F.conv_transpose1d, 2: F.conv_transpose2d, 3: F.conv_transpose3d}[rank]
    return fn(x, w, b, stride=a.get("strides", [1] * rank), padding=conv_padding(a, rank),
              output_padding=a.get("output_padding", [0] * rank), groups=a.get("group", 1),
              dilation=a.get("dilations", [1] * rank))


def pool(kind, x, a):
    rank = x.dim() - 2
    kernel = a["kernel_shape"]
    stride = a.get("strides", kernel)
    padding = conv_padding(a, rank)
    if kind == "MaxPool":
        fn = {1: F.max_pool1d, 2: F.max_pool2d, 3: F.max_pool3d}[rank]
        return fn(x, kernel, stride, padding, ceil_mode=bool(a.get("ceil_mode", 0)))
    fn = {1: F.avg_pool1d, 2: F.avg_pool2d, 3: F.avg_pool3d}[rank]
    return fn(x, kernel, stride, padding, ceil_mode=bool(a.get("ceil_mode", 0)),
              count_include_pad=bool(a.get("count_include_pad", 0)))


def resize(x, scales, a):
    mode = a.get("mode", b"nearest").decode()
    factors = [float(s) for s in scales.tolist()[2:]]
    if mode == "nearest":
        return F.interpolate(x, scale_factor=factors, mode="nearest")
    linear = {1: "linear", 2: "bilinear", 3: "trilinear"}[x.dim() - 2]
    align = a.get("coordinate_transformation_mode", b"half_pixel").decode() == "align_corners"
    return F.interpolate(x, scale_factor=factors, mode=linear, align_corners=align)


def pad(x, pads, value, mode):
    rank = x.dim()
    if any(pads[i] or pads[i + rank] for i in range(2)):
        raise ValueError("padding of the batch or channel axis")
    torch_pads = []
    for axis in reversed(range(2, rank)):
        torch_pads += [int(pads[axis]), int(pads[axis + rank])]
    torch_mode = {"constant": "constant", "edge": "replicate", "reflect": "reflect"}[mode]
    if torch_mode == "constant":
        return F.pad(x, torch_pads, mode="constant", value=value)
    return F.pad(x, torch_pads, mode=torch_mode)


def run_node(node, v):
    a = attributes(node)
    x = [v[name] if name else None for name in node.input]
    op = node.op_type
    if op == "Conv":
        return conv(x[0], x[1], x[2] if len(x) > 2 else None, a)
    if op == "ConvTranspose":
        return deconv(x[0], x[1], x[2] if len(x) > 2 else None, a)
    if op == "InstanceNormalization":
        return F.instance_norm(x[0], weight=x[1], bias=x[2], eps=a.get("epsilon", 1e-5))
    if op == "BatchNormalization":
        return F.batch_norm(x[0], x[3], x[4], weight=x[1], bias=x[2], training=False, eps=a.get("epsilon", 1e-5))
    if op == "Relu":
        return torch.relu(x[0])
    if op == "LeakyRelu":
        return F.leaky_relu(x[0], a.get("alpha", 0.01))
    if op == "PRelu":
        return torch.where(x[0] >= 0, x[0], x[0] * x[1])
    if op == "Sigmoid":
        return torch.sigmoid(x[0])
    if op == "Tanh":
        return torch.tanh(x[0])
    if op in ("Add", "Sub", "Mul", "Div"):
        fn = {"Add": torch.add, "Sub": torch.sub, "Mul": torch.mul, "Div": torch.div}[op]
        return fn(x[0], x[1])
    if op == "Concat":
        return torch.cat(x, dim=a["axis"])
    if op in ("Resize", "Upsample"):
        return resize(x[0], x[2] if op == "Resize" else x[1], a)
    if op in ("MaxPool", "AveragePool"):
        return pool(op, x[0], a)
    if op == "GlobalAveragePool":
        return x[0].mean(dim=tuple(range(2, x[0].dim())), keepdim=True)
    if op == "GlobalMaxPool":
        return x[0].amax(dim=tuple(range(2, x[0].dim())), keepdim=True)
    if op == "Flatten":
        return torch.flatten(x[0], a.get("axis", 1))
    if op == "Gemm":
        w = x[1].t() if a.get("transB", 0) else x[1]
        y = x[0] @ w * a.get("alpha", 1.0)
        return y + x[2] * a.get("beta", 1.0) if len(x) > 2 and x[2] is not None else y
    if op == "MatMul":
        return x[0] @ x[1]
    if op == "Softmax":
        return torch.softmax(x[0], dim=a.get("axis", -1))
    if op == "Pad":
        pads = x[1].tolist() if len(x) > 1 and x[1] is not None else a["pads"]
        value = float(x[2]) if len(x) > 2 and x[2] is not None else a.get("value", 0.0)
        return pad(x[0], pads, value, a.get("mode", b"constant").decode())
    if op == "Reshape":
        shape = [int(s) for s in x[1].tolist()]
        shape = [x[0].shape[i] if s == 0 else s for i, s in enumerate(shape)]
        return x[0].reshape(shape)
    if op == "Shape":
        return torch.tensor(list(x[0].shape), dtype=torch.int64)
    if op in ("Identity", "Dropout"):
        return x[0]
    if op == "Constant":
        return torch.from_numpy(numpy_helper.to_array(a["value"]).copy())
    raise ValueError("operator %s is not mapped to PyTorch" % op)


def run(model, x):
    v = {i.name: torch.from_numpy(numpy_helper.to_array(i).copy()) for i in model.graph.initializer}
    v[model.graph.input[0].name] = torch.from_numpy(x)
    for node in model.graph.node:
        outputs = run_node(node, v)
        v[node.output[0]] = outputs
    return v[model.graph.output[0].name]


def main():
    model = onnx.load(sys.argv[1])
    out_dir = sys.argv[2]
    torch.set_num_threads(2)
    with torch.no_grad():
        for path in sys.argv[3:]:
            x = np.load(path).astype(np.float32)
            y = run(model, x).numpy().astype(np.float32)
            np.save(os.path.join(out_dir, os.path.basename(path)), y)


if __name__ == "__main__":
    main()
