package io.ctpipe.transforms.fetch;

/** What a fetch brought: instance files, their bytes, and the requests repeated after transient failures. */
public record FetchedSeries(int instances, long bytes, int retries) {}
