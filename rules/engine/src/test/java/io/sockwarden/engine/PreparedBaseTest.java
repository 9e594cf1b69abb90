package io.sockwarden.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.junit.jupiter.api.Test;

class PreparedBaseTest {
  @Test
  void theBaseBuiltInTheBackgroundIsHandedOutOnceThenEachTakerBuildsItsOwn() {
    AtomicInteger builds = new AtomicInteger();
    AtomicReference<String> thread = new AtomicReference<>();
    PreparedBase base =
        new PreparedBase(
            () -> {
              builds.incrementAndGet();
              thread.compareAndSet(null, Thread.currentThread().getName());
              return KnowledgeBaseFactory.newKnowledgeBase();
            });
    base.start();
    base.start();
    InternalKnowledgeBase first = base.take();
    assertThat(thread.get()).isEqualTo("sockwarden-rules");
    InternalKnowledgeBase second = base.take();
    assertThat(second).isNotSameAs(first);
    assertThat(builds.get()).isEqualTo(2);
  }

  @Test
  void withoutStartTheCallerBuilds() {
    AtomicReference<String> thread = new AtomicReference<>();
    PreparedBase base =
        new PreparedBase(
            () -> {
              thread.set(Thread.currentThread().getName());
              return KnowledgeBaseFactory.newKnowledgeBase();
            });
    assertThat(base.take()).isNotNull();
    assertThat(thread.get()).isEqualTo(Thread.currentThread().getName());
  }

  @Test
  void aBackgroundFailureIsThrownToTheTakerAsItself() {
    PreparedBase base =
        new PreparedBase(
            () -> {
              throw new IllegalStateException("built-in rule model X cannot be loaded");
            });
    base.start();
    assertThatThrownBy(base::take)
        .isExactlyInstanceOf(IllegalStateException.class)
        .hasMessage("built-in rule model X cannot be loaded");
  }

  @Test
  void anInterruptedTakerStillGetsTheBaseAndKeepsItsInterruptFlag() {
    PreparedBase base = new PreparedBase(KnowledgeBaseFactory::newKnowledgeBase);
    base.start();
    Thread.currentThread().interrupt();
    try {
      assertThat(base.take()).isNotNull();
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }
}
