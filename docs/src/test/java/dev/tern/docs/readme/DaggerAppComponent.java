package dev.tern.docs.readme;

import java.util.List;

/** What Dagger would generate for {@link AppComponent}, written out: the build has no Dagger. */
public final class DaggerAppComponent implements AppComponent {
  private DaggerAppComponent() {}

  public static AppComponent create() {
    return new DaggerAppComponent();
  }

  @Override
  public Orders orders() {
    return new Orders(List.of("o-1", "o-2"));
  }
}
