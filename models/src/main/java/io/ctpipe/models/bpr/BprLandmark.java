package io.ctpipe.models.bpr;

/** A landmark's expected score in a body-part-regression look-up table: mean and standard deviation. */
public record BprLandmark(double mean, double std) {}
