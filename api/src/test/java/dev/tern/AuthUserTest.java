package dev.tern;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuthUserTest {
  @Test
  void printsTheIdElseTheUsernameAndNeverTheContactDetails() {
    AuthUser both = AuthUser.builder().id("u-1").username("ada").email("ada@example.com").build();
    AuthUser named = AuthUser.builder().username("ada").phone("+15550100").build();
    AuthUser unnamed = AuthUser.builder().email("ada@example.com").build();

    assertThat(both).hasToString("AuthUser[u-1]");
    assertThat(named).hasToString("AuthUser[ada]");
    assertThat(unnamed).hasToString("AuthUser[no id or username yet]");
  }
}
