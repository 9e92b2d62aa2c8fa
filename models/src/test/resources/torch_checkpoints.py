"""Writes PyTorch checkpoints for ctpipe's checkpoint reader tests: one ordinary, several tampered.

Usage: python3 torch_checkpoints.py OUT_DIR   (writes *.pt and expected.json)
"""
import collections
import io
import json
import os
import pickle
import sys
import zipfile

import numpy
import torch


class Foo:
    pass


class Evil:
    def __reduce__(self):
        return (os.system, ("touch " + sys.argv[1] + "/pwned",))


def main(out):
    torch.manual_seed(3)
    base = torch.randn(4, 6)
    state = collections.OrderedDict()
    state["conv.weight"] = torch.randn(2, 1, 3, 3, 3)
    state["half"] = torch.randn(5).half()
    state["brain"] = torch.randn(7).bfloat16()
    state["steps"] = torch.tensor([1, -2, 3 ** 30], dtype=torch.int64)
    state["transposed"] = base.t()            # non-contiguous: stride (1, 6)
    state["row"] = base[2]                    # storage offset 12, shares the storage with "transposed"
    state["scalar"] = torch.tensor(2.5)
    config = {"network": {"_target_": "SegResNetDS", "init_filters": 32, "blocks_down": [1, 2, 2, 4, 4],
                          "norm": "INSTANCE_NVFUSER", "dsdepth": 4},
              "roi_size": [96, 96, 96], "intensity_bounds": [numpy.float64(-1000.5), float(1500)],
              "sigmoid": False, "crop_foreground": True, "orientation_ras": None, "nested": (1, "two", 3.0),
              "devices": [torch.device("cuda"), torch.device("cuda", 1)]}
    torch.save({"state_dict": state, "config": config, "epoch": 492, "best_metric": 0.7895}, out + "/basic.pt")
    expected = {k: {"shape": list(v.shape), "values": v.float().flatten().tolist() if v.is_floating_point()
                    else v.flatten().tolist()} for k, v in state.items()}
    with open(out + "/expected.json", "w") as f:
        json.dump(expected, f)

    torch.save({"x": Evil()}, out + "/evil.pt")
    torch.save({"x": Foo()}, out + "/custom.pt")
    torch.save(state, out + "/legacy.pt", _use_new_zipfile_serialization=False)
    with open(out + "/basic.pt", "rb") as f:
        data = f.read()
    with open(out + "/truncated.pt", "wb") as f:
        f.write(data[: len(data) // 2])

    class HugePickler(pickle.Pickler):
        def persistent_id(self, obj):
            return ("storage", torch.FloatStorage, "0", "cpu", 2 ** 40) if obj is marker else None

    marker = object()
    buffer = io.BytesIO()
    HugePickler(buffer, protocol=2).dump({"w": marker})
    with zipfile.ZipFile(out + "/huge.pt", "w") as z:
        z.writestr("archive/data.pkl", buffer.getvalue())
        z.writestr("archive/data/0", bytes(16))


if __name__ == "__main__":
    main(sys.argv[1])
