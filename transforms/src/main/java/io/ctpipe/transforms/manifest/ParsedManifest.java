package io.ctpipe.transforms.manifest;

import java.util.List;

/** What one manifest names: series references and the lines that name none. */
public record ParsedManifest(List<SeriesRef> refs, List<ManifestProblem> problems) {}
