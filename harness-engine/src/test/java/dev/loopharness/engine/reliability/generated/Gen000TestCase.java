package dev.loopharness.engine.reliability.generated;

import dev.loopharness.api.AsyncTest;
import dev.loopharness.api.Loop;
import dev.loopharness.engine.reliability.HeapProbe;

/**
 * The template of the classes of {@code TenThousandTestsTests}: fifty tests that each leave a timer
 * armed. That test defines copies named {@code Gen001TestCase} to {@code Gen199TestCase} from these
 * bytes (the name has a fixed length, so renaming is a byte substitution); keep the class free of
 * lambdas and nested classes, which would need their own copies.
 */
class Gen000TestCase {
  @AsyncTest void t00(Loop loop) { HeapProbe.leakATimer(loop); }
  @AsyncTest void t01(Loop loop) { HeapProbe.leakATimer(loop); }
  @AsyncTest void t02(Loop loop) { HeapProbe.leakATimer(loop); }
  @AsyncTest void t03(Loop loop) { HeapProbe.leakATimer(loop); }
  @AsyncTest void t04(Loop loop) { HeapProbe.leakATimer(loop); }
  @AsyncTest void t05(Loop loop) { HeapProbe.leakATimer(loop); }
  @AsyncTest void t06(Loop loop) { HeapProbe.leakATimer(loop); }
  @AsyncTest void t07(Loop loop) { HeapProbe.leakATimer(loop); }
  @AsyncTest void t08(Loop loop) { HeapProbe.leakATimer(loop); }
  @AsyncTest void t09(Loop loop) { HeapProbe.leakATimer(loop); }
  @AsyncTest void t10(Loop loop) { HeapProbe.leakATimer(loop); }
  @AsyncTest void t11(Loop loop) { HeapProbe.leakATimer(loop); }
  @AsyncTest void t12(Loop loop) { HeapProbe.leakATimer(loop); }
  @AsyncTest void t13(Loop loop) { HeapProbe.leakATimer(loop); }
  @AsyncTest void t14(Loop loop) { HeapProbe.leakATimer(loop); }
  @AsyncTest void t15(Loop loop) { HeapProbe.leakATimer(loop); }
  @AsyncTest void t16(Loop loop) { HeapProbe.leakATimer(loop); }
  @AsyncTest void t17(Loop loop) { HeapProbe.leakATimer(loop); }
  @AsyncTest void t18(Loop loop) { HeapProbe.leakATimer(loop); }
  @AsyncTest void t19(Loop loop) { HeapProbe.leakATimer(loop); }
  @AsyncTest void t20(Loop loop) { HeapProbe.leakATimer(loop); }
  @AsyncTest void t21(Loop loop) { HeapProbe.leakATimer(loop); }
  @AsyncTest void t22(Loop loop) { HeapProbe.leakATimer(loop); }
  @AsyncTest void t23(Loop loop) { HeapProbe.leakATimer(loop); }
  @AsyncTest void t24(Loop loop) { HeapProbe.leakATimer(loop); }
  @AsyncTest void t25(Loop loop) { HeapProbe.leakATimer(loop); }
  @AsyncTest void t26(Loop loop) { HeapProbe.leakATimer(loop); }
  @AsyncTest void t27(Loop loop) { HeapProbe.leakATimer(loop); }
  @AsyncTest void t28(Loop loop) { HeapProbe.leakATimer(loop); }
  @AsyncTest void t29(Loop loop) { HeapProbe.leakATimer(loop); }
  @AsyncTest void t30(Loop loop) { HeapProbe.leakATimer(loop); }
  @AsyncTest void t31(Loop loop) { HeapProbe.leakATimer(loop); }
  @AsyncTest void t32(Loop loop) { HeapProbe.leakATimer(loop); }
  @AsyncTest void t33(Loop loop) { HeapProbe.leakATimer(loop); }
  @AsyncTest void t34(Loop loop) { HeapProbe.leakATimer(loop); }
  @AsyncTest void t35(Loop loop) { HeapProbe.leakATimer(loop); }
  @AsyncTest void t36(Loop loop) { HeapProbe.leakATimer(loop); }
  @AsyncTest void t37(Loop loop) { HeapProbe.leakATimer(loop); }
  @AsyncTest void t38(Loop loop) { HeapProbe.leakATimer(loop); }
  @AsyncTest void t39(Loop loop) { HeapProbe.leakATimer(loop); }
  @AsyncTest void t40(Loop loop) { HeapProbe.leakATimer(loop); }
  @AsyncTest void t41(Loop loop) { HeapProbe.leakATimer(loop); }
  @AsyncTest void t42(Loop loop) { HeapProbe.leakATimer(loop); }
  @AsyncTest void t43(Loop loop) { HeapProbe.leakATimer(loop); }
  @AsyncTest void t44(Loop loop) { HeapProbe.leakATimer(loop); }
  @AsyncTest void t45(Loop loop) { HeapProbe.leakATimer(loop); }
  @AsyncTest void t46(Loop loop) { HeapProbe.leakATimer(loop); }
  @AsyncTest void t47(Loop loop) { HeapProbe.leakATimer(loop); }
  @AsyncTest void t48(Loop loop) { HeapProbe.leakATimer(loop); }
  @AsyncTest void t49(Loop loop) { HeapProbe.leakATimer(loop); }
}
