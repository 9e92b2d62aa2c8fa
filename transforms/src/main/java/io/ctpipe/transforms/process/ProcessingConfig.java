package io.ctpipe.transforms.process;

import io.ctpipe.dicom.seg.SegmentationTypeChoice;
import io.ctpipe.models.card.SpeedProfile;
import io.ctpipe.models.runtime.InferenceOverrides;
import io.ctpipe.models.runtime.ResolvedInference;
import io.ctpipe.transforms.fetch.FetchConfig;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * What every worker needs to process a series: models, threads, outputs and the run's identity.
 *
 * @param output root of the SEG files and per-series results (any Beam FileSystems location)
 * @param bprModel body part regression card ("zoo:bpr-vgg16", a path or a FileSystems URI), or null for none
 * @param segModels segmentation cards, each "zoo:ID", a path or a FileSystems URI
 * @param inference runtime and precision overrides (null: each card's) and ONNX Runtime intra-op threads
 * @param profile named sliding-window settings for every segmentation model (null: each card's)
 * @param segType AUTO (LABELMAP above 32 segments), BINARY or LABELMAP
 * @param runId names this run in every QA row
 * @param contentTime SEG content date and time, ISO-8601 local (fixed per run so re-runs write identical bytes)
 * @param skipExisting take the committed result of a series instead of processing it again (same models and
 *     settings)
 * @param retryFailed with skipExisting, process again series whose committed result is a failure
 * @param stowUrl DICOMweb store to send each SEG to, or null
 * @param ctpipeVersion written into SEGs and rows
 * @param fetch download limits, timeouts and retries
 * @param maxSeriesMemory heap bytes the series processed at once in one JVM may hold together, a series estimated
 *     above it is refused (0: {@link MemorySize#defaultLimit()} of each worker's JVM)
 * @param maxWorkerDeaths unfinished attempts after which a series is refused instead of processed again
 * @param resolved what the launch resolved each model reference ({@code bprModel}, {@code segModels}) to run on,
 *     which workers open exactly ({@link RunConfiguration#forWorkers}); a reference missing here is resolved where
 *     the configuration is (one JVM: tests, tools)
 * @param launchIdentity the {@link RunConfiguration#identity()} the launch resolved, which each worker's own must
 *     equal ({@link ConfigurationMismatchException}); null: not checked (one JVM: tests, tools)
 */
public record ProcessingConfig(String output, String bprModel, List<String> segModels, InferenceOverrides inference,
    SpeedProfile profile, SegmentationTypeChoice segType, String runId, String contentTime, boolean skipExisting,
    boolean retryFailed, String stowUrl, String ctpipeVersion, FetchConfig fetch, long maxSeriesMemory,
    int maxWorkerDeaths, Map<String, ResolvedInference> resolved, String launchIdentity) implements Serializable {

  /** Attempts that may die with their worker before a series is refused: one kill is bad luck, two are the series. */
  public static final int DEFAULT_MAX_WORKER_DEATHS = 2;

  public ProcessingConfig {
    segModels = List.copyOf(segModels);
    resolved = Map.copyOf(resolved);
    java.util.Objects.requireNonNull(inference, "inference");
    if (maxSeriesMemory < 0) {
      throw new IllegalArgumentException("the memory per series must be positive (or 0: automatic), got "
          + maxSeriesMemory);
    }
    if (maxWorkerDeaths < 1) {
      throw new IllegalArgumentException("--maxWorkerDeaths must be at least 1, got " + maxWorkerDeaths);
    }
  }

  /** These settings with {@code choices} as what each model reference runs on. */
  public ProcessingConfig withResolved(Map<String, ResolvedInference> choices) {
    return new ProcessingConfig(output, bprModel, segModels, inference, profile, segType, runId, contentTime,
        skipExisting, retryFailed, stowUrl, ctpipeVersion, fetch, maxSeriesMemory, maxWorkerDeaths, choices,
        launchIdentity);
  }

  /** These settings with {@code identity} as the configuration the launch resolved them to. */
  public ProcessingConfig withLaunchIdentity(String identity) {
    return new ProcessingConfig(output, bprModel, segModels, inference, profile, segType, runId, contentTime,
        skipExisting, retryFailed, stowUrl, ctpipeVersion, fetch, maxSeriesMemory, maxWorkerDeaths, resolved,
        identity);
  }
}
