package io.ctpipe.dicom.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body of at most a given size: a declared Content-Length above it fails before any byte is
 * kept, and a body that grows past it fails as soon as it does (the exchange is cancelled), so no response is ever
 * buffered beyond the bound.
 */
final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {
  private final CompletableFuture<byte[]> result = new CompletableFuture<>();
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final long maxBytes;
  private final long declared;
  private Flow.Subscription subscription;

  /** A body larger than the bound. */
  static final class TooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    TooLargeException(String message) {
      super(message);
    }
  }

  private BoundedBody(long maxBytes, long declared) {
    this.maxBytes = maxBytes;
    this.declared = declared;
  }

  /** A body handler whose bodies hold at most {@code maxBytes}. */
  static HttpResponse.BodyHandler<byte[]> handler(long maxBytes) {
    return info -> new BoundedBody(maxBytes, info.headers().firstValueAsLong("Content-Length").orElse(-1));
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    if (declared > maxBytes) {
      s.cancel();
      result.completeExceptionally(new TooLargeException("the response declares " + declared + " bytes, more than "
          + "the limit of " + maxBytes));
      return;
    }
    s.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(List<ByteBuffer> items) {
    for (ByteBuffer item : items) {
      if (bytes.size() + (long) item.remaining() > maxBytes) {
        subscription.cancel();
        result.completeExceptionally(new TooLargeException("the response exceeds the limit of " + maxBytes
            + " bytes"));
        return;
      }
      byte[] chunk = new byte[item.remaining()];
      item.get(chunk);
      bytes.write(chunk, 0, chunk.length);
    }
  }

  @Override
  public void onError(Throwable error) {
    result.completeExceptionally(error);
  }

  @Override
  public void onComplete() {
    result.complete(bytes.toByteArray());
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return result;
  }
}
