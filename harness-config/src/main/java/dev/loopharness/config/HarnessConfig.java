package dev.loopharness.config;

import com.typesafe.config.Config;
import dev.loopharness.api.LeakKind;
import dev.loopharness.api.Scope;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Loop Harness settings: every key under {@code harness} in {@code reference.conf}, read and
 * validated once, when the configuration is loaded. Immutable and thread-safe.
 *
 * <p>Layers, lowest priority first: {@code reference.conf}; {@code application.conf} on the class
 * path; the file named by the JUnit configuration parameter {@code harness.config.file} (a path
 * relative to the working directory, else a class path resource); JUnit configuration parameters
 * named {@code harness.*}; system properties named {@code harness.*}.
 */
public final class HarnessConfig {
  private static final String ROOT = ConfigLayers.ROOT + ".";

  private final Scope defaultLoopScope;
  private final Scope defaultTestLoopScope;
  private final CrossLoopPolicy crossLoop;
  private final double timeFactor;
  private final Duration testTimeout;
  private final Duration fixtureTimeout;
  private final Duration drainTimeout;
  private final String loopProvider;
  private final Duration slowCallback;
  private final ClockMode clockMode;
  private final Duration autojumpAfter;
  private final Map<LeakKind, LeakPolicy> leakPolicies = new EnumMap<>(LeakKind.class);
  private final boolean creationSites;
  private final Duration settle;
  private final Path baseline;
  private final boolean baselineWrite;
  private final List<Pattern> ignoreThreads;
  private final List<String> fixtureModules;
  private final boolean parallelEnabled;
  private final int parallelClasses;
  private final Path reportDir;
  private final boolean reportJson;
  private final boolean reportHtml;
  private final boolean reportConsole;
  private final String reportBuildId;
  private final Shard shard;
  private final boolean sessionPerJvm;
  private final boolean reportWarnings;
  private final LeakPolicy fileDescriptors;
  private final Map<String, ConfigValidator.Setting> settings;

  HarnessConfig(ConfigValidator in) {
    defaultLoopScope = in.scope("harness.default-loop-scope");
    defaultTestLoopScope = in.scope("harness.default-test-loop-scope");
    crossLoop =
        in.choice("harness.cross-loop", CrossLoopPolicy.values(), CrossLoopPolicy::configName);
    timeFactor = in.positiveNumber("harness.time-factor");
    testTimeout = scaled(in.duration("harness.timeout.test", false));
    fixtureTimeout = scaled(in.duration("harness.timeout.fixture", false));
    drainTimeout = scaled(in.duration("harness.timeout.drain", true));
    loopProvider = in.string("harness.loop.provider", "default");
    slowCallback = in.duration("harness.loop.slow-callback", false);
    clockMode = in.choice("harness.loop.clock", ClockMode.values(), ClockMode::configName);
    autojumpAfter = in.duration("harness.loop.virtual.autojump-after", true);
    for (LeakKind kind : LeakKind.values()) {
      String path = "harness.leaks." + kind.configName();
      leakPolicies.put(kind, in.choice(path, LeakPolicy.values(), LeakPolicy::configName));
    }
    creationSites = in.bool("harness.leaks.creation-sites");
    settle = scaled(in.duration("harness.leaks.settle", true));
    baseline = in.optionalPath("harness.leaks.baseline", "loop-harness-baseline.json");
    baselineWrite = in.bool(ConfigLayers.BASELINE_WRITE);
    ignoreThreads = in.regexes("harness.leaks.ignore-threads");
    fileDescriptors = in.choice("harness.leaks.file-descriptors",
        new LeakPolicy[] {LeakPolicy.WARN, LeakPolicy.IGNORE}, LeakPolicy::configName);
    fixtureModules = in.classNames("harness.fixtures.modules");
    parallelEnabled = in.bool("harness.parallel.enabled");
    parallelClasses = in.wholeNumber("harness.parallel.classes", 1);
    reportDir = in.path("harness.report.dir", "target/loop-harness");
    reportJson = in.bool("harness.report.json");
    reportHtml = in.bool("harness.report.html");
    reportConsole = in.bool("harness.report.console");
    reportBuildId = in.anyString("harness.report.build-id");
    shard = in.shard("harness.shard");
    sessionPerJvm = in.choice("harness.session.lifetime", new String[] {"jvm", "execution"},
        String::toString).equals("jvm");
    reportWarnings = in.bool("harness.report.warnings");
    settings = Collections.unmodifiableMap(in.settings());
  }

