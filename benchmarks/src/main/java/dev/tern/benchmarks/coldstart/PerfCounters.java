package dev.tern.benchmarks.coldstart;

import java.io.File;
import java.io.IOException;

/**
 * Reads this JVM's performance counters from its hsperfdata file ({@code
 * /tmp/hsperfdata_<user>/<pid>}), the same counters {@code jstat} shows, without JMX.
 *
 * <p>The layout is HotSpot's {@code PerfDataPrologue} followed by {@code PerfDataEntry} records
 * (see {@code perfMemory.hpp}); only long scalars are read.
 */
final class PerfCounters {
  private static final int MAGIC = 0xcafec0c0;

  private final byte[] data;
  private final boolean little;

  private PerfCounters(byte[] data) {
    this.data = data;
    this.little = data.length > 4 && data[4] == 1;
  }

  /** The counters of the running JVM, or an empty set when the file cannot be found. */
  static PerfCounters read() {
    try {
      String pid = new File("/proc/self").getCanonicalFile().getName();
      String dir =
          new StringBuilder("/tmp/hsperfdata_").append(System.getProperty("user.name")).toString();
      File file = new File(dir, pid);
      return new PerfCounters(Driver.readAll(file.getPath()));
    } catch (IOException | RuntimeException e) {
      return new PerfCounters(new byte[0]);
    }
  }

  /** A long counter's value, or -1 if it is not there. */
  long value(String name) {
    if (data.length < 32 || intAt(0, false) != MAGIC) {
      return -1;
    }
    int offset = intAt(24, little);
    int entries = intAt(28, little);
    for (int i = 0; i < entries && offset + 20 <= data.length; i++) {
      int length = intAt(offset, little);
      int nameOffset = intAt(offset + 4, little);
      int vectorLength = intAt(offset + 8, little);
      byte type = data[offset + 12];
      int dataOffset = intAt(offset + 16, little);
      if (length <= 0) {
        break;
      }
      if (type == 'J' && vectorLength == 0 && nameEquals(offset + nameOffset, name)) {
        return longAt(offset + dataOffset);
      }
      offset += length;
    }
    return -1;
  }

  private boolean nameEquals(int at, String name) {
    int n = name.length();
    if (at + n >= data.length) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (data[at + i] != name.charAt(i)) {
        return false;
      }
    }
    return data[at + n] == 0;
  }

  private int intAt(int at, boolean littleEndian) {
    int b0 = data[at] & 0xff;
    int b1 = data[at + 1] & 0xff;
    int b2 = data[at + 2] & 0xff;
    int b3 = data[at + 3] & 0xff;
    return littleEndian
        ? b0 | (b1 << 8) | (b2 << 16) | (b3 << 24)
        : (b0 << 24) | (b1 << 16) | (b2 << 8) | b3;
  }

  private long longAt(int at) {
    long lo = intAt(little ? at : at + 4, little) & 0xffffffffL;
    long hi = intAt(little ? at + 4 : at, little) & 0xffffffffL;
    return (hi << 32) | lo;
  }
}
