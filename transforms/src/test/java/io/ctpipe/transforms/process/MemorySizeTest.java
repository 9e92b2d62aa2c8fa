package io.ctpipe.transforms.process;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.Test;

/** --maxSeriesMemory values, the automatic limit, and the JVM-wide budget that series wait on. */
public class MemorySizeTest {
  @Test
  public void sizesParseWithBinaryUnits() {
    assertEquals(6L << 30, MemorySize.parse("maxSeriesMemory", "6g"));
    assertEquals(512L << 20, MemorySize.parse("maxSeriesMemory", "512M"));
    assertEquals(1073741824L, MemorySize.parse("maxSeriesMemory", "1073741824"));
    assertEquals(0, MemorySize.parse("maxSeriesMemory", "auto"));
  }

  @Test
  public void badSizesNameTheOption() {
    for (String bad : new String[] {"", "6 GB", "-1g", "0", "1.5g"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> MemorySize.parse("maxSeriesMemory", bad));
      assertTrue(e.getMessage(), e.getMessage().startsWith("--maxSeriesMemory must be "));
    }
    assertEquals("--maxSeriesMemory must be positive and below 2^63 bytes, got '9000000000t'",
        assertThrows(IllegalArgumentException.class, () -> MemorySize.parse("maxSeriesMemory", "9000000000t"))
            .getMessage());
  }

  @Test
  public void theAutomaticLimitIsAShareOfTheHeap() {
    long limit = MemorySize.defaultLimit();
    assertTrue(limit > 0);
    assertTrue(limit <= (long) (MemorySize.USABLE_SHARE * Runtime.getRuntime().maxMemory()));
  }

  @Test
  public void aReservationWaitsUntilTheOthersLeaveRoom() throws Exception {
    MemoryBudget budget = new MemoryBudget(100);
    MemoryBudget.Reservation first = budget.reserve(70);
    CountDownLatch reserved = new CountDownLatch(1);
    Thread second = new Thread(() -> {
      try (MemoryBudget.Reservation r = budget.reserve(50)) {
        reserved.countDown();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    second.start();
    assertFalse("50 bytes do not fit beside 70 of 100", reserved.await(200, TimeUnit.MILLISECONDS));
    assertEquals(70, budget.reserved());
    first.close();
    second.join();
    assertEquals(0, reserved.getCount());
    assertEquals(0, budget.reserved());
    assertEquals("101 bytes exceed the budget of 100", assertThrows(IllegalArgumentException.class,
        () -> budget.reserve(101)).getMessage());
  }
}