  /**
   * Loads, merges and validates every layer, reading the system properties named {@code harness.*}
   * as they are now.
   *
   * @param classLoader where to find {@code application.conf} and a class path {@code
   *     harness.config.file}; not null
   * @param parameters JUnit configuration parameters; entries not named {@code harness.*} are
   *     ignored; not null
   * @throws HarnessConfigException listing every problem found, each with its origin
   */
  public static HarnessConfig load(ClassLoader classLoader, Map<String, String> parameters) {
    Objects.requireNonNull(classLoader, "classLoader");
    Objects.requireNonNull(parameters, "parameters");
    Map<String, String> systemProperties = ConfigLayers.systemProperties();
    ConfigSources sources = ConfigSources.now(classLoader, parameters, systemProperties);
    Loaded seen = last;
    if (seen != null && seen.sources().sameAs(sources)) {
      return seen.config();
    }
    Problems problems = new Problems();
    Config reference = ConfigLayers.reference();
    Config config =
        new ConfigLayers(classLoader, reference, problems).load(parameters, systemProperties);
    HarnessConfig loaded = validate(config, reference, problems);
    last = new Loaded(sources, loaded);
    return loaded;
  }

  // The last configuration loaded without problems, and what it was read from.
  private record Loaded(ConfigSources sources, HarnessConfig config) {}

  private static volatile Loaded last;

  private static HarnessConfig validate(Config config, Config reference, Problems problems) {
    HarnessConfig harnessConfig =
        new HarnessConfig(new ConfigValidator(config, reference, problems));
    UnknownKeys.report(config, reference, problems);
    problems.throwIfAny();
    return harnessConfig;
  }

  /** The defaults of {@code reference.conf} alone, ignoring every other layer. */
  public static HarnessConfig defaults() {
    return Defaults.INSTANCE;
  }

  /**
   * Parses a HOCON duration with a unit, such as {@code "200ms"}, {@code "5s"} or {@code "1
   * minute"}.
   *
   * @throws IllegalArgumentException naming the value and giving an example, if it is null, has
   *     no unit or is not a duration
   */
  public static Duration parseDuration(String hoconDuration) {
    return Durations.parse(hoconDuration);
  }

  /** Loop scope of fixtures that do not set one ({@code harness.default-loop-scope}). */
  public Scope defaultLoopScope() {
    return defaultLoopScope;
  }

  /** Loop scope of tests without {@code @LoopScope} ({@code harness.default-test-loop-scope}). */
  public Scope defaultTestLoopScope() {
    return defaultTestLoopScope;
  }

  /** What to do when a test uses a fixture on another loop ({@code harness.cross-loop}). */
  public CrossLoopPolicy crossLoop() {
    return crossLoop;
  }

  /** The factor applied to every timeout, greater than 0 ({@code harness.time-factor}). */
  public double timeFactor() {
    return timeFactor;
  }

  /** The test timeout, already multiplied by {@link #timeFactor()}. */
  public Duration testTimeout() {
    return testTimeout;
  }

  /** The fixture timeout, already multiplied by {@link #timeFactor()}. */
  public Duration fixtureTimeout() {
    return fixtureTimeout;
  }

  /** The drain timeout, already multiplied by {@link #timeFactor()}; may be zero. */
  public Duration drainTimeout() {
    return drainTimeout;
  }

  /**
   * {@code raw} multiplied by {@link #timeFactor()}, for timeouts given elsewhere such as {@code
   * @AsyncTest(timeout = "200ms")}. Saturates at the longest {@link Duration} instead of
   * overflowing.
   *
   * @param raw a duration; not null
   */
  public Duration scaled(Duration raw) {
    return Durations.scale(Objects.requireNonNull(raw, "raw"), timeFactor);
  }

  /** The loop implementation; {@code "default"} is the harness's own event loop. */
  public String loopProvider() {
    return loopProvider;
  }

  /** A callback holding its loop longer than this is a blocked-loop leak; not scaled. */
  public Duration slowCallback() {
    return slowCallback;
  }

  /**
   * Which clock loop timers follow by default ({@code harness.loop.clock}): {@link ClockMode#REAL}
   * leaves it to {@code @VirtualTime}, {@link ClockMode#VIRTUAL} puts every loop on virtual time.
   */
  public ClockMode clockMode() {
    return clockMode;
  }

  /**
   * How long a virtual loop with a pending stage and nothing ready stays idle in real time before
   * its clock jumps to the next timer ({@code harness.loop.virtual.autojump-after}); zero or more,
   * not scaled by the time factor.
   */
  public Duration autojumpAfter() {
    return autojumpAfter;
  }

  /** The policy for {@code kind} ({@code harness.leaks.<kind>}); never null. */
  public LeakPolicy leakPolicy(LeakKind kind) {
    return leakPolicies.get(Objects.requireNonNull(kind, "kind"));
  }

  /** Whether to record a stack trace where each tracked item was created. */
  public boolean creationSites() {
    return creationSites;
  }

