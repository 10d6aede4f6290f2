package dev.tern.docs.readme;

/** The app's dependency graph, as a Dagger component declares it. */
public interface AppComponent {
  Orders orders();
}
