package dev.loopharness.engine.leak;


/**
 * Marks every thread with the owner whose code constructed it, through the one thread property that
 * a new thread inherits from its parent and that any thread may read without {@code --add-opens}:
 * the context class loader.
 *
 * <p>While an owner's code runs ({@link Owner#runAs}), the thread's context loader is a {@link Mark}
 * of that owner: a loader without classes of its own that delegates everything to the loader it
 * replaced, so class and resource lookups behave as before. A thread constructed meanwhile copies
 * the mark, and so do the threads it constructs in turn. The owner thread-local is an {@link
 * InheritableThreadLocal} only for its {@code childValue} hook, which the JDK calls on the parent
 * thread inside the child's constructor: there the mark the child gets is stamped with the creation
 * site. Whether the constructor copies the loader before or after calling the hook differs between
 * JDK versions (before up to JDK 20, after from 21); a probe at start-up tells which.
 *
 * <p>Limits: a thread whose creator set its context loader explicitly (a {@code ForkJoinPool}
 * worker, {@code Executors.privilegedThreadFactory()}, {@code Thread.ofPlatform()
 * .inheritInheritableThreadLocals(false)} from JDK 21) carries no mark; code that reads the context
 * loader sees the mark, not the loader it wraps (libraries that cache per context loader cache once
 * per owner); and on JDK 17-20, when one owner constructs threads on two loops at once, the two may
 * share a mark whose creation site is then left empty.
 */
final class ThreadMarks {
  /** Whether Thread's constructor copies the context loader before calling {@code childValue}. */
  static final boolean LOADER_COPIED_FIRST = probe();
  private static final StackWalker WALKER =
      StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

  private ThreadMarks() {}

  /**
   * The owner thread-local: its value is not inherited; a child's construction stamps the child's
   * mark instead (or, when a marked thread outside its owner's code constructs it, the child shares
   * its parent's mark, which then says so).
   */
  static ThreadLocal<Owner> newCurrent() {
    return new InheritableThreadLocal<>() {
      @Override
      protected Owner childValue(Owner parent) {
        if (parent != null) {
          born(parent);
        } else if (Thread.currentThread().getContextClassLoader() instanceof Mark m) {
          m.passedOn();
        }
        return null;
      }
    };
  }

  /** Makes a mark of {@code owner} the calling thread's context loader; returns the loader to restore. */
  static ClassLoader enter(Owner owner) {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    ClassLoader base = previous;
    if (previous instanceof Mark m) {
      if (m.owner == owner) {
        return previous;
      }
      base = m.base;
    }
    if (base == null) {
      // A thread without a context loader keeps it: a mark would change what "no loader" means.
      return previous;
    }
    Mark mark = owner.mark;
    if (mark == null || mark.base != base) {
      mark = new Mark(owner, base);
      owner.mark = mark;
    }
    thread.setContextClassLoader(mark);
    return previous;
  }

  /** Restores the context loader {@link #enter} replaced. */
  static void exit(ClassLoader previous) {
    // Set without reading first: on a loop carrier, reading it is not free (see forConstructor).
    Thread.currentThread().setContextClassLoader(previous);
  }

  /**
   * For a loop carrier's {@code getContextClassLoader()}: {@code loader} (its own context loader),
   * except when a {@code Thread} constructor is asking for the new thread's, on the carrier itself,
   * while an owner's code runs there. Then a fresh mark of that owner, stamped with the first frame
   * of user code. This is the one hook the JDK calls for every thread constructed on the carrier
   * (from JDK 17 on, {@code Thread} reads the parent's loader through this overridable method when a
   * subclass overrides it), also for threads built without inheritable thread-locals such as
   * the JDK HttpClient's selector and worker threads, where {@code childValue} is
   * never called. Cost: one short stack walk, and only while the loader is a mark.
   */
  static ClassLoader forConstructor(Thread carrier, ClassLoader loader) {
    if (!(loader instanceof Mark m) || Thread.currentThread() != carrier) {
      return loader;
    }
    // Skips this method, Owner.forConstructor, the kit's helper and the carrier's getContextClassLoader.
    Class<?> caller = WALKER.walk(frames -> frames.dropWhile(ThreadMarks::isCarrierHook).findFirst()
        .<Class<?>>map(StackWalker.StackFrame::getDeclaringClass).orElse(null));
    if (caller != Thread.class) {
      return loader;
    }
    Mark child = new Mark(m.owner, m.base);
    child.stamp(site());
    return child;
  }

