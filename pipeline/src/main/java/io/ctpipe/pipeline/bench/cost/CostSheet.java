package io.ctpipe.pipeline.bench.cost;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Price tiers and machine types, read from two small comma-separated files whose {@code #} lines say where the
 * figures come from. The built-in sheet holds Dataflow's us-central1 batch and FlexRS worker rates; operators pass
 * their own files for other regions, negotiated prices or other machine types.
 */
public record CostSheet(String source, Map<String, PriceTier> tiers, Map<String, MachineType> machines) {
  static final int MAX_BYTES = 64 * 1024;
  private static final String PRICES_HEADER = "tier,vcpu_hour,memory_gb_hour,disk_gb_hour";
  private static final String MACHINES_HEADER = "name,vcpus,memory_gb";

  public CostSheet {
    tiers = Map.copyOf(tiers);
    machines = Map.copyOf(machines);
  }

  /**
   * The sheet from files; either may be null for the one packaged with ctpipe ({@code dataflow-prices.csv},
   * {@code machine-types.csv}).
   */
  public static CostSheet read(Path prices, Path machines) throws IOException {
    return of(prices == null ? resource("dataflow-prices.csv") : file(prices),
        prices == null ? "built-in dataflow-prices.csv" : prices.toString(),
        machines == null ? resource("machine-types.csv") : file(machines),
        machines == null ? "built-in machine-types.csv" : machines.toString());
  }

  /**
   * @throws IllegalArgumentException naming the file and line when a header, a row or a value is wrong
   */
  static CostSheet of(String pricesText, String pricesName, String machinesText, String machinesName) {
    Map<String, PriceTier> tiers = rows(pricesText, pricesName, PRICES_HEADER,
        f -> new PriceTier(f[0], number(f[1]), number(f[2]), number(f[3])), PriceTier::name);
    Map<String, MachineType> machines = rows(machinesText, machinesName, MACHINES_HEADER,
        f -> new MachineType(f[0], whole(f[1]), number(f[2])), MachineType::name);
    String source = String.join(" ", pricesText.lines().filter(l -> l.startsWith("#"))
        .map(l -> l.substring(1).trim()).toList());
    return new CostSheet(source.isEmpty() ? pricesName : source, tiers, machines);
  }

  /** @throws IllegalArgumentException listing the known tiers */
  public PriceTier tier(String name) {
    return find(tiers, name, "price tier");
  }

  /** @throws IllegalArgumentException listing the known machine types */
  public MachineType machine(String name) {
    return find(machines, name, "machine type");
  }

  private static <T> T find(Map<String, T> known, String name, String what) {
    T found = known.get(name);
    if (found == null) {
      throw new IllegalArgumentException("unknown " + what + " '" + name + "'; the sheet has "
          + known.keySet().stream().sorted().toList() + " (add it with --prices/--machines files)");
    }
    return found;
  }

  private static <T> Map<String, T> rows(String text, String name, String header, Function<String[], T> parse,
      Function<T, String> key) {
    if (text.length() > MAX_BYTES) {
      throw new IllegalArgumentException(name + " is larger than " + MAX_BYTES + " bytes");
    }
    List<String> lines = new ArrayList<>();
    List<Integer> numbers = new ArrayList<>();
    String[] all = text.split("\r?\n");
    for (int i = 0; i < all.length; i++) {
      if (!all[i].isBlank() && !all[i].startsWith("#")) {
        lines.add(all[i].trim());
        numbers.add(i + 1);
      }
    }
    if (lines.isEmpty() || !lines.get(0).equals(header)) {
      throw new IllegalArgumentException(name + " must start with the header '" + header + "', got '"
          + (lines.isEmpty() ? "" : lines.get(0)) + "'");
    }
    int columns = header.split(",").length;
    Map<String, T> parsed = new LinkedHashMap<>();
    for (int i = 1; i < lines.size(); i++) {
      String[] fields = Arrays.stream(lines.get(i).split(",", -1)).map(String::trim).toArray(String[]::new);
      try {
        if (fields.length != columns) {
          throw new IllegalArgumentException(columns + " values expected, got " + fields.length);
        }
        T row = parse.apply(fields);
        if (parsed.put(key.apply(row), row) != null) {
          throw new IllegalArgumentException("'" + key.apply(row) + "' is listed twice");
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(name + " line " + numbers.get(i) + ": " + e.getMessage(), e);
      }
    }
    if (parsed.isEmpty()) {
      throw new IllegalArgumentException(name + " has a header but no rows");
    }
    return parsed;
  }

  private static double number(String text) {
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is not a number");
    }
  }

  private static int whole(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is not a whole number");
    }
  }

  private static String file(Path path) throws IOException {
    if (Files.size(path) > MAX_BYTES) {
      throw new IllegalArgumentException(path + " is larger than " + MAX_BYTES + " bytes");
    }
    return Files.readString(path, StandardCharsets.UTF_8);
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = CostSheet.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("ctpipe's jar lacks " + name);
      }
      return new String(in.readNBytes(MAX_BYTES + 1), StandardCharsets.UTF_8);
    }
  }
}
