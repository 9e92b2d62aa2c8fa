package io.ctpipe.models.bpr;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The transformed landmark look-up table of bpreg's public CT model (the only part of its inference settings that
 * is published; resource {@code bpreg-lookup-table.tsv}, provenance in its header).
 */
public final class BpregLookupTable {
  private BpregLookupTable() {}

  /** Landmark → transformed mean and std, in bpreg's order. */
  public static Map<String, BprLandmark> load() {
    Map<String, BprLandmark> table = new LinkedHashMap<>();
    try (InputStream in = BpregLookupTable.class.getResourceAsStream("bpreg-lookup-table.tsv");
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      reader.lines().filter(l -> !l.startsWith("#") && !l.startsWith("landmark")).forEach(line -> {
        String[] cols = line.split("\t");
        table.put(cols[0], new BprLandmark(Double.parseDouble(cols[1]), Double.parseDouble(cols[2])));
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return table;
  }
}
