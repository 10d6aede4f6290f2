package dev.tern.testing.internal;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tern.FunctionFailedException;
import dev.tern.jackson.TernJson;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A failure as an adapter logged it: the function, the event, and the exception's class, message
 * and frames from the line's {@code error} and {@code stackTrace}. Where a cloud's answer only says
 * that a message failed (an SQS {@code batchItemFailures} entry, a 500 to Cloud Scheduler), this is
 * how the harness still shows what the function threw.
 */
public final class LoggedFailure {
  private static final Pattern FRAME =
      Pattern.compile("\tat (?:([^/(]+)/)?([^(]+)\\.([^.(]+)\\((?:([^:)]+)(?::(\\d+))?)?\\)");

  private final String function;
  private final String event;
  private final String stackTrace;
  private final String errorClass;

  private LoggedFailure(String function, String event, String errorClass, String stackTrace) {
    this.function = function;
    this.event = event;
    this.errorClass = errorClass;
    this.stackTrace = stackTrace;
  }

  /** Reads a {@code "function failed"} line in the harness's form. */
  static LoggedFailure of(JsonNode line) {
    return new LoggedFailure(
        line.path("function").asText(""),
        line.path("event").asText(""),
        line.path("error").asText(""),
        line.path("stackTrace").asText(""));
  }

  /**
   * What the function threw, rebuilt from a log line in the harness's form, when the line is the
   * dispatcher's {@code "function failed"} with an error; otherwise empty. An HTTP function's
   * failure reaches the client only as a 500, so this is where the harness finds it.
   */
  public static Optional<Throwable> thrownIn(String line) {
    JsonNode node;
    try {
      node = TernJson.mapper().readTree(line);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    if (node == null
        || !"function failed".equals(node.path("message").asText())
        || !node.hasNonNull("error")) {
      return Optional.empty();
    }
    return Optional.of(of(node).rebuild());
  }

  /** The dispatcher's name for the event: {@code message m-1}. */
  public String event() {
    return event;
  }

  /**
   * The failure as the dispatcher reports it, with the exception's message: {@code function Pay
   * failed on message m-1: java.lang.IllegalStateException: card declined}, caused by the
   * function's exception, rebuilt from the log line: of its class where that class can be made with
   * its message, with the frames logged.
   */
  public FunctionFailedException exception() {
    Throwable cause = rebuild();
    return new FunctionFailedException(
        "function " + function + " failed on " + event + ": " + cause, cause);
  }

  private Throwable rebuild() {
    List<Block> blocks = blocks(stackTrace);
    if (blocks.isEmpty()) {
      blocks.add(new Block(errorClass));
    }
    Throwable outer = null;
    Throwable last = null;
    for (Block block : blocks) {
      Throwable t = instance(block.header);
      t.setStackTrace(block.frames.toArray(new StackTraceElement[0]));
      if (last == null) {
        outer = t;
      } else {
        try {
          last.initCause(t);
        } catch (IllegalStateException | IllegalArgumentException e) {
          break; // the class set its own cause: the chain ends there
        }
      }
      last = t;
    }
    return outer;
  }

  /** {@code java.lang.IllegalStateException: card declined} as that exception, if it can be. */
  private static Throwable instance(String header) {
    int colon = header.indexOf(": ");
    String type = colon < 0 ? header.trim() : header.substring(0, colon);
    String message = colon < 0 ? null : header.substring(colon + 2);
    try {
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      Class<?> found =
          Class.forName(
              type, false, loader != null ? loader : LoggedFailure.class.getClassLoader());
      if (Throwable.class.isAssignableFrom(found)) {
        Throwable made;
        if (message == null) {
          made = (Throwable) found.getConstructor().newInstance();
        } else {
          Constructor<?> withMessage = found.getConstructor(String.class);
          made = (Throwable) withMessage.newInstance(message);
        }
        if (made.getCause() == null && String.valueOf(made).equals(header)) {
          return made;
        }
      }
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      // not a class this loader has, or one that cannot be made from its message
    }
    return new Logged(header);
  }

  /** Splits a logged stack trace into the exception and each cause, with their frames. */
  private static List<Block> blocks(String text) {
    List<Block> blocks = new ArrayList<>();
    Block current = null;
    for (String line : text.split("\n", -1)) {
      if (line.isEmpty() && current == null) {
        continue;
      }
      if (current == null || line.startsWith("Caused by: ")) {
        current = new Block(line.startsWith("Caused by: ") ? line.substring(11) : line);
        blocks.add(current);
        continue;
      }
      Matcher frame = FRAME.matcher(line);
      if (frame.matches()) {
        String line_ = frame.group(5);
        current.frames.add(
            new StackTraceElement(
                null,
                frame.group(1),
                null,
                frame.group(2),
                frame.group(3),
                frame.group(4),
                line_ == null ? -1 : Integer.parseInt(line_)));
      } else if (!line.startsWith("\t... ") && !line.isEmpty() && current.frames.isEmpty()) {
        current.header = current.header + "\n" + line; // a message of several lines
      }
    }
    return blocks;
  }

  private static final class Block {
    String header;
    final List<StackTraceElement> frames = new ArrayList<>();

    Block(String header) {
      this.header = requireNonNull(header);
    }
  }

  /**
   * The function's exception where its class cannot be made again: it prints as the original did,
   * {@code com.example.CardDeclined: card 4242 declined}.
   */
  static final class Logged extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String header;

    Logged(String header) {
      super(header);
      this.header = header;
    }

    @Override
    public String toString() {
      return header;
    }
  }
}
