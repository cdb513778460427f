package dev.nabla.nn.functional;

import dev.nabla.autograd.check.OpCase;
import dev.nabla.autograd.check.Properties;
import dev.nabla.autograd.check.TensorGen;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every loss registered by {@link NnOps} passes gradcheck (F64, PyTorch's tolerances) on generated
 * inputs, and gradgradcheck where registered; the tests module runs the same cases with all others.
 */
class NnOpsProperties {
    @TestFactory
    Stream<DynamicTest> backwardMatchesFiniteDifferences() {
        return NnOps.CASES.stream().map(op -> DynamicTest.dynamicTest(op.name(), () ->
                Properties.forAll(op.name() + " gradcheck", 15, TensorGen.Profile.GRADCHECK, op::gradcheck)));
    }

    @TestFactory
    Stream<DynamicTest> secondOrderMatchesFiniteDifferences() {
        return NnOps.CASES.stream().filter(OpCase::secondOrder).map(op -> DynamicTest.dynamicTest(op.name(), () ->
                Properties.forAll(op.name() + " gradgradcheck", 4, TensorGen.Profile.GRADCHECK, op::gradgradcheck)));
    }
}
