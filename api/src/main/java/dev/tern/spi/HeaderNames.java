package dev.tern.spi;

/**
 * Compares the header names of a platform's own request, before Tern's {@link dev.tern.Headers} has
 * checked them, with the few names an adapter looks for.
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
}
