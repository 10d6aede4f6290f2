package dev.tern.jackson;

import static dev.tern.jackson.JacksonCodec.name;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.lang.reflect.Type;
import java.util.Map;

/**
 * Words for why a body did not decode. A class of its own so that {@link JacksonCodec}, which a
 * cold HTTP invocation loads, names no databind exception: the verifier would load them.
 */
final class DecodeErrors {
  private DecodeErrors() {}

  /** The message for {@code e}, thrown while reading a body as {@code type}. */
  static String describe(JacksonException e, Type type) {
    if (e instanceof DatabindException) {
      // A read error met while binding (a limit, bytes that are not UTF-8) comes wrapped with the
      // path: the body is still not JSON, rather than JSON that does not fit.
      Throwable cause = e.getCause();
      if (cause instanceof JacksonException && !(cause instanceof DatabindException)) {
        return describe((JacksonException) cause, type);
      }
      return mismatch((DatabindException) e, type);
    }
    return "body is not JSON (" + name(type) + " expected): " + malformation(e) + at(e);
  }

  /**
   * Well-formed JSON that does not fit the type: where, by the path of properties and indexes, and
   * what was expected there. Property names come from the type; a map's keys may be data and are
   * shown as {@code *}.
   */
  private static String mismatch(DatabindException e, Type type) {
    String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
    if (original.startsWith("Trailing token")) {
      return "body has more after the JSON document (" + name(type) + " expected)" + at(e);
    }
    StringBuilder text = new StringBuilder("body does not fit ").append(name(type));
    String path = path(e);
    if (!path.isEmpty()) {
      text.append(" at ").append(path);
    }
    Class<?> target =
        e instanceof MismatchedInputException
            ? ((MismatchedInputException) e).getTargetType()
            : null;
    if (e instanceof ValueInstantiationException) {
      text.append(": its constructor refused the values");
    } else if (target != null) {
      text.append(": ").append(target.getSimpleName());
      // A primitive the body left out or set to null (FAIL_ON_NULL_FOR_PRIMITIVES).
      text.append(
          original.startsWith("Cannot map `null` into type")
              ? " required, but the body has none or null"
              : " expected");
    } else {
      text.append(": ").append(kind(e));
    }
    return text.append(at(e)).toString();
  }

  private static String path(DatabindException e) {
    if (!(e instanceof JsonMappingException)) {
      return "";
    }
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : ((JsonMappingException) e).getPath()) {
      if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      } else if (ref.getFrom() instanceof Map || ref.getFieldName() == null) {
        path.append(path.length() == 0 ? "*" : ".*");
      } else {
        path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
      }
    }
    return path.toString();
  }

  /** What made the document unreadable, in words, without its text. */
  private static String malformation(JacksonException e) {
    String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
    if (e instanceof JsonEOFException) {
      return "it ends early";
    }
    if (e instanceof StreamConstraintsException) {
      return "it is over a size or nesting limit";
    }
    if (original.startsWith("Duplicate field")) {
      return "a property appears twice";
    }
    return kind(e);
  }

  /** The exception's kind in words: {@code JsonParseException} is "json parse". */
  private static String kind(JacksonException e) {
    return e.getClass()
        .getSimpleName()
        .replace("Exception", "")
        .replaceAll("([a-z])([A-Z])", "$1 $2")
        .toLowerCase(java.util.Locale.ROOT);
  }

  private static String at(JacksonException e) {
    return e.getLocation() == null
        ? ""
        : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
  }
}
