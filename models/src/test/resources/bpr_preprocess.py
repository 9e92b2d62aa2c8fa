"""Independent reference for ctpipe's body part regression preprocessing, built on SciPy and OpenCV (the libraries
bpreg itself uses). Usage: bpr_preprocess.py volume.npy row_spacing column_spacing out.npy

volume.npy: float32 HU, shape (rows, columns, slices) in bpreg's array layout. out.npy: float32 (slices, 128, 128).
"""
import sys

import cv2
import numpy as np
from scipy.ndimage import gaussian_filter

volume = np.load(sys.argv[1]).astype(np.float32)
spacing = (float(sys.argv[2]), float(sys.argv[3]))
target, size = 3.5, 128

scaled = (np.clip(volume, -1000, 1500) - np.float32(-1000)) * np.float32(2) / np.float32(2500) + np.float32(-1)
scaled = scaled.astype(np.float32)
new = [int(n * s / target + 0.5) for n, s in zip(volume.shape[:2], spacing)]
sigmas = [0.8 * 0.25 / (m / n) for m, n in zip(new, volume.shape[:2])] + [0]
blurred = gaussian_filter(scaled, sigma=sigmas, truncate=3, mode="reflect").astype(np.float32)

out = np.full((volume.shape[2], size, size), -1, dtype=np.float32)
for k in range(volume.shape[2]):
    image = blurred[:, :, k]
    if tuple(new) != image.shape:
        image = cv2.resize(image, (new[1], new[0]), interpolation=cv2.INTER_LINEAR)
    src = [max(0, (m - size) // 2) for m in new]
    dst = [max(0, (size - m) // 2) for m in new]
    count = [min(m, size) for m in new]
    out[k, dst[0]:dst[0] + count[0], dst[1]:dst[1] + count[1]] = \
        image[src[0]:src[0] + count[0], src[1]:src[1] + count[1]]
np.save(sys.argv[4], out)
