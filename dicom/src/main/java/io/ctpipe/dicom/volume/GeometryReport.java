package io.ctpipe.dicom.volume;

import java.util.List;
import java.util.Optional;

/** The geometry and identity findings for one series, in the order they were found. */
public record GeometryReport(List<GeometryFlag> flags) {
  public GeometryReport {
    flags = List.copyOf(flags);
  }

  public boolean has(GeometryFlag.Code code) {
    return flags.stream().anyMatch(f -> f.code() == code);
  }

  public Optional<GeometryFlag> get(GeometryFlag.Code code) {
    return flags.stream().filter(f -> f.code() == code).findFirst();
  }

  public List<String> asStrings() {
    return flags.stream().map(GeometryFlag::toString).toList();
  }
}
