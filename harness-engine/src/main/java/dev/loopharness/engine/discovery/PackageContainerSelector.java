package dev.loopharness.engine.discovery;

import java.util.Objects;
import org.junit.platform.engine.DiscoverySelector;

/**
 * Selects the package container of a test class. Internal: used only to find or create a class's
 * parent, so that selecting one class never expands to the rest of its package.
 */
final class PackageContainerSelector implements DiscoverySelector {
  private final String packageName;

  PackageContainerSelector(String packageName) {
    this.packageName = packageName;
  }

  String packageName() {
    return packageName;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PackageContainerSelector that && that.packageName.equals(packageName);
  }

  @Override
  public int hashCode() {
    return Objects.hash(packageName);
  }

  @Override
  public String toString() {
    return "PackageContainerSelector [" + packageName + "]";
  }
}
