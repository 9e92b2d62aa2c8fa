package io.ctpipe.models.imports;

import io.ctpipe.models.checkpoint.TorchCheckpoint;
import io.ctpipe.models.zoo.SegResNetDsConfig;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code config} dict an Auto3DSeg segresnet checkpoint carries, read and checked once: the network's
 * constructor arguments and the settings 3D Slicer's inference script takes from it.
 *
 * @param intensityBounds [a_min, a_max] of the "range" normalisation (followed by a sigmoid, as the script does)
 */
record Auto3dSegConfig(SegResNetDsConfig network, int dsDepth, int[] roiSize, double[] resampleResolution,
    double[] intensityBounds, boolean orientationRas, boolean cropForeground) {
  private static final Set<String> SEGRESNETDS = Set.of("SegResNetDS", "monai.networks.nets.SegResNetDS",
      "monai.networks.nets.segresnet_ds.SegResNetDS");
  private static final Set<String> INSTANCE_NORMS = Set.of("INSTANCE", "INSTANCE_NVFUSER");

  static Auto3dSegConfig read(TorchCheckpoint checkpoint, String source) throws ImportException {
    Object config = checkpoint.at("config");
    if (!(config instanceof Map<?, ?> root)) {
      throw new ImportException(source + ": the checkpoint has no 'config' dict (keys: " + checkpoint.rootKeys()
          + "); an Auto3DSeg model.pt holds the network and inference settings there");
    }
    Fields top = new Fields(root, source + ": config");
    Fields net = new Fields(top.raw("network"), source + ": config.network");
    String target = net.text("_target_", "");
    if (!SEGRESNETDS.contains(target)) {
      throw new ImportException(source + ": config.network is " + (target.isEmpty() ? "not named" : target)
          + "; ctpipe imports SegResNetDS (Auto3DSeg segresnet) networks only, not DiNTS, SwinUNETR or others");
    }
    String norm = net.norm();
    if (!INSTANCE_NORMS.contains(norm)) {
      throw new ImportException(source + ": config.network.norm is " + norm + "; ctpipe imports SegResNetDS with "
          + "instance norm (INSTANCE, INSTANCE_NVFUSER)");
    }
    net.require("act", "relu", "RELU");
    net.require("upsample_mode", "deconv", "DECONV");
    if (net.has("resolution")) {
      throw new ImportException(source + ": config.network.resolution is set: SegResNetDS with anisotropic "
          + "kernels is not imported by ctpipe");
    }
    if (net.integer("spatial_dims", 3) != 3) {
      throw new ImportException(source + ": config.network.spatial_dims must be 3");
    }
    int[] blocksDown = net.ints("blocks_down", new int[] {1, 2, 2, 4});
    int[] blocksUp = net.ints("blocks_up", ones(blocksDown.length - 1));
    SegResNetDsConfig network;
    try {
      network = new SegResNetDsConfig(net.integer("init_filters", 32), blocksDown, blocksUp,
          channels(net, top, "in_channels", "input_channels", 1), channels(net, top, "out_channels",
              "output_classes", 2));
    } catch (IllegalArgumentException e) {
      throw new ImportException(source + ": config.network: " + e.getMessage());
    }
    if (top.bool("sigmoid", false)) {
      throw new ImportException(source + ": config.sigmoid is true (multi-label outputs); ctpipe imports softmax "
          + "models with exclusive labels");
    }
    String mode = top.text("normalize_mode", "range").toLowerCase(Locale.ROOT);
    if (!mode.equals("range") && !mode.equals("ct")) {
      throw new ImportException(source + ": config.normalize_mode is " + mode + "; ctpipe imports CT models "
          + "normalised with 'range' (or 'ct') and intensity_bounds");
    }
    double[] bounds = top.numbers("intensity_bounds", 2);
    if (!(bounds[1] > bounds[0])) {
      throw new ImportException(source + ": config.intensity_bounds " + List.of(bounds[0], bounds[1])
          + " must rise");
    }
    int[] roi = top.ints("roi_size", null);
    if (roi == null || roi.length != 3) {
      throw new ImportException(source + ": config.roi_size must hold 3 sizes");
    }
    for (int r : roi) {
      if (r <= 0 || r % network.sizeFactor() != 0) {
        throw new ImportException(source + ": config.roi_size " + java.util.Arrays.toString(roi) + " must be "
            + "positive multiples of " + network.sizeFactor() + " for " + blocksDown.length + " levels");
      }
    }
    double[] spacing = top.numbers("resample_resolution", 3);
    for (double s : spacing) {
      if (!(s > 0)) {
        throw new ImportException(source + ": config.resample_resolution must be positive");
      }
    }
    return new Auto3dSegConfig(network, net.integer("dsdepth", 1), roi, spacing, bounds,
        top.bool("orientation_ras", false), top.bool("crop_foreground", true));
  }

  private static int[] ones(int n) {
    int[] out = new int[Math.max(0, n)];
    java.util.Arrays.fill(out, 1);
    return out;
  }

  /** A channel count, or a "@key" reference to the top-level config as Auto3DSeg's templates write it. */
  private static int channels(Fields net, Fields top, String name, String topKey, int fallback)
      throws ImportException {
    Object value = net.raw(name);
    if (value instanceof String ref && ref.startsWith("@")) {
      return top.integer(ref.substring(1), fallback);
    }
    if (value == null && top.has(topKey)) {
      return top.integer(topKey, fallback);
    }
    return net.integer(name, fallback);
  }

  /** Typed access to one dict of the config, with messages naming the field. */
  private record Fields(Map<?, ?> map, String where) {
    Fields(Object map, String where) throws ImportException {
      this(asMap(map, where), where);
    }

    private static Map<?, ?> asMap(Object value, String where) throws ImportException {
      if (value instanceof Map<?, ?> m) {
        return m;
      }
      throw new ImportException(where + " is missing or not a dict");
    }

    boolean has(String key) {
      return map.get(key) != null;
    }

    Object raw(String key) {
      return map.get(key);
    }

    /** The value of {@code key} as {@code type}, {@code fallback} when absent; anything else is refused by name. */
    private <T> T scalar(String key, T fallback, Class<T> type, String expected) throws ImportException {
      Object v = map.get(key);
      if (v == null) {
        return fallback;
      }
      if (type.isInstance(v)) {
        return type.cast(v);
      }
      throw new ImportException(where + "." + key + " must be " + expected + ", not " + v);
    }

    String text(String key, String fallback) throws ImportException {
      return scalar(key, fallback, String.class, "text");
    }

    boolean bool(String key, boolean fallback) throws ImportException {
      return scalar(key, fallback, Boolean.class, "true or false");
    }

    int integer(String key, int fallback) throws ImportException {
      long value = scalar(key, (long) fallback, Long.class, "a whole number");
      if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
        throw new ImportException(where + "." + key + " must be a whole number, not " + value);
      }
      return (int) value;
    }

    int[] ints(String key, int[] fallback) throws ImportException {
      Object v = map.get(key);
      if (v == null) {
        return fallback;
      }
      if (!(v instanceof List<?> list) || list.size() > 16) {
        throw new ImportException(where + "." + key + " must be a list of whole numbers, not " + v);
      }
      int[] out = new int[list.size()];
      for (int i = 0; i < out.length; i++) {
        if (!(list.get(i) instanceof Long l) || l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
          throw new ImportException(where + "." + key + " must be a list of whole numbers, not " + v);
        }
        out[i] = l.intValue();
      }
      return out;
    }

    double[] numbers(String key, int count) throws ImportException {
      Object v = map.get(key);
      if (!(v instanceof List<?> list) || list.size() != count) {
        throw new ImportException(where + "." + key + " must hold " + count + " numbers, not " + v);
      }
      double[] out = new double[count];
      for (int i = 0; i < count; i++) {
        if (!(list.get(i) instanceof Number n)) {
          throw new ImportException(where + "." + key + " must hold " + count + " numbers, not " + v);
        }
        out[i] = n.doubleValue();
      }
      return out;
    }

    /** The norm's name: a string, or the first item of a (name, args) pair. */
    String norm() throws ImportException {
      Object v = map.get("norm");
      if (v == null) {
        return "BATCH";
      }
      Object name = v instanceof List<?> pair && !pair.isEmpty() ? pair.get(0) : v;
      if (name instanceof String s) {
        return s.toUpperCase(Locale.ROOT);
      }
      throw new ImportException(where + ".norm must be a name, not " + v);
    }

    void require(String key, String... accepted) throws ImportException {
      Object v = map.get(key);
      Object name = v instanceof List<?> pair && !pair.isEmpty() ? pair.get(0) : v;
      if (name != null && !List.of(accepted).contains(String.valueOf(name))) {
        throw new ImportException(where + "." + key + " is " + name + "; ctpipe imports " + accepted[0] + " only");
      }
    }
  }
}
