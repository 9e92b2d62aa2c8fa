"""Independent HU statistics for DICOM files, decoded by pydicom (GDCM for compressed syntaxes).

Usage: python3 pydicom_hu_stats.py FILE...
Prints one JSON object: voxel count, min, max and mean HU over all frames of all files, and per-file sums.
"""
import json
import sys

import numpy as np
import pydicom


def hu_of(ds):
    pixels = ds.pixel_array.astype(np.float64)
    if "PerFrameFunctionalGroupsSequence" in ds or "SharedFunctionalGroupsSequence" in ds:
        slope, intercept = 1.0, 0.0
        shared = ds.get("SharedFunctionalGroupsSequence")
        if shared and "PixelValueTransformationSequence" in shared[0]:
            item = shared[0].PixelValueTransformationSequence[0]
            slope, intercept = float(item.RescaleSlope), float(item.RescaleIntercept)
        return pixels * slope + intercept
    return pixels * float(ds.get("RescaleSlope", 1)) + float(ds.get("RescaleIntercept", 0))


def main(files):
    count, total, lo, hi = 0, 0.0, float("inf"), float("-inf")
    for f in files:
        hu = hu_of(pydicom.dcmread(f))
        count += hu.size
        total += float(hu.sum())
        lo = min(lo, float(hu.min()))
        hi = max(hi, float(hu.max()))
    print(json.dumps({"voxels": count, "min": lo, "max": hi, "mean": total / count}))


if __name__ == "__main__":
    main(sys.argv[1:])
