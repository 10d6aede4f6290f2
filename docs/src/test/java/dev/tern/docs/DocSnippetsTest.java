package dev.tern.docs;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every {@code ```java} block of README.md, the modules' READMEs and docs/**&#47;*.md is the text
 * of compiled code: the line before it names its source, and the block must equal it
 * (docs/README.md describes the convention). With {@code -Dtern.docs.write=true} the blocks are
 * rewritten from their sources instead.
 */
class DocSnippetsTest {
  private static final Pattern REGION_START = Pattern.compile("^\\s*// snippet: (\\S+)\\s*$");
  private static final Pattern REGION_END = Pattern.compile("^\\s*// end snippet\\s*$");

  /** {@code void paysTheOrder(Harness harness) { // … a comment}: the body is elided. */
  private static final Pattern ELIDED = Pattern.compile("^(\\s*)(.*\\{) // …(.*)$");

  private static final Pattern FENCE = Pattern.compile("^(\\s*)```(\\S*)\\s*$");
  private static final Pattern SNIPPET = Pattern.compile("^\\s*<!-- snippet: (.+?) -->\\s*$");
  private static final Pattern GENERATED = Pattern.compile("^\\s*<!-- generated: (\\S+) -->\\s*$");
  private static final Pattern NOT_COMPILED =
      Pattern.compile("^\\s*<!-- not compiled: (.*\\S.*) -->\\s*$");

  private final Path root = Paths.get(System.getProperty("tern.docs.root", "..")).normalize();
  private final Path generated =
      Paths.get(System.getProperty("tern.docs.generated", "target/generated-test-sources"));
  private final boolean write = Boolean.getBoolean("tern.docs.write");

  @Test
  void everyJavaBlockIsItsSource() throws IOException {
    List<String> problems = new ArrayList<>();
    Map<String, List<String>> regions = regions(root.resolve("docs/src"), problems);
    Set<String> used = new LinkedHashSet<>();
    List<String> rewritten = new ArrayList<>();
    for (Path page : pages()) {
      List<String> lines = Files.readAllLines(page, StandardCharsets.UTF_8);
      List<String> out = new ArrayList<>();
      String name = root.relativize(page).toString();
      boolean changed = false;
      for (int i = 0; i < lines.size(); i++) {
        Matcher open = FENCE.matcher(lines.get(i));
        out.add(lines.get(i));
        if (!open.matches() || open.group(2).isEmpty()) {
          continue;
        }
        String indent = open.group(1);
        int close = i + 1;
        while (close < lines.size() && !lines.get(close).equals(indent + "```")) {
          close++;
        }
        List<String> block = new ArrayList<>();
        for (String line : lines.subList(i + 1, Math.min(close, lines.size()))) {
          block.add(line.startsWith(indent) ? line.substring(indent.length()) : line.strip());
        }
        String where = name + ":" + (i + 1);
        String before = i > 0 ? lines.get(i - 1) : "";
        List<String> expected = null;
        if (!open.group(2).equals("java")) {
          expected = null;
        } else if (SNIPPET.matcher(before).matches()) {
          Matcher m = SNIPPET.matcher(before);
          m.matches();
          expected = new ArrayList<>();
          for (String region : m.group(1).trim().split("\\s+")) {
            used.add(region);
            List<String> text = regions.get(region);
            if (text == null) {
              problems.add(
                  where + ": the marker names snippet " + region + ", which no source has");
              expected = null;
              break;
            }
            if (!expected.isEmpty()) {
              expected.add("");
            }
            expected.addAll(text);
          }
          if (expected != null && !expected.equals(block)) {
            problems.add(
                where + ": differs from snippet " + m.group(1) + ", " + diff(block, expected));
          }
        } else if (GENERATED.matcher(before).matches()) {
          Matcher m = GENERATED.matcher(before);
          m.matches();
          checkGenerated(where, m.group(1), block, problems);
        } else if (!NOT_COMPILED.matcher(before).matches()) {
          problems.add(
              where
                  + ": a ```java block without a <!-- snippet: name --> marker on the line before");
        }
        for (int j = i + 1; j < close && j < lines.size(); j++) {
          if (expected == null || expected.equals(block)) {
            out.add(lines.get(j));
          }
        }
        if (expected != null && !expected.equals(block)) {
          for (String line : expected) {
            out.add(line.isEmpty() ? "" : indent + line);
          }
          changed = true;
        }
        i = close - 1;
      }
      if (changed && write) {
        Files.write(page, out, StandardCharsets.UTF_8);
        rewritten.add(name);
      }
    }
    for (String region : regions.keySet()) {
      if (!used.contains(region)) {
        problems.add("snippet " + region + " is used by no page");
      }
    }
    if (write) {
      System.out.println(
          rewritten.isEmpty()
              ? "DocSnippetsTest: every block equals its source; rewrote nothing"
              : "DocSnippetsTest: rewrote " + String.join(", ", rewritten));
      problems.removeIf(p -> p.contains(": differs from snippet "));
    }
    if (!problems.isEmpty()) {
      fail(
          problems.size()
              + " doc snippet problem(s)"
              + (write ? "" : " (-Dtern.docs.write=true rewrites blocks from their sources)")
              + ":\n"
              + String.join("\n", problems));
    }
  }

  private List<Path> pages() throws IOException {
    List<Path> pages = new ArrayList<>();
    pages.add(root.resolve("README.md"));
    // Each module's README, the docs module's own among the pages below.
    try (Stream<Path> modules = Files.list(root)) {
      modules
          .filter(Files::isDirectory)
          .filter(dir -> !dir.getFileName().toString().equals("docs"))
          .map(dir -> dir.resolve("README.md"))
          .filter(Files::isRegularFile)
          .sorted()
          .forEach(pages::add);
    }
    try (Stream<Path> files = Files.walk(root.resolve("docs"))) {
      files
          .filter(p -> p.toString().endsWith(".md"))
          .filter(p -> !p.startsWith(root.resolve("docs/target")))
          .sorted()
          .forEach(pages::add);
    }
    return pages;
  }

  /** The regions of every Java source under {@code sources}, each as the page shows it. */
  static Map<String, List<String>> regions(Path sources, List<String> problems) {
    Map<String, List<String>> regions = new LinkedHashMap<>();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(sources)) {
      files =
          walk.filter(p -> p.toString().endsWith(".java")).sorted().collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (Path file : files) {
      List<String> lines;
      try {
        lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      String name = null;
      int start = 0;
      for (int i = 0; i < lines.size(); i++) {
        Matcher m = REGION_START.matcher(lines.get(i));
        if (m.matches()) {
          if (name != null) {
            problems.add(
                file + ":" + (i + 1) + ": snippet " + m.group(1) + " starts inside " + name);
          }
          name = m.group(1);
          start = i + 1;
        } else if (REGION_END.matcher(lines.get(i)).matches()) {
          if (name == null) {
            problems.add(file + ":" + (i + 1) + ": end snippet without a start");
          } else if (regions.put(name, shown(lines.subList(start, i))) != null) {
            problems.add(file + ":" + (start) + ": snippet " + name + " is declared twice");
          }
          name = null;
        }
      }
      if (name != null) {
        problems.add(file + ":" + start + ": snippet " + name + " has no end snippet line");
      }
    }
    return regions;
  }

  /**
   * A region as a page shows it: a line ending in {@code { // …} stands for its block, shown as
   * {@code { … }} with the rest of the comment after it; blank lines at either end and the common
   * indentation are removed.
   */
  static List<String> shown(List<String> region) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < region.size(); i++) {
      String line = region.get(i);
      Matcher m = ELIDED.matcher(line);
      if (m.matches()) {
        String comment = m.group(3).strip();
        lines.add(m.group(1) + m.group(2) + " … }" + (comment.isEmpty() ? "" : " // " + comment));
        while (i + 1 < region.size() && !region.get(i + 1).equals(m.group(1) + "}")) {
          i++;
        }
        i++;
      } else {
        lines.add(line.stripTrailing());
      }
    }
    int indent = Integer.MAX_VALUE;
    for (String line : lines) {
      if (!line.isEmpty()) {
        indent = Math.min(indent, line.length() - line.stripLeading().length());
      }
    }
    int common = indent == Integer.MAX_VALUE ? 0 : indent;
    while (!lines.isEmpty() && lines.get(0).isEmpty()) {
      lines.remove(0);
    }
    while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    return lines.stream()
        .map(l -> l.isEmpty() ? l : l.substring(common))
        .collect(Collectors.toList());
  }

  /**
   * A block marked {@code <!-- generated: path -->} shows a file an annotation processor wrote: its
   * parts between lines {@code …} must each be consecutive lines of that file, in order.
   */
  private void checkGenerated(String where, String path, List<String> block, List<String> problems)
      throws IOException {
    Path file;
    try (Stream<Path> found = Files.walk(generated)) {
      file = found.filter(p -> p.endsWith(path)).findFirst().orElse(null);
    }
    if (file == null) {
      problems.add(where + ": no generated source " + path + " under " + generated);
      return;
    }
    List<String> text =
        Files.readAllLines(file, StandardCharsets.UTF_8).stream()
            .map(String::stripTrailing)
            .collect(Collectors.toList());
    int from = 0;
    List<String> part = new ArrayList<>();
    List<List<String>> parts = new ArrayList<>();
    for (String line : block) {
      if (line.strip().equals("…")) {
        parts.add(part);
        part = new ArrayList<>();
      } else {
        part.add(line.stripTrailing());
      }
    }
    parts.add(part);
    for (List<String> p : parts) {
      int at = indexOf(text, p, from);
      if (at < 0) {
        problems.add(
            where
                + ": these lines are not in "
                + root.relativize(file.toAbsolutePath().normalize())
                + " in this order:\n  "
                + String.join("\n  ", p));
        return;
      }
      from = at + p.size();
    }
  }

  private static int indexOf(List<String> text, List<String> part, int from) {
    for (int i = from; i + part.size() <= text.size(); i++) {
      if (text.subList(i, i + part.size()).equals(part)) {
        return i;
      }
    }
    return -1;
  }

  /** Where the block and its source first differ. */
  private static String diff(List<String> block, List<String> expected) {
    for (int i = 0; i < Math.max(block.size(), expected.size()); i++) {
      String shown = i < block.size() ? block.get(i) : "(nothing)";
      String source = i < expected.size() ? expected.get(i) : "(nothing)";
      if (!shown.equals(source)) {
        return "first at line "
            + (i + 1)
            + " of the block:\n  page:   "
            + shown
            + "\n  source: "
            + source;
      }
    }
    return "";
  }
}
