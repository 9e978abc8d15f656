"""W1's test bodies, shared by the generators so that every runner runs the very same code."""

# Ten completed futures gathered on the test thread (jupiter-body, bare-body); DIRECT is the test
# class's `Executor DIRECT = Runnable::run`.
FUTURES = [
    "    List<CompletableFuture<Integer>> ts = new ArrayList<>(10);",
    "    for (int k = 0; k < 10; k++) { final int v = k; ts.add(CompletableFuture.supplyAsync(() -> v, DIRECT)); }",
    "    CompletableFuture.allOf(ts.toArray(new CompletableFuture<?>[0])).thenAccept(x -> {",
    "      int s = 0; for (CompletableFuture<Integer> t : ts) s += t.join();",
    "      if (s != 45) throw new AssertionError(\"sum \" + s);",
    "    }).join();",
    "  }",
]

# The vertx-junit5 anchor's body: ten promises completed through runOnContext on the Vert.x context
# `c`, gathered with Future.all, returned as a stage.
VERTX = [
    "    List<Future<Integer>> fs = new ArrayList<>(10);",
    "    for (int k = 0; k < 10; k++) { final int v = k; Promise<Integer> p = Promise.promise(); c.runOnContext(x -> p.complete(v)); fs.add(p.future()); }",
    "    return Future.all(fs).<Void>map(cf -> {",
    "      int s = 0; for (int k = 0; k < 10; k++) s += cf.<Integer>resultAt(k);",
    "      if (s != 45) throw new AssertionError(\"sum \" + s);",
    "      return null;",
    "    }).toCompletionStage();",
    "  }",
]
