package io.sockwarden.agent.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

class ColumnsTest {
  @Property
  void padsAsStringFormatDoes(
      @ForAll @StringLength(max = 50) String value,
      @ForAll @IntRange(min = 1, max = 60) int width) {
    assertThat(Columns.left(value, width))
        .isEqualTo(String.format(Locale.ROOT, "%-" + width + "s", value));
    assertThat(Columns.right(value, width))
        .isEqualTo(String.format(Locale.ROOT, "%" + width + "s", value));
  }

  @Example
  void numbersAndLongValues() {
    assertThat(Columns.right(42, 7))
        .isEqualTo("     42")
        .isEqualTo(String.format(Locale.ROOT, "%7d", 42));
    assertThat(Columns.left("10.0.0.1:443", 14)).isEqualTo("10.0.0.1:443  ");
    assertThat(Columns.left("longer than the width", 4)).isEqualTo("longer than the width");
    assertThat(Columns.right(-1L, 3)).isEqualTo(" -1");
  }
}
