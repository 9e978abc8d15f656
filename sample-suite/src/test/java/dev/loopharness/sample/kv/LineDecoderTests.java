package dev.loopharness.sample.kv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lines survive reads cut anywhere: a plain Jupiter test of the service's framing. */
class LineDecoderTests {
  private final LineDecoder decoder = new LineDecoder(64);
  private final List<String> lines = new ArrayList<>();

  @Test
  void joinsALineSplitAcrossReads() throws IOException {
    feed("PUT k ");
    assertThat(lines).isEmpty();
    feed("v\nGET");
    feed(" k\r\n");
    assertThat(lines).containsExactly("PUT k v", "GET k");
  }

  @Test
  void decodesACharacterSplitAcrossReads() throws IOException {
    byte[] euro = "€\n".getBytes(StandardCharsets.UTF_8);
    for (byte b : euro) {
      decoder.feed(ByteBuffer.wrap(new byte[] {b}), lines);
    }
    assertThat(lines).containsExactly("€");
  }

  @Test
  void keepsEmptyLines() throws IOException {
    feed("\n\nPING\n");
    assertThat(lines).containsExactly("", "", "PING");
  }

  @Test
  void refusesALineLongerThanTheLimit() {
    assertThatThrownBy(() -> feed("x".repeat(65)))
        .isInstanceOf(IOException.class)
        .hasMessage("line longer than 64 bytes");
  }

  private void feed(String text) throws IOException {
    decoder.feed(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), lines);
  }
}
