package dev.loopharness.engine.loop;

import java.util.Arrays;

/** A binary min-heap of timers by deadline, then arming order; used only by its loop thread. */
final class TimerHeap {
  private DefaultTimer[] heap = new DefaultTimer[16];
  private int size;
  private long nextSeq;

  boolean isEmpty() {
    return size == 0;
  }

  int size() {
    return size;
  }

  void add(DefaultTimer t) {
    t.heapSeq = nextSeq++;
    if (size == heap.length) {
      heap = Arrays.copyOf(heap, size * 2);
    }
    heap[size] = t;
    up(size++);
  }

  DefaultTimer peek() {
    return size == 0 ? null : heap[0];
  }

  DefaultTimer poll() {
    if (size == 0) {
      return null;
    }
    DefaultTimer top = heap[0];
    heap[0] = heap[--size];
    heap[size] = null;
    if (size > 0) {
      down(0);
    }
    return top;
  }

  void clear() {
    Arrays.fill(heap, 0, size, null);
    size = 0;
  }

  /** Drops cancelled timers, which are otherwise removed lazily when they come up. */
  void removeDisarmed() {
    int kept = 0;
    for (int i = 0; i < size; i++) {
      if (heap[i].isWaiting()) {
        heap[kept++] = heap[i];
      }
    }
    Arrays.fill(heap, kept, size, null);
    size = kept;
    for (int i = size / 2 - 1; i >= 0; i--) {
      down(i);
    }
  }

  private static boolean less(DefaultTimer a, DefaultTimer b) {
    long d = a.deadline() - b.deadline();
    return d < 0 || (d == 0 && a.heapSeq < b.heapSeq);
  }

  private void up(int i) {
    DefaultTimer t = heap[i];
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!less(t, heap[parent])) {
        break;
      }
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = t;
  }

  private void down(int i) {
    DefaultTimer t = heap[i];
    int half = size >>> 1;
    while (i < half) {
      int child = 2 * i + 1;
      if (child + 1 < size && less(heap[child + 1], heap[child])) {
        child++;
      }
      if (!less(heap[child], t)) {
        break;
      }
      heap[i] = heap[child];
      i = child;
    }
    heap[i] = t;
  }
}
