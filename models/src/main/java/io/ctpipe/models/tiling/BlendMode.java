package io.ctpipe.models.tiling;

/** How window outputs are weighted when they are blended (MONAI's BlendMode). */
public enum BlendMode { CONSTANT, GAUSSIAN }
