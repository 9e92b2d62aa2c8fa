"""Independent summary of a DICOM SEG with pydicom: type, frames, size, set pixels per segment number, and the
SHA-256 of every frame's pixel values (as little-endian uint16, row-major).

Usage: python3 seg_voxels.py SEG   (prints one JSON object)
"""
import hashlib
import json
import sys

import pydicom


def main(path):
    ds = pydicom.dcmread(path)
    pixels = ds.pixel_array
    if pixels.ndim == 2:
        pixels = pixels[None]
    numbers = [int(s.SegmentNumber) for s in ds.SegmentSequence]
    counts = {}
    if ds.SegmentationType == "LABELMAP":
        counts = {n: int((pixels == n).sum()) for n in numbers}
    else:
        for i, item in enumerate(ds.PerFrameFunctionalGroupsSequence):
            n = int(item.SegmentIdentificationSequence[0].ReferencedSegmentNumber)
            counts[n] = counts.get(n, 0) + int((pixels[i] != 0).sum())
    digests = [hashlib.sha256(frame.astype("<u2").tobytes()).hexdigest() for frame in pixels]
    print(json.dumps({"type": ds.SegmentationType, "frames": int(ds.NumberOfFrames), "rows": int(ds.Rows),
                      "columns": int(ds.Columns), "segments": numbers,
                      "voxels": {str(k): v for k, v in counts.items()}, "frameDigests": digests}))


if __name__ == "__main__":
    main(sys.argv[1])
