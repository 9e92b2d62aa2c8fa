package io.ctpipe.models.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.ctpipe.models.zoo.TissueCt;
import io.ctpipe.models.zoo.ZooModel;
import org.junit.jupiter.api.Test;

/** One session per model and settings, shared by every user and closed when the last one lets go. */
class OrtSessionsTest {
  @Test
  void sessionsAreSharedAndReferenceCounted() throws Exception {
    ZooModel model = TissueCt.build(new int[] {8, 8, 8});
    int before = OrtSessions.openSessions();
    OrtSessions.Lease a = OrtSessions.acquire(model.onnx(), "sessions-test", 1);
    OrtSessions.Lease b = OrtSessions.acquire(model.onnx(), "sessions-test", 1);
    OrtSessions.Lease other = OrtSessions.acquire(model.onnx(), "sessions-test", 2);
    assertSame(a.session(), b.session());
    assertNotSame(a.session(), other.session(), "other settings, other session");
    assertEquals(before + 2, OrtSessions.openSessions());
    a.close();
    a.close();
    assertEquals(before + 2, OrtSessions.openSessions(), "a second close of a lease is harmless");
    b.close();
    assertEquals(before + 1, OrtSessions.openSessions());
    other.close();
    assertEquals(before, OrtSessions.openSessions());
  }
}
