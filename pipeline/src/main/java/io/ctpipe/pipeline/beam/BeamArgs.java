package io.ctpipe.pipeline.beam;

import java.util.ArrayList;
import java.util.List;

/** Accepts "--name value" as well as Beam's "--name=value" on the command line. */
public final class BeamArgs {
  private BeamArgs() {}

  public static String[] normalize(List<String> args) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      boolean takesNext = a.startsWith("--") && !a.contains("=") && i + 1 < args.size()
          && !args.get(i + 1).startsWith("--");
      if (takesNext) {
        out.add(a + "=" + args.get(++i));
      } else {
        out.add(a);
      }
    }
    return out.toArray(new String[0]);
  }
}
