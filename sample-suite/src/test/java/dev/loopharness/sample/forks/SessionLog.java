package dev.loopharness.sample.forks;

import dev.loopharness.api.FixtureModule;
import dev.loopharness.api.Scope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A SESSION fixture that appends {@code setup <jvm>} and {@code teardown <jvm>} to the file named by
 * the system property {@code forks.log}, so that a check run after the forked runs can count how
 * often each JVM set up its session (once, however many classes it ran).
 */
public final class SessionLog extends FixtureModule {
  /** The session-wide fixture: which JVM it belongs to. */
  public record Jvm(String id) {}

  @Override
  protected void fixtures() {
    fixture(Jvm.class).scope(Scope.SESSION).loopScope(Scope.SESSION)
        .setup(ctx -> {
          Jvm jvm = new Jvm(id());
          append("setup " + jvm.id());
          return jvm;
        })
        .teardown(jvm -> append("teardown " + jvm.id()));
  }

  /** {@code pid-startMillis}: how the report names this JVM, before its session number. */
  static String id() {
    ProcessHandle self = ProcessHandle.current();
    return self.pid() + "-" + self.info().startInstant().orElseThrow().toEpochMilli();
  }

  private static synchronized void append(String line) {
    Path log = Path.of(System.getProperty("forks.log", "target/fork-sessions/default.log"));
    try {
      Files.createDirectories(log.toAbsolutePath().getParent());
      Files.writeString(log, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
