package io.ctpipe.models.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ctpipe.models.zoo.PlainConvUNetConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What an nnU-Net v2 model's {@code plans.json} (configuration {@code 3d_fullres}) and {@code dataset.json} say,
 * read and checked once: the PlainConvUNet's arguments (from {@code architecture.arch_kwargs} of nnU-Net ≥ 2.4, or
 * rebuilt from the older {@code UNet_class_name} form as nnU-Net rebuilds it), the patch size, target spacing and
 * transposes, CTNormalization's statistics and the label names.
 *
 * @param patch window size in the network's axis order
 * @param spacing target spacing in the network's axis order, mm
 * @param clip CTNormalization's clip range: the foreground's 0.5 and 99.5 percentiles
 * @param mean the foreground's mean, subtracted after clipping
 * @param std the foreground's standard deviation, divided by last
 * @param labels label names by value (index 0 is the background)
 */
record NnUnetPlans(PlainConvUNetConfig network, int[] patch, double[] spacing, int[] transposeForward,
    int[] transposeBackward, double[] clip, double mean, double std, List<String> labels) {
  static final String CONFIGURATION = "3d_fullres";
  private static final String PLAIN_CONV_UNET = "dynamic_network_architectures.architectures.unet.PlainConvUNet";

  static NnUnetPlans read(String plansJson, String datasetJson, String source) throws ImportException {
    Json plans = Json.parse(plansJson, source + ": plans.json");
    Json config = plans.child("configurations").child(CONFIGURATION);
    List<String> labels = labels(Json.parse(datasetJson, source + ": dataset.json"));
    PlainConvUNetConfig network = config.has("architecture") ? network(config.child("architecture"), labels.size())
        : oldFormNetwork(config, labels.size());
    String scheme = config.child("normalization_schemes").texts(1)[0];
    if (!scheme.equals("CTNormalization")) {
      throw new ImportException(source + ": plans.json normalises with " + scheme + "; ctpipe imports "
          + "CTNormalization (clip to the foreground percentiles, subtract the mean, divide by the std) only");
    }
    Json intensity = plans.child("foreground_intensity_properties_per_channel").child("0");
    double std = intensity.number("std");
    if (!(std > 0)) {
      throw new ImportException(source + ": plans.json foreground std must be positive, not " + std);
    }
    double[] clip = {intensity.number("percentile_00_5"), intensity.number("percentile_99_5")};
    if (!(clip[1] >= clip[0])) {
      throw new ImportException(source + ": plans.json foreground percentiles " + Arrays.toString(clip)
          + " must not fall");
    }
    int[] patch = config.child("patch_size").ints(3);
    double[] spacing = config.child("spacing").numbers(3);
    for (double s : spacing) {
      if (!(s > 0)) {
        throw new ImportException(source + ": plans.json " + CONFIGURATION + ".spacing must be positive");
      }
    }
    return new NnUnetPlans(network, patch, spacing, permutation(plans.child("transpose_forward")),
        permutation(plans.child("transpose_backward")), clip, intensity.number("mean"), std, labels);
  }

  private static PlainConvUNetConfig network(Json arch, int classes) throws ImportException {
    String name = arch.child("network_class_name").text();
    if (!name.equals(PLAIN_CONV_UNET)) {
      throw new ImportException(arch.where() + ".network_class_name is " + name + "; ctpipe imports "
          + PLAIN_CONV_UNET + " only");
    }
    Json kwargs = arch.child("arch_kwargs");
    kwargs.require("conv_op", "torch.nn.modules.conv.Conv3d");
    kwargs.require("norm_op", "torch.nn.modules.instancenorm.InstanceNorm3d");
    kwargs.require("nonlin", "torch.nn.LeakyReLU");
    if (kwargs.has("dropout_op") || kwargs.has("nonlin_first") && kwargs.child("nonlin_first").bool()) {
      throw new ImportException(kwargs.where() + ": dropout_op or nonlin_first is set; ctpipe imports "
          + "Conv → InstanceNorm → LeakyReLU stages without dropout");
    }
    Json norm = kwargs.child("norm_op_kwargs");
    if (!norm.child("affine").bool()) {
      throw new ImportException(norm.where() + ".affine is false; ctpipe imports affine instance norms only");
    }
    int stages = kwargs.child("n_stages").integer();
    float slope = kwargs.has("nonlin_kwargs") && kwargs.child("nonlin_kwargs").has("negative_slope")
        ? (float) kwargs.child("nonlin_kwargs").number("negative_slope") : 0.01f;
    return config(1, classes, kwargs.child("features_per_stage").ints(stages),
        kwargs.child("kernel_sizes").triples(stages), kwargs.child("strides").triples(stages),
        kwargs.child("n_conv_per_stage").ints(stages), kwargs.child("n_conv_per_stage_decoder").ints(stages - 1),
        kwargs.child("conv_bias").bool(), norm.has("eps") ? (float) norm.number("eps") : 1e-5f, slope,
        kwargs.where());
  }

  /** The plans form before nnU-Net 2.4, rebuilt as nnU-Net's ConfigurationManager does. */
  private static PlainConvUNetConfig oldFormNetwork(Json config, int classes) throws ImportException {
    if (!config.has("UNet_class_name")) {
      throw new ImportException(config.where() + " has neither 'architecture' (nnU-Net >= 2.4) nor "
          + "'UNet_class_name' (older plans)");
    }
    String name = config.child("UNet_class_name").text();
    if (!name.equals("PlainConvUNet")) {
      throw new ImportException(config.where() + ".UNet_class_name is " + name + "; ctpipe imports PlainConvUNet "
          + "only");
    }
    int stages = config.child("n_conv_per_stage_encoder").size();
    int base = config.child("UNet_base_num_features").integer();
    int max = config.child("unet_max_num_features").integer();
    int[] features = new int[stages];
    for (int s = 0; s < stages; s++) {
      features[s] = (int) Math.min((long) base << Math.min(s, 30), max);
    }
    return config(1, classes, features, config.child("conv_kernel_sizes").triples(stages),
        config.child("pool_op_kernel_sizes").triples(stages), config.child("n_conv_per_stage_encoder").ints(stages),
        config.child("n_conv_per_stage_decoder").ints(stages - 1), true, 1e-5f, 0.01f, config.where());
  }

  private static PlainConvUNetConfig config(int in, int classes, int[] features, int[][] kernels, int[][] strides,
      int[] encoder, int[] decoder, boolean bias, float eps, float slope, String where) throws ImportException {
    try {
      return new PlainConvUNetConfig(in, classes, features, kernels, strides, encoder, decoder, bias, eps, slope);
    } catch (IllegalArgumentException e) {
      throw new ImportException(where + ": " + e.getMessage());
    }
  }

  /** Label names by value: dataset.json's "labels" must map names to 0 (background), 1, 2, ... */
  private static List<String> labels(Json dataset) throws ImportException {
    Json channels = dataset.child("channel_names");
    if (channels.size() != 1) {
      throw new ImportException(channels.where() + " lists " + channels.size() + " channels; ctpipe imports "
          + "single-channel CT models");
    }
    if (dataset.has("regions_class_order")) {
      throw new ImportException(dataset.where() + " defines regions (regions_class_order); ctpipe imports models "
          + "with exclusive labels only");
    }
    Json labels = dataset.child("labels");
    String[] byValue = new String[labels.size()];
    for (Map.Entry<String, JsonNode> e : labels.entries()) {
      JsonNode v = e.getValue();
      if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < 0 || v.asInt() >= byValue.length
          || byValue[v.asInt()] != null) {
        throw new ImportException(labels.where() + "." + e.getKey() + " is " + v + "; labels must be the values 0 "
            + "to " + (byValue.length - 1) + ", each once (region labels are not imported)");
      }
      byValue[v.asInt()] = e.getKey();
    }
    if (byValue.length < 2) {
      throw new ImportException(labels.where() + " must hold the background and at least one label");
    }
    return List.of(byValue);
  }

  private static int[] permutation(Json node) throws ImportException {
    int[] p = node.ints(3);
    if (!Arrays.equals(Arrays.stream(p).sorted().toArray(), new int[] {0, 1, 2})) {
      throw new ImportException(node.where() + " " + Arrays.toString(p) + " is not a permutation of 0, 1, 2");
    }
    return p;
  }

  /** One node of a JSON file, with messages naming the file and the path to it. */
  private record Json(JsonNode node, String where) {
    static Json parse(String text, String where) throws ImportException {
      try {
        return new Json(new ObjectMapper().readTree(text), where);
      } catch (IOException e) {
        throw new ImportException(where + " is not valid JSON: " + e.getMessage());
      }
    }

    boolean has(String key) {
      return node.hasNonNull(key);
    }

    Json child(String key) throws ImportException {
      if (!has(key)) {
        throw new ImportException(where + " has no '" + key + "'");
      }
      return new Json(node.get(key), where + "." + key);
    }

    int size() {
      return node.size();
    }

    Iterable<Map.Entry<String, JsonNode>> entries() {
      return node::fields;
    }

    private ImportException wrong(String expected) {
      return new ImportException(where + " must be " + expected + ", not " + node);
    }

    String text() throws ImportException {
      if (!node.isTextual()) {
        throw wrong("text");
      }
      return node.asText();
    }

    boolean bool() throws ImportException {
      if (!node.isBoolean()) {
        throw wrong("true or false");
      }
      return node.asBoolean();
    }

    int integer() throws ImportException {
      if (!node.isIntegralNumber() || !node.canConvertToInt()) {
        throw wrong("a whole number");
      }
      return node.asInt();
    }

    double number(String key) throws ImportException {
      JsonNode v = child(key).node;
      if (!v.isNumber()) {
        throw child(key).wrong("a number");
      }
      return v.asDouble();
    }

    void require(String key, String expected) throws ImportException {
      String value = child(key).text();
      if (!value.equals(expected)) {
        throw new ImportException(where + "." + key + " is " + value + "; ctpipe imports " + expected + " only");
      }
    }

    private List<Json> items(int count) throws ImportException {
      if (!node.isArray() || node.size() != count) {
        throw wrong("a list of " + count);
      }
      List<Json> out = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        out.add(new Json(node.get(i), where + "[" + i + "]"));
      }
      return out;
    }

    int[] ints(int count) throws ImportException {
      int[] out = new int[count];
      List<Json> items = items(count);
      for (int i = 0; i < count; i++) {
        out[i] = items.get(i).integer();
      }
      return out;
    }

    double[] numbers(int count) throws ImportException {
      double[] out = new double[count];
      List<Json> items = items(count);
      for (int i = 0; i < count; i++) {
        if (!items.get(i).node.isNumber()) {
          throw items.get(i).wrong("a number");
        }
        out[i] = items.get(i).node.asDouble();
      }
      return out;
    }

    String[] texts(int count) throws ImportException {
      String[] out = new String[count];
      List<Json> items = items(count);
      for (int i = 0; i < count; i++) {
        out[i] = items.get(i).text();
      }
      return out;
    }

    int[][] triples(int count) throws ImportException {
      int[][] out = new int[count][];
      List<Json> items = items(count);
      for (int i = 0; i < count; i++) {
        out[i] = items.get(i).ints(3);
      }
      return out;
    }
  }
}
