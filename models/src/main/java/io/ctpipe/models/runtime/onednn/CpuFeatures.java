package io.ctpipe.models.runtime.onednn;

import org.bytedeco.dnnl.global.dnnl;

/** What the CPU offers the engine; injectable so that tests can play a CPU without bfloat16 instructions. */
public interface CpuFeatures {
  /** True when oneDNN runs bfloat16 kernels natively here (AVX512-BF16, AVX10 or AMX). */
  boolean bf16();

  /** The instruction set oneDNN dispatches to, as oneDNN names it. */
  String isa();

  /** The features of this machine as oneDNN detects them. */
  static CpuFeatures detected() {
    Dnnl.engine();
    int isa = dnnl.dnnl_get_effective_cpu_isa();
    int bf16 = dnnl.cpu_isa.avx512_core_bf16.value;
    String name = "isa 0x" + Integer.toHexString(isa);
    for (dnnl.cpu_isa known : dnnl.cpu_isa.values()) {
      if (known.value == isa) {
        name = known.name();
      }
    }
    boolean hasBf16 = (isa & bf16) == bf16;
    String isaName = name;
    return new CpuFeatures() {
      @Override
      public boolean bf16() {
        return hasBf16;
      }

      @Override
      public String isa() {
        return isaName;
      }
    };
  }
}
