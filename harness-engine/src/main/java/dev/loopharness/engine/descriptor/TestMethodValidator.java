package dev.loopharness.engine.descriptor;

import dev.loopharness.api.AsyncTest;
import dev.loopharness.config.HarnessConfig;
import dev.loopharness.engine.annotation.MethodAnnotations;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** Checks an {@code @AsyncTest} declaration; each problem names the method and the fix. */
final class TestMethodValidator {
  private TestMethodValidator() {}

  static List<String> problems(Class<?> testClass, Method method) {
    List<String> problems = new ArrayList<>();
    String where = testClass.getSimpleName() + "." + method.getName() + "()";
    int modifiers = method.getModifiers();
    if (Modifier.isPrivate(modifiers)) {
      problems.add("@AsyncTest method " + where + " is private; the engine cannot call it."
          + " Fix: make it package-private, protected or public.");
    }
    if (Modifier.isStatic(modifiers)) {
      problems.add("@AsyncTest method " + where + " is static; tests run on an instance."
          + " Fix: remove 'static'.");
    }
    Class<?> returns = method.getReturnType();
    // A stage of any kind, a type variable bounded by one included, is awaited; only a return
    // that is not one needs its generic type, for the message.
    if (returns != void.class && !CompletionStage.class.isAssignableFrom(returns)) {
      Type returnType = method.getGenericReturnType();
      if (returnType instanceof TypeVariable<?>) {
        problems.add("@AsyncTest method " + where + " returns the type variable " + returnType
            + "; the engine cannot tell whether to await it."
            + " Fix: return void or CompletionStage<...>.");
      } else {
        problems.add("@AsyncTest method " + where + " returns " + returns.getSimpleName()
            + "; an async test returns void or a CompletionStage that the engine awaits."
            + " Fix: return void, or CompletionStage<...> (e.g. CompletableFuture<Void>).");
      }
    }
    timeoutProblem(where, method).ifPresent(problems::add);
    CONSTRUCTOR_PROBLEM.get(testClass).ifPresent(problems::add);
    return problems;
  }

  private static java.util.Optional<String> timeoutProblem(String where, Method method) {
    AsyncTest annotation = MethodAnnotations.direct(method, AsyncTest.class);
    if (annotation == null || annotation.timeout().isBlank()) {
      return java.util.Optional.empty();
    }
    try {
      HarnessConfig.parseDuration(annotation.timeout());
      return java.util.Optional.empty();
    } catch (IllegalArgumentException e) {
      return java.util.Optional.of("@AsyncTest(timeout = \"" + annotation.timeout() + "\") on " + where
          + " is not a duration: " + e.getMessage());
    }
  }

  private static final ClassValue<java.util.Optional<String>> CONSTRUCTOR_PROBLEM =
      new ClassValue<>() {
        @Override
        protected java.util.Optional<String> computeValue(Class<?> type) {
          return constructorProblem(type);
        }
      };

  private static java.util.Optional<String> constructorProblem(Class<?> testClass) {
    try {
      var constructor = testClass.getDeclaredConstructor();
      if (Modifier.isPrivate(constructor.getModifiers())) {
        return java.util.Optional.of("test class " + testClass.getSimpleName()
            + " has a private no-argument constructor. Fix: make it package-private or public.");
      }
      return java.util.Optional.empty();
    } catch (NoSuchMethodException e) {
      return java.util.Optional.of("test class " + testClass.getSimpleName()
          + " has no no-argument constructor; the engine creates one instance per test."
          + " Fix: add one, and take fixtures as test-method parameters or @Inject fields.");
    }
  }
}
