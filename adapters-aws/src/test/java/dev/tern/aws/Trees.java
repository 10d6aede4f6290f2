package dev.tern.aws;

import dev.tern.aws.internal.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Reads answers in tests through the adapter's own small JSON tree. */
final class Trees {
  private Trees() {}

  static Map<String, Object> object(String json) {
    return Json.obj(Json.parse(json.getBytes(StandardCharsets.UTF_8)));
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
