package io.ctpipe.dicom;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The one place where names that come from outside become paths below an output root: each name must be a single
 * safe component, and the resolved path must stay below the root. Local roots are {@link Path}s; Beam FileSystems
 * roots ({@code gs://bucket/out}, local folders) are strings joined with {@code /}.
 */
public final class SafePaths {
  /** A file name: letters, digits, '.', '_' and '-', starting with a letter or digit, at most 128 characters. */
  private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  private SafePaths() {}

  /**
   * Returns {@code value} when it is a safe file name (model ids, {@code --id}).
   *
   * @param field what the value is, named in the error ("model id")
   * @throws UnsafeNameException naming the field when the value could leave its folder or is not a plain name
   */
  public static String requireFileName(String field, String value) {
    if (value == null || !FILE_NAME.matcher(value).matches()) {
      throw new UnsafeNameException(field + " '" + printable(value) + "' is not a safe file name: use 1 to 128 "
          + "letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
    return value;
  }

  /**
   * The local path of {@code components} below {@code root}.
   *
   * @throws UnsafeNameException when a component is empty, holds a separator, is "." or "..", or the result would
   *     not lie below the root
   */
  public static Path under(Path root, String... components) {
    Path base = root.toAbsolutePath().normalize();
    Path resolved = base;
    for (String component : components) {
      resolved = resolved.resolve(component(component));
    }
    resolved = resolved.normalize();
    if (!resolved.startsWith(base) || resolved.equals(base)) {
      throw new UnsafeNameException("refusing to write " + resolved + ": it is not below " + base);
    }
    return resolved;
  }

  /**
   * {@code components} joined below a FileSystems root ({@code gs://bucket/out} or a local folder), each checked
   * as in {@link #under(Path, String...)}.
   */
  public static String under(String root, String... components) {
    StringBuilder path = new StringBuilder(root.endsWith("/") ? root : root + "/");
    for (int i = 0; i < components.length; i++) {
      path.append(i == 0 ? "" : "/").append(component(components[i]));
    }
    return path.toString();
  }

  /**
   * Returns {@code path} when it lies below the FileSystems root {@code root}: it starts with the root and none of
   * its further components is empty, "." or "..".
   *
   * @throws UnsafeNameException naming both otherwise
   */
  public static String requireBelow(String root, String path) {
    String base = root.endsWith("/") ? root : root + "/";
    boolean below = path.startsWith(base) && path.length() > base.length();
    if (below) {
      String rest = path.substring(base.length());
      for (String part : (rest.endsWith("/") ? rest.substring(0, rest.length() - 1) : rest).split("/", -1)) {
        below &= !part.isEmpty() && !part.equals(".") && !part.equals("..");
      }
    }
    if (!below) {
      throw new UnsafeNameException("refusing to write " + printable(path) + ": it is not below " + base);
    }
    return path;
  }

  private static String component(String name) {
    if (name == null || name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0
        || name.indexOf('\\') >= 0 || name.indexOf('\0') >= 0 || name.indexOf(':') >= 0) {
      throw new UnsafeNameException("refusing to use '" + printable(name) + "' as a file or folder name: it is "
          + "empty, '.', '..', or holds '/', '\\', ':' or NUL");
    }
    return name;
  }

  /** At most 80 characters of a value, control characters shown as '?', for error messages. */
  private static String printable(String value) {
    if (value == null) {
      return "";
    }
    String cut = value.length() > 80 ? value.substring(0, 80) + "…" : value;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }
}
