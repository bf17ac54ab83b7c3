package org.recsys4j.core.data;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.recsys4j.core.Check;

/** Wrappers around {@link BatchSource}s. */
public final class BatchSources {
  private static final Object END = new Object();

  private BatchSources() {}

  /**
   * {@code source} with its batches prepared on a thread of their own, up to {@code depth} batches
   * ahead of the consumer, so reading, decoding, shuffling and copying overlap the trainer's step.
   *
   * <p>Each {@link BatchSource#open} starts one daemon thread ({@code recsys4j-prefetch-<name>})
   * that opens the wrapped source's pass and fills a bounded queue; the order of batches is
   * unchanged. An exception on that thread is rethrown, unchanged, by the consumer's next {@link
   * BatchStream#next()} once the batches before it are taken. {@link BatchStream#close()} stops the
   * thread and closes the wrapped pass; it returns within about a second even if the thread is
   * blocked in a read.
   *
   * @param depth batches prepared ahead, at least 1
   */
  public static BatchSource prefetch(BatchSource source, int depth) {
    Check.notNull("source", source);
    Check.positive("prefetch.depth", depth);
    return new BatchSource() {
      @Override
      public int batchSize() {
        return source.batchSize();
      }

      @Override
      public long rows() {
        return source.rows();
      }

      @Override
      public BatchLayout layout() {
        return source.layout();
      }

      @Override
      public String name() {
        return source.name();
      }

      @Override
      public BatchStream open(int epoch) {
        Check.nonNegative("epoch", epoch);
        return new Prefetching(source, epoch, depth);
      }
    };
  }

  private static final class Prefetching implements BatchStream {
    private final BlockingQueue<Object> queue;
    private final Thread thread;
    private volatile boolean closed;
    private boolean ended;

    Prefetching(BatchSource source, int epoch, int depth) {
      this.queue = new ArrayBlockingQueue<>(depth + 1);
      this.thread = new Thread(() -> produce(source, epoch), "recsys4j-prefetch-" + source.name());
      thread.setDaemon(true);
      thread.start();
    }

    private void produce(BatchSource source, int epoch) {
      Object last = END;
      try (BatchStream s = source.open(epoch)) {
        for (TrainingBatch b; !closed && (b = s.next()) != null; ) {
          queue.put(b);
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException | Error e) {
        last = e;
      }
      try {
        while (!closed && !queue.offer(last, 100, TimeUnit.MILLISECONDS)) {
          // the consumer is still taking earlier batches
        }
      } catch (InterruptedException e) {
        // closed while handing over the end
      }
    }

    @Override
    public TrainingBatch next() {
      Check.state(!closed, "prefetching stream is closed");
      if (ended) {
        return null;
      }
      Object o;
      try {
        o = queue.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the next batch", e);
      }
      if (o == END) {
        ended = true;
        return null;
      }
      if (o instanceof RuntimeException e) {
        ended = true;
        throw e;
      }
      if (o instanceof Error e) {
        ended = true;
        throw e;
      }
      return (TrainingBatch) o;
    }

    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      thread.interrupt();
      queue.clear();
      try {
        thread.join(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
