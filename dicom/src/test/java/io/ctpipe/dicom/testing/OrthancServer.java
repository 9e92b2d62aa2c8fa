package io.ctpipe.dicom.testing;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A real Orthanc (Debian packages orthanc and orthanc-dicomweb) on a free loopback port with its own temporary
 * storage, started for a test and stopped with {@link #close()}.
 */
public final class OrthancServer implements AutoCloseable {
  private static final String ORTHANC = "/usr/sbin/Orthanc";
  private static final String DICOMWEB_PLUGIN = "/usr/share/orthanc/plugins/libOrthancDicomWeb.so";

  private final Process process;
  private final Path home;
  private final int port;

  private OrthancServer(Process process, Path home, int port) {
    this.process = process;
    this.home = home;
    this.port = port;
  }

  public static OrthancServer start() throws Exception {
    ExternalTools.require(ORTHANC);
    ExternalTools.requireFile(DICOMWEB_PLUGIN);
    Path home = Files.createTempDirectory("ctpipe-orthanc");
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    Path config = home.resolve("orthanc.json");
    Files.writeString(config, String.format("""
        {
          "Name": "ctpipe-test",
          "StorageDirectory": "%s",
          "IndexDirectory": "%s",
          "HttpPort": %d,
          "RemoteAccessAllowed": false,
          "AuthenticationEnabled": false,
          "DicomServerEnabled": false,
          "HttpBindAddress": "127.0.0.1",
          "Plugins": ["%s"],
          "DicomWeb": {"Enable": true, "Root": "/dicom-web/"}
        }
        """, home.resolve("storage"), home.resolve("index"), port, DICOMWEB_PLUGIN));
    Process process = new ProcessBuilder(ORTHANC, config.toString())
        .redirectOutput(home.resolve("orthanc.log").toFile()).redirectErrorStream(true).start();
    OrthancServer server = new OrthancServer(process, home, port);
    server.awaitReady();
    return server;
  }

  /** The DICOMweb root. */
  public URI dicomWeb() {
    return URI.create("http://127.0.0.1:" + port + "/dicom-web");
  }

  private void awaitReady() throws Exception {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("Orthanc exited: " + Files.readString(home.resolve("orthanc.log")));
      }
      try {
        HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/system").toURL()
            .openConnection();
        c.setConnectTimeout(500);
        if (c.getResponseCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    close();
    throw new IOException("Orthanc did not start within 60 s");
  }

  @Override
  public void close() throws IOException {
    process.destroy();
    try {
      process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process.destroyForcibly();
    try (Stream<Path> walk = Files.walk(home)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
