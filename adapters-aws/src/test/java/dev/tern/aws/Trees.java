package dev.tern.aws;

import dev.tern.aws.internal.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads answers in tests through the adapter's own small JSON tree. */
final class Trees {
  private Trees() {}

  static Map<String, Object> object(String json) {
    return Json.obj(Json.parse(json.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * {@code json} parsed into maps and lists a test may change to build a payload: the adapter's own
   * trees are read-only.
   */
  static Map<String, Object> editable(String json) {
    return Json.obj(editable(object(json)));
  }

  private static Object editable(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put((String) k, editable(v)));
      return copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>();
      list.forEach(v -> copy.add(editable(v)));
      return copy;
    }
    return value;
  }

  static Object at(Object root, String... path) {
    return Json.at(root, path);
  }

  static String text(Object root, String... path) {
    return Json.scalarText(Json.at(root, path));
  }

  static List<Object> list(Object root, String... path) {
    return Json.list(Json.at(root, path));
  }

  /** The {@code itemIdentifier}s of an SQS partial batch response, in order. */
  static List<String> failedIds(String answer) {
    return list(object(answer), "batchItemFailures").stream()
        .map(item -> text(item, "itemIdentifier"))
        .toList();
  }
}
