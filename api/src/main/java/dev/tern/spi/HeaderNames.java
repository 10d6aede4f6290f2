package dev.tern.spi;

import dev.tern.InvalidValueException;

/**
 * Compares the header names of a platform's own request, before Tern's {@link dev.tern.Headers} has
 * checked them, with the few names an adapter looks for, and checks the values it takes from them.
 *
 * @since 0.1
 */
public final class HeaderNames {
  private HeaderNames() {}

  /**
   * Whether {@code name} is {@code wanted}, a name in ASCII letters and dashes, ignoring case, as
   * {@link String#equalsIgnoreCase} finds. ASCII characters are compared here; a name with another
   * character where the two differ is left to {@code equalsIgnoreCase}, whose case mapping takes
   * some of them for ASCII letters (the Kelvin sign for {@code k}). Adapters call it for every
   * header of every request, so most names should be ruled out by their length before.
   */
  public static boolean same(String name, String wanted) {
    int length = wanted.length();
    if (name.length() != length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      char a = name.charAt(i);
      char b = wanted.charAt(i);
      if (a != b) {
        if (a >= 0x80) {
          return name.equalsIgnoreCase(wanted);
        }
        if ((a | 0x20) != (b | 0x20) || (b | 0x20) < 'a' || (b | 0x20) > 'z') {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * {@code value} of the header {@code name}, when {@link dev.tern.Headers} would take it: with no
   * CR, LF or NUL. For a value an adapter uses before, or without, the request's headers being
   * checked ({@link dev.tern.Headers#deferred}).
   *
   * @throws InvalidValueException naming the header otherwise
   */
  public static String checkValue(String name, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c <= '\r' && (c == '\r' || c == '\n' || c == 0)) {
        throw new InvalidValueException(
            "value of header \"" + name + "\" contains CR, LF or NUL at index " + i);
      }
    }
    return value;
  }
}
