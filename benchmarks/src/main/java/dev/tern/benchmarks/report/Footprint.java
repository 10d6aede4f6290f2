package dev.tern.benchmarks.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * What one deployable weighs: total bytes and {@code .class} files, counting the jars inside a zip
 * (Lambda's {@code lib/} layout) as well.
 */
record Footprint(String label, String what, long bytes, long classes, List<Part> parts) {
  /** One file of the deployable. */
  record Part(String name, long bytes, long classes) {}

  static Footprint of(String label, String what, List<Path> files) throws IOException {
    long bytes = 0;
    long classes = 0;
    List<Part> parts = new ArrayList<>();
    for (Path f : files) {
      long size = Files.size(f);
      long n;
      try (InputStream in = Files.newInputStream(f)) {
        n = countClasses(in);
      }
      bytes += size;
      classes += n;
      parts.add(new Part(f.getFileName().toString(), size, n));
    }
    parts.sort(Comparator.comparingLong(Part::bytes).reversed());
    return new Footprint(label, what, bytes, classes, List.copyOf(parts));
  }

  private static long countClasses(InputStream archive) throws IOException {
    long n = 0;
    ZipInputStream zip = new ZipInputStream(archive);
    for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
      String name = e.getName();
      if (name.endsWith(".class") && !name.endsWith("module-info.class")) {
        n++;
      } else if (name.endsWith(".jar")) {
        n += countClasses(new NonClosing(zip));
      }
    }
    return n;
  }

  double mib() {
    return bytes / (1024.0 * 1024.0);
  }

  /** Keeps a nested jar's reader from closing the outer zip. */
  private static final class NonClosing extends java.io.FilterInputStream {
    NonClosing(InputStream in) {
      super(in);
    }

    @Override
    public void close() {}
  }
}
