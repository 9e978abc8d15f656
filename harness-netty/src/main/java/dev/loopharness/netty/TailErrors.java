package dev.loopharness.netty;

import dev.loopharness.engine.kit.CallbackErrors;
import io.netty.util.internal.logging.InternalLogger;
import io.netty.util.internal.logging.InternalLoggerFactory;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Reports an {@code exceptionCaught} that reached the tail of a pipeline on a harness loop as an
 * unhandled error of the owner whose code was running. Netty's tail only logs it, through the
 * logger of {@code DefaultChannelPipeline}, so this wraps Netty's logger factory and intercepts
 * that one message; everything else (and that message on other threads) goes to Netty's logger as
 * before. A pipeline cannot be replaced for every channel, and a handler added last stops being
 * last when user code adds one after it; the log call is the one place every tail goes through.
 */
final class TailErrors extends InternalLoggerFactory {
  static final String TAIL_MESSAGE = "An exceptionCaught() event was fired, and it reached at the tail";
  private static final String PIPELINE = "io.netty.channel.DefaultChannelPipeline";
  private static final Object INSTALL = new Object();
  private static boolean installed;
  private static volatile boolean wired;

  private final InternalLoggerFactory delegate;

  private TailErrors(InternalLoggerFactory delegate) {
    this.delegate = delegate;
  }

  /**
   * Puts the wrapping factory in place once per JVM, before {@code DefaultChannelPipeline} takes
   * its logger; if it already had one (Netty channels were made in this JVM before the harness
   * ran), says once on stderr that tail exceptions cannot be reported.
   */
  static void install() {
    synchronized (INSTALL) {
      if (installed) {
        return;
      }
      installed = true;
      InternalLoggerFactory.setDefaultFactory(new TailErrors(InternalLoggerFactory.getDefaultFactory()));
      try {
        Class.forName(PIPELINE, true, TailErrors.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException("netty-transport is not on the test classpath", e);
      }
      if (!wired) {
        System.err.println("Loop Harness: exceptions that reach the tail of a Netty pipeline cannot be"
            + " reported as unhandled errors in this JVM: " + PIPELINE + " took its logger before the"
            + " harness started (Netty channels were created earlier in this JVM).");
      }
    }
  }

  /** Whether tail exceptions are intercepted in this JVM. */
  static boolean wired() {
    return wired;
  }

  @Override
  protected InternalLogger newInstance(String name) {
    InternalLogger real = delegateLogger(name);
    if (!PIPELINE.equals(name)) {
      return real;
    }
    wired = true;
    return (InternalLogger) Proxy.newProxyInstance(TailErrors.class.getClassLoader(),
        new Class<?>[] {InternalLogger.class}, new Tail(real));
  }

  // newInstance is protected in another package: called reflectively (netty-common is not a named module).
  private InternalLogger delegateLogger(String name) {
    try {
      Method m = InternalLoggerFactory.class.getDeclaredMethod("newInstance", String.class);
      m.setAccessible(true);
      return (InternalLogger) m.invoke(delegate, name);
    } catch (InvocationTargetException e) {
      throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException("cannot create Netty's logger " + name, e);
    }
  }

  /** Records the tail's message on a harness loop's owner; delegates every other call. */
  private static final class Tail implements InvocationHandler {
    private final InternalLogger real;

    Tail(InternalLogger real) {
      this.real = real;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      if (method.getName().equals("warn") && args != null && args.length == 2
          && args[0] instanceof String message && message.startsWith(TAIL_MESSAGE)
          && args[1] instanceof Throwable cause) {
        if (CallbackErrors.recordForRunningOwner(cause,
            "a channel pipeline: exceptionCaught() reached the tail of the pipeline (no handler handled it)",
            firstUserFrame(cause))) {
          return null;
        }
      }
      if (method.getDeclaringClass() == Object.class) {
        return method.invoke(this, args);
      }
      try {
        return method.invoke(real, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }
  }

  private static String firstUserFrame(Throwable cause) {
    for (StackTraceElement f : cause.getStackTrace()) {
      if (!NettySites.isInternal(f.getClassName())) {
        String cls = f.getClassName();
        return cls.substring(cls.lastIndexOf('.') + 1) + "." + f.getMethodName() + "("
            + (f.getFileName() == null ? "Unknown Source"
                : f.getFileName() + (f.getLineNumber() >= 0 ? ":" + f.getLineNumber() : "")) + ")";
      }
    }
    return "";
  }
}
