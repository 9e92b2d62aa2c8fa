package io.ctpipe.models.runtime;

/**
 * Decides what a network runs on from the settings asked for it: {@link #here()} on this machine (compiling the
 * oneDNN plan to find out), {@link #pinned} as decided elsewhere (a worker takes what the launch resolved).
 */
@FunctionalInterface
public interface InferenceResolver {
  ResolvedInference resolve(NetworkFile network, int[] spatial, InferenceSettings asked) throws Exception;

  /** {@link InferenceBackends#resolve} on this machine's CPU. */
  static InferenceResolver here() {
    return InferenceBackends::resolve;
  }

  /** Always {@code runs}, whatever was asked: the choice was made where the settings were resolved. */
  static InferenceResolver pinned(ResolvedInference runs) {
    return (network, spatial, asked) -> runs;
  }
}
