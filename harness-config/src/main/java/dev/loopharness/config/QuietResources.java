package dev.loopharness.config;

import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * A class loader's resources as typesafe-config reads them, without the JDK building HTTP-style
 * headers for a {@code file:} resource: typesafe-config asks every resource's connection for its
 * content type, and a file's connection answers by formatting its last-modified date, which loads
 * and initialises the JDK's date and locale machinery (≈ 27 ms of a fork's first discovery, for one
 * {@code application.conf}). The URLs keep their text, so origins and includes are unchanged; with
 * no content type, typesafe-config goes by the file name, as it did for {@code .conf} files.
 */
final class QuietResources extends ClassLoader {
  private static final URLStreamHandler FILES = new URLStreamHandler() {
    @Override
    protected URLConnection openConnection(URL url) throws IOException {
      URL real = new URL(url.toExternalForm());
      return new URLConnection(url) {
        @Override
        public void connect() {
          connected = true;
        }

        @Override
        public InputStream getInputStream() throws IOException {
          return real.openStream();
        }
      };
    }
  };

  QuietResources(ClassLoader parent) {
    super(parent);
  }

  @Override
  public Enumeration<URL> getResources(String name) throws IOException {
    List<URL> urls = new ArrayList<>();
    for (URL url : Collections.list(getParent().getResources(name))) {
      urls.add(quiet(url));
    }
    return Collections.enumeration(urls);
  }

  @Override
  public URL getResource(String name) {
    URL url = getParent().getResource(name);
    return url == null ? null : quiet(url);
  }

  private static URL quiet(URL url) {
    if (!url.getProtocol().equals("file")) {
      return url;
    }
    try {
      return new URL(null, url.toExternalForm(), FILES);
    } catch (MalformedURLException e) {
      return url;
    }
  }
}
