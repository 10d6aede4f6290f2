package dev.tern.benchmarks.report;

import java.nio.file.Path;
import java.util.List;

/**
 * One cold-start configuration: which JVM, with which flags, runs which handler on which classpath.
 * {@code training} holds the flags of an uncounted run that writes an archive (AppCDS, AOT cache)
 * before the measured runs; it is empty when there is none.
 *
 * @param id short stable name, used in file names and tables
 * @param label what the row is, in the report
 * @param group the table section: the JDK and what is varied
 * @param tern whether this is a Tern configuration (drawn in Tern's colour)
 * @param launcher the command that starts {@code java}, such as {@code taskset -c 0}; usually empty
 */
record ColdConfig(
    String id,
    String label,
    String group,
    boolean tern,
    List<String> launcher,
    Path java,
    List<String> flags,
    List<String> training,
    List<Path> classpath,
    String handler) {

  ColdConfig {
    launcher = List.copyOf(launcher);
    flags = List.copyOf(flags);
    training = List.copyOf(training);
    classpath = List.copyOf(classpath);
  }
}