  /**
   * How long a drain lets loops run what is ready before it reports ({@code harness.leaks.settle}),
   * already multiplied by {@link #timeFactor()}; zero turns settling off.
   */
  public Duration settle() {
    return settle;
  }

  /** The leak baseline file ({@code harness.leaks.baseline}), or null when there is none. */
  public Path baseline() {
    return baseline;
  }

  /**
   * Whether this run writes the baseline file instead of applying it ({@code
   * -Dharness.leaks.baseline.write=true}, or {@code harness.leaks.baseline-write} in a file).
   */
  public boolean baselineWrite() {
    return baselineWrite;
  }

  /** Thread names matching any of these are never reported as leaks; unmodifiable. */
  public List<Pattern> ignoreThreads() {
    return ignoreThreads;
  }

  /** Class names of Guice modules installed for every test class; unmodifiable. */
  public List<String> fixtureModules() {
    return fixtureModules;
  }

  /** Whether test classes run concurrently ({@code harness.parallel.enabled}). */
  public boolean parallelEnabled() {
    return parallelEnabled;
  }

  /** How many test classes run at once when parallel, at least 1. */
  public int parallelClasses() {
    return parallelClasses;
  }

  /** Directory for reports, as configured (relative paths start at the working directory). */
  public Path reportDir() {
    return reportDir;
  }

  /** Whether to write {@code report.json}. */
  public boolean reportJson() {
    return reportJson;
  }

  /** Whether to write {@code report.html}. */
  public boolean reportHtml() {
    return reportHtml;
  }

  /** Whether to print the one-screen summary at the end of the run. */
  public boolean reportConsole() {
    return reportConsole;
  }

  /**
   * What ties the JVMs of one build together in the report directory; empty (the default) means
   * the harness works it out from the process that forked this JVM.
   */
  public String reportBuildId() {
    return reportBuildId;
  }

  /**
   * Whether a session lives as long as the JVM's launcher session, across launcher executions
   * ({@code harness.session.lifetime = jvm}), rather than ending with each execution.
   */
  public boolean sessionPerJvm() {
    return sessionPerJvm;
  }

  /** The shard of test classes this run keeps ({@code harness.shard}); empty to keep every class. */
  public java.util.Optional<Shard> shard() {
    return java.util.Optional.ofNullable(shard);
  }

  /**
   * What to do when a test ends with more open file descriptors than it started with ({@code
   * harness.leaks.file-descriptors}): {@link LeakPolicy#WARN} or {@link LeakPolicy#IGNORE}.
   */
  public LeakPolicy fileDescriptors() {
    return fileDescriptors;
  }

  /** Whether to print each warning with its test, on the test's standard output, while it runs. */
  public boolean reportWarnings() {
    return reportWarnings;
  }

  /**
   * Where the value of {@code path} came from: {@code "application.conf: 2"}, {@code
   * "default in reference.conf"}, {@code "JUnit configuration parameter harness.default-loop-scope"}
   * or {@code "system property harness.default-loop-scope"}.
   *
   * @param path a key such as {@code harness.default-loop-scope}; the {@code harness.} prefix may
   *     be left out
   * @throws IllegalArgumentException if there is no such key
   */
  public String describeOrigin(String path) {
    return setting(path).origin();
  }

  /**
   * The key, its value and its origin, for messages: {@code
   * "harness.default-loop-scope = function (application.conf: 2)"}, or {@code "... (default in
   * reference.conf)"}.
   *
   * @param path a key such as {@code harness.default-loop-scope}; the {@code harness.} prefix may
   *     be left out
   * @throws IllegalArgumentException if there is no such key
   */
  public String describe(String path) {
    ConfigValidator.Setting setting = setting(path);
    String origin =
        setting.origin().equals(Origins.DEFAULT) ? "default in reference.conf" : setting.origin();
    return qualified(path) + " = " + setting.value() + " (" + origin + ")";
  }

  /** Every key with its value and origin, one per line. */
  @Override
  public String toString() {
    return settings.keySet().stream()
        .map(this::describe)
        .collect(Collectors.joining("\n", "HarnessConfig:\n", ""));
  }

  private ConfigValidator.Setting setting(String path) {
    ConfigValidator.Setting setting = settings.get(qualified(Objects.requireNonNull(path, "path")));
    if (setting == null) {
      throw new IllegalArgumentException(
          "No configuration key '" + path + "'. " + UnknownKeys.SEE_REFERENCE);
    }
    return setting;
  }

  private static String qualified(String path) {
    return path.startsWith(ROOT) ? path : ROOT + path;
  }

  private static final class Defaults {
    static final HarnessConfig INSTANCE =
        validate(ConfigLayers.reference(), ConfigLayers.reference(), new Problems());
  }
}