  private static boolean isCarrierHook(StackWalker.StackFrame f) {
    Class<?> type = f.getDeclaringClass();
    return type == ThreadMarks.class || type == Owner.class
        || f.getMethodName().equals("getContextClassLoader")
        || f.getMethodName().equals("carrierContextLoader");
  }

  /** The owner whose code constructed the calling thread (or an ancestor of it), or null. */
  static Owner inherited() {
    return Thread.currentThread().getContextClassLoader() instanceof Mark m ? m.owner : null;
  }

  /** The mark {@code thread} carries, or null. */
  static Mark markOf(Thread thread) {
    return thread.getContextClassLoader() instanceof Mark m ? m : null;
  }

  /** {@code loader} without a mark: what a harness thread should use as its context loader. */
  static ClassLoader unmarked(ClassLoader loader) {
    return loader instanceof Mark m ? m.base : loader;
  }

  // Runs on the parent thread, inside the constructor of the child.
  private static void born(Owner owner) {
    Thread parent = Thread.currentThread();
    if (!(parent.getContextClassLoader() instanceof Mark current) || current.owner != owner) {
      return; // the owner's code replaced the context loader: the child is not marked by us
    }
    String site = site();
    Mark next = new Mark(owner, current.base);
    if (LOADER_COPIED_FIRST) {
      current.stamp(site); // the child already holds it
      owner.mark = next;
    } else {
      next.stamp(site); // the constructor copies it right after this returns
    }
    parent.setContextClassLoader(next);
  }

  private static String site() {
    return WALKER.walk(frames -> frames
        .filter(f -> !isInternal(f.getDeclaringClass()))
        .findFirst()
        .map(f -> {
          String type = f.getClassName();
          String where = f.getFileName() == null ? "Unknown Source"
              : f.getLineNumber() >= 0 ? f.getFileName() + ":" + f.getLineNumber() : f.getFileName();
          return type.substring(type.lastIndexOf('.') + 1) + "." + f.getMethodName() + "(" + where + ")";
        })
        .orElse(""));
  }

  private static boolean isInternal(Class<?> type) {
    return UserFrames.isInternal(type);
  }

  private static boolean probe() {
    Thread thread = Thread.currentThread();
    ClassLoader saved = thread.getContextClassLoader();
    ClassLoader before = new ClassLoader(saved) {};
    ClassLoader after = new ClassLoader(saved) {};
    InheritableThreadLocal<Boolean> hook = new InheritableThreadLocal<>() {
      @Override
      protected Boolean childValue(Boolean value) {
        Thread.currentThread().setContextClassLoader(after);
        return value;
      }
    };
    try {
      thread.setContextClassLoader(before);
      hook.set(Boolean.TRUE);
      Thread child = new Thread(() -> {}, "loop-harness probe");
      HarnessThreadSet.add(child);
      boolean copiedFirst = child.getContextClassLoader() == before;
      // Started so that it does not stay counted as an unstarted thread of its group (JDK 17).
      child.setDaemon(true);
      child.setContextClassLoader(saved);
      child.start();
      return copiedFirst;
    } finally {
      hook.remove();
      thread.setContextClassLoader(saved);
    }
  }

  /**
   * A context loader that names an owner: no classes of its own, everything delegated to the loader
   * it stands in for. Stamped at most once with the creation site of the thread that got it.
   */
  static final class Mark extends ClassLoader {
    static {
      registerAsParallelCapable();
    }

    final Owner owner;
    final ClassLoader base;
    private String site;
    private boolean shared;
    private boolean passedOn;

    Mark(Owner owner, ClassLoader base) {
      super(base);
      this.owner = owner;
      this.base = base;
    }

    synchronized void stamp(String where) {
      if (site == null) {
        site = where;
      } else {
        shared = true;
      }
    }

    /** Where the thread carrying this mark was constructed, or empty when unknown. */
    synchronized String site() {
      return site == null || shared ? "" : site;
    }

    synchronized void passedOn() {
      passedOn = true;
    }

    /** Whether a thread carrying this mark started another, which then carries it too. */
    synchronized boolean isPassedOn() {
      return passedOn;
    }

    @Override
    public String toString() {
      return "loop-harness mark of " + owner.name() + " over " + base;
    }
  }
}
