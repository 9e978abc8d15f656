package dev.loopharness.engine.descriptor;

import dev.loopharness.api.Tag;
import dev.loopharness.engine.annotation.MethodAnnotations;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.engine.TestTag;

/** Reads {@link Tag} annotations into JUnit tags, collecting the invalid ones as problems. */
final class TagsReader {
  private TagsReader() {}

  static Set<TestTag> read(AnnotatedElement element, List<String> problems) {
    Set<TestTag> tags = new LinkedHashSet<>();
    List<Tag> found = element instanceof Method method
        ? MethodAnnotations.findRepeatable(method, Tag.class)
        : AnnotationSupport.findRepeatableAnnotations(element, Tag.class);
    for (Tag tag : found) {
      if (TestTag.isValid(tag.value())) {
        tags.add(TestTag.create(tag.value().trim()));
      } else {
        problems.add("@Tag(\"" + tag.value() + "\") on " + element + " is not a valid JUnit tag:"
            + " tags must not be blank or contain whitespace or any of , ( ) & | !");
      }
    }
    return tags;
  }
}
