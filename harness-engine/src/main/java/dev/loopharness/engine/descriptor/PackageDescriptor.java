package dev.loopharness.engine.descriptor;

import dev.loopharness.api.Scope;
import dev.loopharness.engine.execution.HarnessExecutionContext;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.PackageSource;
import org.junit.platform.engine.support.hierarchical.Node;

/** The test classes of one Java package: the PACKAGE scope ends when this container finishes. */
public final class PackageDescriptor extends AbstractTestDescriptor
    implements ReportedNode {

  /** The unique id segment type. */
  public static final String SEGMENT_TYPE = "package";
  /** The segment value used for the unnamed package. */
  public static final String DEFAULT_PACKAGE = "(default)";

  private final String packageName;

  PackageDescriptor(UniqueId uniqueId, String packageName) {
    super(uniqueId, packageName.isEmpty() ? DEFAULT_PACKAGE : packageName, PackageSource.from(packageName));
    this.packageName = packageName;
  }

  /** Creates the container for {@code packageName} under {@code parent}. */
  public static PackageDescriptor create(UniqueId parent, String packageName) {
    return new PackageDescriptor(parent.append(SEGMENT_TYPE, segmentValue(packageName)), packageName);
  }

  /** The unique id segment value for {@code packageName}. */
  public static String segmentValue(String packageName) {
    return packageName.isEmpty() ? DEFAULT_PACKAGE : packageName;
  }

  /** The package name; empty for the unnamed package. */
  public String packageName() {
    return packageName;
  }

  @Override
  public Type getType() {
    return Type.CONTAINER;
  }

  @Override
  public HarnessExecutionContext before(HarnessExecutionContext context) {
    return context.enterScope(Scope.PACKAGE, "package " + getDisplayName(), this);
  }

  @Override
  public void after(HarnessExecutionContext context) throws Exception {
    context.exitScope(Scope.PACKAGE, this);
  }
}
