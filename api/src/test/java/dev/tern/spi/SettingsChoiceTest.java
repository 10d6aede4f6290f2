package dev.tern.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.ConfigurationException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsChoiceTest {
  @Test
  void unsetOrBlankIsTheFirstChoice() {
    assertThat(Settings.of(Map.of()).choice("MODE", "block", "validation")).isEqualTo("block");
    assertThat(Settings.of(Map.of("MODE", "  ")).choice("MODE", "block", "validation"))
        .isEqualTo("block");
  }

  @Test
  void matchesIgnoringCaseAndSurroundingBlanksAndReturnsTheChoiceAsDeclared() {
    assertThat(Settings.of(Map.of("MODE", " Validation ")).choice("MODE", "block", "validation"))
        .isEqualTo("validation");
  }

  @Test
  void refusesAnyOtherValueNamingTheSettingTheValueAndTheChoices() {
    Settings settings = Settings.of(Map.of("MODE", "adaptor"));

    assertThatThrownBy(() -> settings.choice("MODE", "adapter", "functions", "off"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("MODE is \"adaptor\"; use adapter (the default), functions or off");
  }

  @Test
  void aFlagIsTrueOnlyForTrueAndRefusesWhatIsNeitherTrueNorFalse() {
    assertThat(Settings.of(Map.of("FLAG", "TRUE")).flag("FLAG")).isTrue();
    assertThat(Settings.of(Map.of("FLAG", "false")).flag("FLAG")).isFalse();
    assertThat(Settings.of(Map.of()).flag("FLAG")).isFalse();
    assertThatThrownBy(() -> Settings.of(Map.of("FLAG", "yes")).flag("FLAG"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("FLAG is \"yes\"; use false (the default) or true");
  }
}
