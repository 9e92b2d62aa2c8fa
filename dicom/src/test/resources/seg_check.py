"""Independent check of a DICOM SEG written by ctpipe, with pydicom.

Usage: python3 seg_check.py SEG LABELS.raw NX NY NZ ORIGIN_Z SPACING_Z LABEL:SEGMENT...
LABELS.raw holds the expected label map as little-endian uint16, x fastest. Each frame is placed on slice
round((ImagePositionPatient z - ORIGIN_Z) / SPACING_Z) and compared with the expected mask of its segment
(BINARY) or with the expected segment numbers (LABELMAP). Prints "ok FRAMES" or the first mismatch; exit 1 on one.
"""
import sys

import numpy as np
import pydicom


def main(seg_path, raw, nx, ny, nz, origin_z, spacing_z, pairs):
    labels = np.fromfile(raw, dtype="<u2").reshape(int(nz), int(ny), int(nx))
    segment_of = np.zeros(65536, dtype=np.int64)
    for pair in pairs:
        label, segment = pair.split(":")
        segment_of[int(label)] = int(segment)
    expected_segments = segment_of[labels]
    ds = pydicom.dcmread(seg_path)
    pixels = ds.pixel_array
    if pixels.ndim == 2:
        pixels = pixels[np.newaxis]
    seen = set()
    for f, item in enumerate(ds.PerFrameFunctionalGroupsSequence):
        z = int(round((float(item.PlanePositionSequence[0].ImagePositionPatient[2]) - origin_z) / spacing_z))
        if ds.SegmentationType == "BINARY":
            segment = int(item.SegmentIdentificationSequence[0].ReferencedSegmentNumber)
            expected = (expected_segments[z] == segment).astype(np.uint8)
            seen.add((segment, z))
        else:
            expected = expected_segments[z]
        if not np.array_equal(pixels[f].astype(np.int64), expected.astype(np.int64)):
            print("frame %d (slice %d) differs in %d pixels" % (f, z, int((pixels[f] != expected).sum())))
            return 1
    if ds.SegmentationType == "BINARY":
        wanted = {(int(s), z) for z in range(int(nz)) for s in np.unique(expected_segments[z]) if s != 0}
        if wanted != seen:
            print("frames for (segment, slice) missing or extra: %s" % sorted(wanted ^ seen)[:5])
            return 1
    print("ok %d" % len(ds.PerFrameFunctionalGroupsSequence))
    return 0


if __name__ == "__main__":
    a = sys.argv[1:]
    sys.exit(main(a[0], a[1], a[2], a[3], a[4], float(a[5]), float(a[6]), a[7:]))
